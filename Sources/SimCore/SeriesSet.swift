/// Ring buffers of per-second samples for the workbench's sparklines; memory is fixed by `capacity`.
public struct SeriesSet: Sendable, Equatable {
    public private(set) var stations: [String]
    public private(set) var offeredRPS: TimeSeries
    public private(set) var throughputRPS: TimeSeries
    public private(set) var errorsRPS: TimeSeries
    public private(set) var p50S: TimeSeries
    public private(set) var p99S: TimeSeries
    public private(set) var utilization: [TimeSeries]
    public private(set) var queueLength: [TimeSeries]
    public private(set) var stationThroughputRPS: [TimeSeries]
    /// Rejected and failed requests per second at each component.
    public private(set) var stationErrorsRPS: [TimeSeries]
    /// p99 of each component's response time, per second (≈9% resolution).
    public private(set) var stationP99S: [TimeSeries]

    init(stations: [String], capacity: Int) {
        self.stations = stations
        let empty = TimeSeries(capacity: capacity)
        offeredRPS = empty; throughputRPS = empty; errorsRPS = empty; p50S = empty; p99S = empty
        utilization = stations.map { _ in empty }
        queueLength = utilization
        stationThroughputRPS = utilization
        stationErrorsRPS = utilization
        stationP99S = utilization
    }

    mutating func appendTotals(offeredRPS: Double, throughputRPS: Double, errorsRPS: Double, p50S: Double, p99S: Double) {
        self.offeredRPS.append(offeredRPS)
        self.throughputRPS.append(throughputRPS)
        self.errorsRPS.append(errorsRPS)
        self.p50S.append(p50S)
        self.p99S.append(p99S)
    }

    mutating func appendStation(_ index: Int, utilization: Double, queueLength: Double, throughputRPS: Double,
                                errorsRPS: Double, p99S: Double) {
        self.utilization[index].append(utilization)
        self.queueLength[index].append(queueLength)
        stationThroughputRPS[index].append(throughputRPS)
        stationErrorsRPS[index].append(errorsRPS)
        stationP99S[index].append(p99S)
    }
}
