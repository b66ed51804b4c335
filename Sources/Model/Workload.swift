import Foundation

/// The external load offered to a design's entry component.
public struct Workload: Sendable, Equatable {
    public enum Arrivals: String, Sendable, CaseIterable { case poisson, constant }

    public var entry: String
    public var arrivals: Arrivals
    public var rateRPS: Double
    public var pattern: LoadPattern
    public var classes: [RequestClass]
    /// When set, requests carry keys drawn from a Zipf distribution (caches, shards and hashing use them).
    public var keys: KeyModel?

    public init(entry: String, arrivals: Arrivals = .poisson, rateRPS: Double,
                pattern: LoadPattern = .constant, classes: [RequestClass] = [], keys: KeyModel? = nil) {
        self.entry = entry
        self.arrivals = arrivals
        self.rateRPS = rateRPS
        self.pattern = pattern
        self.classes = classes
        self.keys = keys
    }

    /// The arrival rate at simulated time t, following the pattern.
    public func rate(at t: Double) -> Double {
        pattern.rate(base: rateRPS, at: t)
    }

    /// The largest rate the pattern ever reaches (for thinning).
    public var peakRateRPS: Double { pattern.peak(base: rateRPS) }
}

/// A named share of the requests; calls may be restricted to a class.
public struct RequestClass: Sendable, Equatable {
    public var name: String
    public var weight: Double
    /// Writes go to database primaries and update or invalidate caches; other classes are reads.
    public var write: Bool
    public init(name: String, weight: Double, write: Bool = false) {
        self.name = name
        self.weight = weight
        self.write = write
    }
}

/// How the offered rate moves over simulated time.
public enum LoadPattern: Sendable, Equatable {
    case constant
    /// Linear from the base rate to `toRPS`, starting at `startS` and lasting `overS`; then stays.
    case ramp(toRPS: Double, overS: Double, startS: Double)
    /// The base rate multiplied by `factor` from `atS` for `forS` seconds.
    case spike(atS: Double, factor: Double, forS: Double)
    /// A smooth day: from the base rate up to `peakRPS` at half the period and back.
    case diurnal(peakRPS: Double, periodS: Double)

    public static let kinds = ["constant", "ramp", "spike", "diurnal"]

    public var kind: String {
        switch self {
        case .constant: return "constant"
        case .ramp: return "ramp"
        case .spike: return "spike"
        case .diurnal: return "diurnal"
        }
    }

    public func rate(base: Double, at t: Double) -> Double {
        switch self {
        case .constant:
            return base
        case .ramp(let to, let over, let start):
            if t <= start { return base }
            if over <= 0 || t >= start + over { return to }
            return base + (to - base) * (t - start) / over
        case .spike(let at, let factor, let length):
            return (t >= at && t < at + length) ? base * factor : base
        case .diurnal(let peak, let period):
            let phase = 2 * Double.pi * t / period
            return base + (peak - base) * (1 - cos(phase)) / 2
        }
    }

    public func peak(base: Double) -> Double {
        switch self {
        case .constant: return base
        case .ramp(let to, _, _): return max(base, to)
        case .spike(_, let factor, _): return base * max(1, factor)
        case .diurnal(let peak, _): return max(base, peak)
        }
    }
}
