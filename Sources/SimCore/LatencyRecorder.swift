import Histogram

/// Percentiles and mean of a set of durations, in seconds.
public struct LatencySummary: Sendable, Equatable, Codable {
    public var count: Int
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var p999: Double
    public var max: Double

    public static let empty = LatencySummary(count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0)

    public init(count: Int, mean: Double, p50: Double, p90: Double, p95: Double, p99: Double, p999: Double, max: Double) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }
}

/// Records durations into an HdrHistogram (3 significant digits, 1 ns to 1 h) plus an exact sum for the mean.
public struct LatencyRecorder: Sendable {
    var histogram: Histogram<UInt64>
    var sum: Double = 0
    var count: Int = 0
    var maximum: Double = 0

    static let highestNanoseconds: UInt64 = 3_600_000_000_000

    public init() {
        histogram = Histogram(lowestDiscernibleValue: 1, highestTrackableValue: Self.highestNanoseconds,
                              numberOfSignificantValueDigits: .three)
    }

    @inline(__always)
    public mutating func record(_ seconds: Double) {
        sum += seconds
        count += 1
        if seconds > maximum { maximum = seconds }
        let nanoseconds = seconds * 1e9
        let clamped = nanoseconds >= Double(Self.highestNanoseconds) ? Self.highestNanoseconds : UInt64(max(nanoseconds, 0))
        histogram.record(clamped)
    }

    public mutating func reset() {
        histogram.reset()
        sum = 0
        count = 0
        maximum = 0
    }

    public mutating func merge(_ other: LatencyRecorder) {
        histogram.add(other.histogram)
        sum += other.sum
        count += other.count
        maximum = Swift.max(maximum, other.maximum)
    }

    public var mean: Double { count == 0 ? 0 : sum / Double(count) }

    public func percentile(_ p: Double) -> Double {
        count == 0 ? 0 : Double(histogram.valueAtPercentile(p)) / 1e9
    }

    public var summary: LatencySummary {
        guard count > 0 else { return .empty }
        return LatencySummary(count: count, mean: mean, p50: percentile(50), p90: percentile(90), p95: percentile(95),
                              p99: percentile(99), p999: percentile(99.9), max: maximum)
    }
}
