import Model

/// Theory's view of one component.
public struct StationAnalysis: Sendable, Equatable {
    public var id: String
    /// Requests per second arriving at the component (all instances).
    public var arrivalRateRPS: Double
    /// Mean visits per external request.
    public var visits: Double
    /// Mean time a worker is held: service plus waiting on sync calls.
    public var holdTimeS: Double
    /// ρ = λ·hold / (instances·workers).
    public var utilization: Double
    /// Mean queueing delay (nil when unstable).
    public var waitS: Double?
    /// Mean time at the component, queue plus hold (nil when unstable).
    public var responseS: Double?
    /// External requests per second at which this component saturates.
    public var capacityRPS: Double
}

/// Closed-form predictions for a design, with how far to trust them.
public struct DesignAnalysis: Sendable, Equatable {
    public var model: String
    /// True when the result is exact for this design (product form or a single M/G/1 or M/M/c station).
    public var exact: Bool
    /// Why the result is approximate, or caveats.
    public var notes: [String]
    public var arrivalRateRPS: Double
    public var stations: [StationAnalysis]
    /// Mean end-to-end latency (nil when some component is saturated).
    public var latencyMeanS: Double?
    /// 99th percentile of end-to-end latency, where a closed form exists (single M/M/c station).
    public var latencyP99S: Double?
    public var bottleneck: String
    public var maxThroughputRPS: Double
    public var stable: Bool

    public func station(_ id: String) -> StationAnalysis? { stations.first { $0.id == id } }

    /// Requests per second reaching each component, by id.
    public var arrivalRates: [String: Double] { Dictionary(uniqueKeysWithValues: stations.map { ($0.id, $0.arrivalRateRPS) }) }

    /// Warnings worth showing beside a design: saturated components.
    public var warnings: [String] {
        stations.filter { $0.utilization >= 1 }.sorted { $0.utilization > $1.utilization }.map {
            "'\($0.id)' is saturated: utilisation \(Units.trim($0.utilization)) ≥ 1 at \(Units.formatRate(arrivalRateRPS)) req/s"
                + " (it saturates at \(Units.formatRate($0.capacityRPS)) req/s); queues will grow until they reject requests"
        }
    }
}
