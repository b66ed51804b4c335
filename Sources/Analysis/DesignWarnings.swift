import Foundation
import Model

/// One design-level finding: what is wrong, why it matters (with the numbers), and what to change.
public struct DesignWarning: Sendable, Equatable {
    public enum Severity: String, Sendable, CaseIterable, Comparable {
        case info, warning, critical

        var rank: Int { self == .critical ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank > rhs.rank }
    }

    /// A stable kebab-case rule id (`near-saturated`, `retries-without-backoff`).
    public var id: String
    public var severity: Severity
    /// The component it is about, when it is about one.
    public var component: String?
    public var message: String
    public var reason: String
    public var suggestion: String
    /// A trade-off note to read (`sdw notes ID`).
    public var noteID: String?

    public init(id: String, severity: Severity, component: String?, message: String, reason: String, suggestion: String,
                noteID: String? = nil) {
        self.id = id
        self.severity = severity
        self.component = component
        self.message = message
        self.reason = reason
        self.suggestion = suggestion
        self.noteID = noteID
    }

    /// One line: the message, the reason and the suggestion.
    public var line: String {
        "\(message): \(reason) — \(suggestion)" + (noteID.map { " (sdw notes \($0))" } ?? "")
    }
}

/// Design-level warnings derived from the design and its closed-form analysis (no simulation): saturation, single
/// points of failure, deep sync chains, retries, timeouts, caches, replicas, rate limits, queues, shards, autoscaling.
/// Each rule has a fixed threshold (see README, "Warnings").
public enum DesignWarnings {
    /// Sync chains with more hops than this are reported.
    public static let maxSyncDepth = 4
    /// ρ at which a component is reported as near saturation.
    public static let nearSaturation = 0.8
    /// Utilisation the sizing suggestions aim for.
    public static let targetUtilization = 0.7
    /// Product of (1 + retries) along a chain above which retry amplification is reported.
    public static let maxRetryAmplification = 10.0

    public static func check(_ design: Design, rateRPS: Double? = nil) -> [DesignWarning] {
        guard let context = Context(design, rateRPS: rateRPS ?? design.workload.rateRPS) else { return [] }
        var found: [DesignWarning] = []
        found += saturation(context)
        found += singlePointsOfFailure(context)
        found += syncChains(context)
        found += retries(context)
        found += timeouts(context)
        found += caches(context)
        found += staleReads(context)
        found += rateLimits(context)
        found += queues(context)
        found += hotShards(context)
        found += autoscaling(context)
        // Most severe first; within a severity, rule order then file order (stable).
        return found.enumerated().sorted {
            $0.element.severity != $1.element.severity ? $0.element.severity > $1.element.severity : $0.offset < $1.offset
        }.map(\.element)
    }

    /// The design, its analysis at the rate, and per-class arrival rates.
    struct Context {
        let design: Design
        let rate: Double
        let analysis: DesignAnalysis
        let flows: TrafficFlows
        /// Arrival rate per class (outer) and station (inner).
        let classRates: [[Double]]

        init?(_ design: Design, rateRPS: Double) {
            var flows = TrafficFlows(design: design, rateRPS: rateRPS)
            guard let rates = flows.solveAdmitting(), let analysis = NetworkAnalyzer.analyze(design, rateRPS: rateRPS) else { return nil }
            self.design = design
            rate = rateRPS
            self.analysis = analysis
            self.flows = flows
            classRates = rates
        }

        var components: [Component] { design.components }

        func station(_ id: String) -> StationAnalysis? { analysis.station(id) }

        func arrival(_ id: String) -> Double { station(id)?.arrivalRateRPS ?? 0 }

        /// Arrivals per second of write classes (`write: true`) and of the others at a component.
        func writeReadRates(_ id: String) -> (writes: Double, reads: Double) {
            guard let j = flows.index[id] else { return (0, 0) }
            var writes = 0.0, reads = 0.0
            for (c, rates) in classRates.enumerated() {
                let isWrite = c < design.workload.classes.count && design.workload.classes[c].write
                if isWrite { writes += rates[j] } else { reads += rates[j] }
            }
            return (writes, reads)
        }

        /// Components reachable from the entry (any hand-over), in file order.
        var reachable: [Component] {
            var seen: Set<String> = [design.workload.entry]
            var stack = [design.workload.entry]
            while let id = stack.popLast() {
                for edge in design.component(id)?.outgoing ?? [] where !seen.contains(edge.to) {
                    seen.insert(edge.to)
                    stack.append(edge.to)
                }
            }
            return components.filter { seen.contains($0.id) }
        }
    }

    // MARK: text helpers

    static func rate(_ value: Double) -> String { Units.formatRate(value) }
    static func duration(_ value: Double) -> String { Units.formatDuration(value) }
    static func percent(_ value: Double) -> String { Units.formatPercent(value) }
    static func number(_ value: Double) -> String { Units.trim(value) }
    static func count(_ value: Int) -> String { Units.formatGrouped(value) }
    static func plural(_ n: Int, _ word: String) -> String { "\(count(n)) \(word)\(n == 1 ? "" : "s")" }
}
