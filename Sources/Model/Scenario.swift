/// A recorded run: a design (inline or a file pinned by its SHA-256), the seed and run length, a failure timeline
/// added to the design's, and the user's actions with the simulated time of each. Replaying it gives the same run,
/// event for event; `fingerprint` and `events` are what the last recorded replay measured.
public struct Scenario: Sendable, Equatable {
    /// The `sdw_scenario:` version this sdw reads and writes.
    public static let formatVersion = 1

    /// Where the design comes from.
    public enum DesignSource: Sendable, Equatable {
        /// Written out in full under `design:`.
        case inline
        /// A design file, by its path as written (relative to the scenario file) and the SHA-256 of its bytes.
        case file(path: String, sha256: String)
    }

    public var name: String
    public var description: String
    public var designSource: DesignSource
    /// The design as loaded (without the scenario's own failures).
    public var design: Design
    /// Overrides of the design's seed, duration and warm-up.
    public var seed: UInt64?
    public var durationS: Double?
    public var warmupS: Double?
    /// Failures added to the design's own timeline (same format as a design's `failures:`).
    public var failures: [FailureEvent]
    /// In time order; actions at the same time keep their file order.
    public var actions: [ScenarioAction]
    /// The expected result of a replay: the engine's fingerprint and its event count.
    public var fingerprint: String?
    public var events: UInt64?
    /// The scenario file (or a label).
    public var source: String

    public init(name: String, description: String = "", designSource: DesignSource = .inline, design: Design,
                seed: UInt64? = nil, durationS: Double? = nil, warmupS: Double? = nil, failures: [FailureEvent] = [],
                actions: [ScenarioAction] = [], fingerprint: String? = nil, events: UInt64? = nil, source: String = "<memory>") {
        self.name = name
        self.description = description
        self.designSource = designSource
        self.design = design
        self.seed = seed
        self.durationS = durationS
        self.warmupS = warmupS
        self.failures = failures
        self.actions = actions
        self.fingerprint = fingerprint
        self.events = events
        self.source = source
    }

    /// The design the engine runs: the scenario's failures merged into the design's timeline (time order, the
    /// design's first at equal times).
    public var runDesign: Design {
        var design = design
        let merged = (design.failures + failures).enumerated().sorted { ($0.element.atS, $0.offset) < ($1.element.atS, $1.offset) }
        design.failures = merged.map(\.element)
        return design
    }

    /// The simulated length of the replay.
    public var effectiveDurationS: Double { durationS ?? design.simulation.durationS }
}

/// One thing the user did during a recorded run, at a simulated time.
public struct ScenarioAction: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The offered base rate changes (requests per second).
        case rate(Double)
        /// A numeric parameter edit applied live (`web.workers`, `db.service_time`, `web.queue_capacity`).
        case set(DesignParameter, Double)
        /// One instance, or with nil every instance, of a component crashes (a cache comes back empty).
        case crash(component: String, instance: Int?)
        /// One instance, or with nil every instance, comes back (and the component's speed is restored).
        case recover(component: String, instance: Int?)
        /// A component's service times are multiplied by `factor` (1 restores it).
        case slow(component: String, factor: Double)
    }

    public var atS: Double
    public var kind: Kind
    public var location: SourceLocation?

    public init(atS: Double, _ kind: Kind, location: SourceLocation? = nil) {
        self.atS = atS
        self.kind = kind
        self.location = location
    }

    public static func == (lhs: ScenarioAction, rhs: ScenarioAction) -> Bool { lhs.atS == rhs.atS && lhs.kind == rhs.kind }

    /// The component it names, if any.
    public var component: String? {
        switch kind {
        case .rate: return nil
        case .set(let parameter, _): return parameter.component
        case .crash(let id, _), .recover(let id, _), .slow(let id, _): return id
        }
    }

    /// "12.5s crash db#0", for logs and the timeline bar.
    public var description: String {
        let what: String
        switch kind {
        case .rate(let rate): what = "rate → \(Units.formatRate(rate))/s"
        case .set(let parameter, let value): what = "set \(parameter) = \(parameter.format(value))"
        case .crash(let id, let instance): what = "crash \(id)" + (instance.map { "#\($0)" } ?? "")
        case .recover(let id, let instance): what = "recover \(id)" + (instance.map { "#\($0)" } ?? "")
        case .slow(let id, let factor): what = "slow \(id) ×\(Units.trim(factor))"
        }
        return "\(Units.formatDuration(atS)) \(what)"
    }
}
