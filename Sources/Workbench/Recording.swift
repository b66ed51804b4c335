import Foundation
import Model

/// A scenario being recorded (`R`): the run as it was at t=0 and every change made to it since, at its simulated time.
///
/// While recording, the session applies each change through the scenario player (the same code a replay uses), so
/// the recorded run and its replay are the same run event for event.
public struct Recording: Sendable, Equatable {
    /// The design at t=0, with the failure timeline the engine runs.
    public var design: Design
    public var seed: UInt64
    /// Set when recording from a replay: the replayed scenario's length and warm-up.
    public var durationS: Double?
    public var warmupS: Double?
    /// The design's file when it was saved and unmodified at the start: the scenario then pins it by path + SHA-256.
    public var designFile: String?
    public var actions: [ScenarioAction] = []
    /// What the engine runs now: the next edit is compared with it to find what changed.
    public var engineDesign: Design
    /// Given with `:record NAME`: the stop saves under it without asking.
    public var name: String?
    /// How far the recorded run got (simulated seconds).
    public var endS: Double = 0

    public init(design: Design, seed: UInt64, designFile: String?, durationS: Double? = nil, warmupS: Double? = nil, name: String? = nil) {
        self.design = design
        self.seed = seed
        self.designFile = designFile
        self.durationS = durationS
        self.warmupS = warmupS
        self.name = name
        engineDesign = design
    }

    /// The scenario to save: the design inline (the session swaps in a path + SHA-256 reference when the file still
    /// holds this design), the seed, and the actions. The length is the design's, or long enough for the recording.
    public func scenario(name: String) -> Scenario {
        var duration = durationS
        let designDuration = durationS ?? design.simulation.durationS
        let reached = max(endS, actions.last?.atS ?? 0)
        if duration == nil, reached >= designDuration { duration = (reached + 1).rounded(.down) }
        let span = Units.formatDuration(reached)
        let count = actions.count == 1 ? "1 action" : "\(actions.count) actions"
        return Scenario(name: name, description: "Recorded in the workbench on \(design.name): \(count) over \(span).",
                        designSource: .inline, design: design, seed: seed, durationS: duration, warmupS: warmupS,
                        actions: actions)
    }

    /// The time an action recorded now takes effect: the clock rounded up to the millisecond, so the file reads
    /// `at: 12.346s` rather than seventeen digits (the session runs the engine that last fraction first).
    public static func time(_ simTime: Double) -> Double {
        (simTime * 1000).rounded(.up) / 1000
    }
}

/// What changed between the design the engine runs and an edited one, in scenario actions.
public enum ScenarioDiff {
    public enum Outcome: Sendable, Equatable {
        /// Nothing the run sees (a block moved, a name or a description).
        case nothing
        case actions([ScenarioAction.Kind])
        /// A change a scenario cannot replay, and why.
        case unrecordable(String)
    }

    public static func between(_ old: Design, _ new: Design) -> Outcome {
        guard old.components.map(\.id) == new.components.map(\.id) else {
            return .unrecordable("adding, removing or renaming blocks changes the design's shape")
        }
        var current = old
        var kinds: [ScenarioAction.Kind] = []
        if new.workload.rateRPS != old.workload.rateRPS {
            kinds.append(.rate(new.workload.rateRPS))
            current.workload.rateRPS = new.workload.rateRPS
        }
        for (index, (before, after)) in zip(old.components, new.components).enumerated() {
            if before.instances != after.instances {
                return .unrecordable("\(after.id).instances changes the design's shape, which restarts the run")
            }
            if before.workers != after.workers {
                kinds.append(.set(DesignParameter(component: after.id, key: .workers), Double(after.workers)))
                current.components[index].workers = after.workers
            }
            if before.queueCapacity != after.queueCapacity {
                kinds.append(.set(DesignParameter(component: after.id, key: .queueCapacity), Double(after.queueCapacity)))
                current.components[index].queueCapacity = after.queueCapacity
            }
            if before.serviceTime != after.serviceTime {
                guard before.serviceTime.withMean(after.serviceTime.meanS) == after.serviceTime else {
                    return .unrecordable("a scenario records a new mean service time, not a new distribution for \(after.id)")
                }
                kinds.append(.set(DesignParameter(component: after.id, key: .serviceTime), after.serviceTime.meanS))
                current.components[index].serviceTime = after.serviceTime
            }
        }
        guard runShape(current) == runShape(new) else {
            return .unrecordable("a scenario records rate, workers, queue capacity and service-time edits and failures, not this edit")
        }
        return kinds.isEmpty ? .nothing : .actions(kinds)
    }

    /// The design without what the engine never reads (names, descriptions, canvas positions).
    static func runShape(_ design: Design) -> Design {
        var design = design
        design.name = ""
        design.description = ""
        design.source = ""
        for index in design.components.indices {
            design.components[index].position = nil
            design.components[index].description = nil
        }
        return design
    }
}

/// Paths for recorded scenarios.
public enum ScenarioPaths {
    public static let folder = "Scenarios"

    /// `Scenarios/NAME.yaml` for a typed name (a path with a folder is taken as given).
    public static func path(for name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let withExtension = trimmed.hasSuffix(".yaml") || trimmed.hasSuffix(".yml") ? trimmed : trimmed + ".yaml"
        return withExtension.contains("/") ? withExtension : folder + "/" + withExtension
    }

    /// Why a typed name cannot be used, or nil.
    public static func problem(with name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "type a name, e.g. web-tier-1 (saved as Scenarios/web-tier-1.yaml)" }
        if trimmed.contains(" ") { return "no spaces in a scenario name: use web-tier-crash" }
        return nil
    }

    /// The design file's stem and the first counter whose file is not in `existing`: `web-tier-1`.
    public static func suggestedName(for designFile: String?, designName: String, existing: Set<String>) -> String {
        var stem = designFile.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? ""
        if stem.isEmpty {
            stem = designName.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { $0.append($1) }
        }
        if stem.isEmpty { stem = "scenario" }
        var counter = 1
        while existing.contains("\(stem)-\(counter)") { counter += 1 }
        return "\(stem)-\(counter)"
    }

    /// `designPath` as seen from the folder of `scenarioPath` (both relative to the working directory, or absolute).
    public static func relative(_ designPath: String, from scenarioPath: String) -> String {
        func parts(_ path: String) -> [String] {
            URL(fileURLWithPath: path).standardizedFileURL.path.split(separator: "/").map(String.init)
        }
        let target = parts(designPath)
        let folder = parts(scenarioPath).dropLast()
        var common = 0
        while common < min(target.count, folder.count), target[common] == folder[common] { common += 1 }
        let up = Array(repeating: "..", count: folder.count - common)
        return (up + target[common...]).joined(separator: "/")
    }
}
