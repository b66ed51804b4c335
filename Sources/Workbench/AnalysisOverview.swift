import Foundation
import Model
import Analysis

/// Everything the design-wide analysis view shows, computed from the design alone (pure; the view caches it per design).
public struct AnalysisOverview: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var id: String
        public var kind: String
        public var arrivalRPS: Double
        public var visits: Double
        public var utilization: Double
        public var waitS: Double?
        public var responseS: Double?
        /// Entry rate at which this component alone saturates.
        public var saturatesAtRPS: Double
        public var instances: Int
        public var instancesForTarget: Int?
        public var instancesForP99: Int?
        public var p99Note: String?
        public var monthlyUSD: Double
    }

    public var rateRPS: Double
    public var model: String
    public var exact: Bool
    /// Why the model is only approximate (the assumptions that fail), or caveats.
    public var notes: [String]
    public var stable: Bool
    public var latencyMeanS: Double?
    public var latencyP99S: Double?
    public var rows: [Row]
    public var bottleneck: String?
    public var saturationRPS: Double?
    public var boundRPS: Double?
    public var headroom: Double?
    public var capacityNotes: [String]
    public var targetUtilization: Double
    public var targetP99S: Double
    public var warnings: [String]
    public var monthlyUSD: Double
    public var perMillionUSD: Double?

    /// The p99 the "instances for p99" column sizes for (time spent at one component, Erlang C).
    public static let targetP99S = 0.1
    public static let targetUtilization = 0.7

    /// Nil when the traffic equations have no solution (no entry point, or calls that loop forever).
    public static func make(_ design: Design) -> AnalysisOverview? {
        guard !design.components.isEmpty, let analysis = NetworkAnalyzer.analyze(design) else { return nil }
        let capacity = Capacity.analyze(design, targetUtilization: targetUtilization, targetP99S: targetP99S)
        let cost = CostModel.estimate(design, requestsPerS: analysis.arrivalRates)
        let rows = design.components.compactMap { component -> Row? in
            guard let station = analysis.station(component.id) else { return nil }
            let sized = capacity?.component(component.id)
            return Row(id: component.id, kind: component.kind.rawValue, arrivalRPS: station.arrivalRateRPS, visits: station.visits,
                       utilization: station.utilization, waitS: station.waitS, responseS: station.responseS,
                       saturatesAtRPS: station.capacityRPS, instances: component.instances,
                       instancesForTarget: sized?.instancesForTargetUtilization, instancesForP99: sized?.instancesForTargetP99,
                       p99Note: sized?.p99Note, monthlyUSD: cost.perComponent[component.id] ?? 0)
        }
        let saturation = capacity.map(\.saturationRateRPS).flatMap { $0.isFinite ? $0 : nil }
        return AnalysisOverview(
            rateRPS: analysis.arrivalRateRPS, model: analysis.model, exact: analysis.exact, notes: analysis.notes,
            stable: analysis.stable, latencyMeanS: analysis.latencyMeanS, latencyP99S: analysis.latencyP99S, rows: rows,
            bottleneck: capacity.map(\.bottleneck).flatMap { $0.isEmpty ? nil : $0 } ?? analysis.bottleneck,
            saturationRPS: saturation, boundRPS: capacity.map(\.boundRPS).flatMap { $0.isFinite ? $0 : nil },
            headroom: saturation != nil ? capacity?.headroom : nil, capacityNotes: capacity?.notes ?? [],
            targetUtilization: targetUtilization, targetP99S: targetP99S, warnings: warnings(design),
            monthlyUSD: cost.monthly,
            perMillionUSD: CostModel.perMillionRequestsUSD(monthly: cost.monthly, entryRateRPS: design.workload.rateRPS))
    }

    /// The design's warnings: the one place to switch to a richer check (e.g. `DesignWarnings.check`) when it lands.
    public static func warnings(_ design: Design) -> [String] {
        DesignWarnings.check(design).map { warning in
            let severity = warning.severity == .warning ? "" : "[\(warning.severity.rawValue)] "
            return severity + warning.line
        }
    }
}
