/// What one simulated second looked like.
public struct SecondSample: Sendable, Equatable {
    public var offeredRPS: Double
    public var throughputRPS: Double
    public var errorsRPS: Double
    public var p50S: Double
    public var p99S: Double
    public var utilization: [Double]
    public var queueLength: [Double]
    public var stationThroughputRPS: [Double]
}

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

    init(stations: [String], capacity: Int) {
        self.stations = stations
        let empty = TimeSeries(capacity: capacity)
        offeredRPS = empty; throughputRPS = empty; errorsRPS = empty; p50S = empty; p99S = empty
        utilization = stations.map { _ in empty }
        queueLength = utilization
        stationThroughputRPS = utilization
    }

    mutating func append(second sample: SecondSample) {
        offeredRPS.append(sample.offeredRPS)
        throughputRPS.append(sample.throughputRPS)
        errorsRPS.append(sample.errorsRPS)
        p50S.append(sample.p50S)
        p99S.append(sample.p99S)
        for index in stations.indices {
            utilization[index].append(sample.utilization[index])
            queueLength[index].append(sample.queueLength[index])
            stationThroughputRPS[index].append(sample.stationThroughputRPS[index])
        }
    }
}
