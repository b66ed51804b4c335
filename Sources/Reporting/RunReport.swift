import Foundation
import Model
import SimCore
import Analysis

/// Everything `sdw run` reports: one run or the merge of independent replications, plus theory beside it.
public struct RunReport: Sendable {
    public var design: Design
    public var seed: UInt64
    public var replications: Int
    public var durationS: Double
    public var warmupS: Double
    public var rateRPS: Double
    public var events: UInt64
    public var wallS: Double
    public var fingerprint: String
    public var requests: RequestCounts
    public var throughputRPS: Double
    public var latency: LatencySummary
    /// 95% half-width: batch means for one run, across replications for several.
    public var latencyMeanCI95: Double
    public var meanInSystem: Double
    public var asyncCompleted: Int
    public var asyncFailed: Int
    public var components: [ComponentResult]
    public var classes: [ClassResult]
    public var analysis: DesignAnalysis?
    public var warnings: [String]
    /// The design file's own warnings (`file:line:col: warning: …`), the first entries of `warnings`.
    public var fileWarnings: [String]
    /// The design-level warnings included in `warnings` (structured; see `DesignWarnings`).
    public var designWarnings: [DesignWarning] = []
    public var runs: [RunResult]

    /// Merges replications: counts add up, rates and utilisations average, percentiles come from the merged histogram.
    public init(design: Design, options: RunOptions, runs: [RunResult], wallS: Double, warnings: [String] = []) {
        precondition(!runs.isEmpty)
        self.design = design
        fileWarnings = warnings
        self.runs = runs
        seed = options.seed
        replications = runs.count
        durationS = options.durationS
        warmupS = options.warmupS
        rateRPS = options.rateRPS ?? design.workload.rateRPS
        self.wallS = wallS
        events = runs.reduce(0) { $0 + $1.events }
        let k = Double(runs.count)
        func average(_ value: (RunResult) -> Double) -> Double { runs.reduce(0) { $0 + value($1) } / k }

        if runs.count == 1 {
            fingerprint = runs[0].fingerprint
        } else {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for run in runs { for byte in run.fingerprint.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 } }
            let hex = String(hash, radix: 16)
            fingerprint = String(repeating: "0", count: 16 - hex.count) + hex
        }
        requests = RequestCounts(
            offered: runs.reduce(0) { $0 + $1.requests.offered }, completed: runs.reduce(0) { $0 + $1.requests.completed },
            rejected: runs.reduce(0) { $0 + $1.requests.rejected }, timedOut: runs.reduce(0) { $0 + $1.requests.timedOut },
            failed: runs.reduce(0) { $0 + $1.requests.failed }, rateLimited: runs.reduce(0) { $0 + $1.requests.rateLimited })
        throughputRPS = average(\.throughputRPS)
        meanInSystem = average(\.meanInSystem)
        asyncCompleted = runs.reduce(0) { $0 + $1.asyncCompleted }
        asyncFailed = runs.reduce(0) { $0 + $1.asyncFailed }

        if runs.count == 1 {
            latency = runs[0].latency
            latencyMeanCI95 = runs[0].latencyMeanCI95
            components = runs[0].components
            classes = runs[0].classes
        } else {
            var merged = runs[0].endToEndRecorder
            for run in runs.dropFirst() { merged.merge(run.endToEndRecorder) }
            var summary = merged.summary
            let means = runs.filter { $0.latency.count > 0 }.map(\.latency.mean)
            let ci = Statistics.meanCI95(means)
            summary.mean = ci.mean
            latency = summary
            latencyMeanCI95 = ci.halfWidth
            components = runs[0].components.indices.map { index in
                var component = runs[0].components[index]
                let all = runs.map { $0.components[index] }
                component.throughputRPS = all.reduce(0) { $0 + $1.throughputRPS } / k
                component.utilization = all.reduce(0) { $0 + $1.utilization } / k
                component.meanQueueLength = all.reduce(0) { $0 + $1.meanQueueLength } / k
                component.meanInService = all.reduce(0) { $0 + $1.meanInService } / k
                component.wait = Self.averaged(all.map(\.wait))
                component.response = Self.averaged(all.map(\.response))
                component.rejected = all.reduce(0) { $0 + $1.rejected }
                component.timedOut = all.reduce(0) { $0 + $1.timedOut }
                component.failed = all.reduce(0) { $0 + $1.failed }
                component.asyncCalls = all.reduce(0) { $0 + $1.asyncCalls }
                component.blocks = all.dropFirst().reduce(all[0].blocks) { $0 + $1.blocks }
                component.instanceServed = all[0].instanceServed.indices.map { i in all.reduce(0) { $0 + $1.instanceServed[i] } }
                if component.asyncLatency != nil { component.asyncLatency = Self.averaged(all.compactMap(\.asyncLatency)) }
                return component
            }
            classes = runs[0].classes.indices.map { index in
                ClassResult(name: runs[0].classes[index].name, latency: Self.averaged(runs.map { $0.classes[index].latency }))
            }
        }
        analysis = NetworkAnalyzer.analyze(design, rateRPS: rateRPS)
        var allWarnings = warnings
        allWarnings += NetworkAnalyzer.warnings(for: design, rateRPS: rateRPS)
        // Design-level warnings, without the saturation ones the line above already gives.
        designWarnings = DesignWarnings.check(design, rateRPS: rateRPS).filter { !Self.saidBySaturation.contains($0.id) }
        // What the run itself showed that theory did not expect.
        let measuredS = max(options.durationS - options.warmupS, 1e-9) * k
        designWarnings += DesignWarnings.fromRun(design, rateRPS: rateRPS, components: components.map {
            MeasuredComponent(id: $0.id, utilization: $0.utilization, throughputRPS: $0.throughputRPS,
                              retriesPerS: Double($0.blocks.retries) / measuredS)
        })
        allWarnings += designWarnings.map(Self.runLine)
        for component in components where component.rejected > 0 {
            allWarnings.append("'\(component.id)' rejected \(component.rejected) requests: its queue (\(design.component(component.id)?.queueCapacity ?? 0) per instance) was full")
        }
        self.warnings = allWarnings
    }

    /// Design-warning rules whose finding `NetworkAnalyzer.warnings` already reports (ρ ≥ 1 at the rate or the peak).
    static let saidBySaturation: Set<String> = ["saturated", "queue-lag-grows", "saturated-at-peak"]

    /// A design warning as one `sdw run` warning line: `[rule] message: reason — suggestion (sdw notes id)`.
    static func runLine(_ warning: DesignWarning) -> String {
        (warning.severity == .warning ? "[\(warning.id)] " : "[\(warning.id) · \(warning.severity.rawValue)] ") + warning.line
    }

    /// Average of summaries weighted by count (for percentiles an approximation; means are exact).
    static func averaged(_ summaries: [LatencySummary]) -> LatencySummary {
        let total = summaries.reduce(0) { $0 + $1.count }
        guard total > 0 else { return .empty }
        func weighted(_ value: (LatencySummary) -> Double) -> Double {
            summaries.reduce(0) { $0 + value($1) * Double($1.count) } / Double(total)
        }
        return LatencySummary(count: total, mean: weighted(\.mean), p50: weighted(\.p50), p90: weighted(\.p90),
                              p95: weighted(\.p95), p99: weighted(\.p99), p999: weighted(\.p999),
                              max: summaries.map(\.max).max() ?? 0)
    }

    public var measuredS: Double { durationS - warmupS }
    public var eventsPerSecond: Double { wallS > 0 ? Double(events) / wallS : 0 }
    public var errorCount: Int { requests.rejected + requests.timedOut + requests.failed }
}
