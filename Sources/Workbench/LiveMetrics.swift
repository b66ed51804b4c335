import Model
import SimCore
import Analysis

/// What the engine looked like at the last frame: plain values for views (no engine reference).
public struct LiveMetrics: Sendable, Equatable {
    public struct ComponentFigures: Sendable, Equatable {
        public var throughputRPS: Double = 0
        public var utilization: Double = 0
        public var queueLength: Double = 0
        public var p99S: Double = 0
        public var errorsRPS: Double = 0
        public var down: [Bool] = []
        public var slowFactor: Double = 1
        public var utilizationSeries: [Double] = []
        public var p99Series: [Double] = []
        /// What the block's behaviour counted: hits, 429s, retries, dead letters, reads and writes…
        public var block = BlockFigures()

        public init() {}
    }

    public var throughputSeries: [Double] = []
    public var p50Series: [Double] = []
    public var p99Series: [Double] = []
    public var errorSeries: [Double] = []
    public var offeredSeries: [Double] = []
    public var components: [String: ComponentFigures] = [:]
    /// Since the warm-up: end-to-end latency percentiles.
    public var latency = LatencySummary.empty
    public var completed = 0
    public var errors = 0
    public var events: UInt64 = 0
    public var costPerMonthUSD: Double = 0

    public init() {}

    /// Keeps the newest `seconds` of each series.
    /// `previous` keeps the percentile table when `refreshPercentiles` is false: walking the histogram is the
    /// dearest part of a frame, and the table only needs refreshing a few times per simulated second.
    public static func capture(_ simulation: Simulation, seconds: Int = 60, previous: LiveMetrics? = nil,
                               refreshPercentiles: Bool = true) -> LiveMetrics {
        var live = LiveMetrics()
        let series = simulation.series
        live.throughputSeries = series.throughputRPS.suffix(seconds)
        live.p50Series = series.p50S.suffix(seconds)
        live.p99Series = series.p99S.suffix(seconds)
        live.errorSeries = series.errorsRPS.suffix(seconds)
        live.offeredSeries = series.offeredRPS.suffix(seconds)
        for (index, id) in series.stations.enumerated() {
            var figures = ComponentFigures()
            figures.throughputRPS = series.stationThroughputRPS[index].last ?? 0
            figures.utilization = series.utilization[index].last ?? 0
            figures.queueLength = series.queueLength[index].last ?? 0
            figures.p99S = series.stationP99S[index].last ?? 0
            figures.errorsRPS = series.stationErrorsRPS[index].last ?? 0
            figures.utilizationSeries = series.utilization[index].suffix(seconds)
            figures.p99Series = series.stationP99S[index].suffix(seconds)
            figures.down = simulation.isDown(id)
            figures.slowFactor = simulation.slowFactor(of: id)
            figures.block = BlockFigures.capture(simulation, id, previous: previous?.components[id]?.block,
                                                 refreshPercentiles: refreshPercentiles)
            live.components[id] = figures
        }
        live.latency = refreshPercentiles || previous == nil ? simulation.endToEndLatency : previous!.latency
        let counts = simulation.requestCounts
        live.completed = counts.completed
        live.errors = counts.rejected + counts.timedOut + counts.failed
        live.events = simulation.eventsProcessed
        // Priced at what each block served in the last second (pay-per-request kinds follow the load).
        live.costPerMonthUSD = simulation.design.components.reduce(0) { total, component in
            total + CostModel.monthlyUSD(component, requestsPerS: live.components[component.id]?.throughputRPS ?? 0)
        }
        return live
    }
}
