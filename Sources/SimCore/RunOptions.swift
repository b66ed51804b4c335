import Model

/// What to run: the seed, how long, and overrides of the design's settings.
public struct RunOptions: Sendable, Equatable {
    public var seed: UInt64
    /// Simulated seconds; `.infinity` for an open-ended run (the workbench).
    public var durationS: Double
    public var warmupS: Double
    /// Replaces the workload's base rate when set.
    public var rateRPS: Double?
    /// Per-second samples kept for charts.
    public var seriesCapacity: Int
    /// Batches for the batch-means confidence interval.
    public var batches: Int

    public init(seed: UInt64, durationS: Double, warmupS: Double, rateRPS: Double? = nil,
                seriesCapacity: Int = 600, batches: Int = 20) {
        self.seed = seed
        self.durationS = durationS
        self.warmupS = warmupS
        self.rateRPS = rateRPS
        self.seriesCapacity = seriesCapacity
        self.batches = batches
    }

    /// The design's own settings, with optional overrides.
    public init(design: Design, seed: UInt64? = nil, durationS: Double? = nil, warmupS: Double? = nil, rateRPS: Double? = nil) {
        let duration = durationS ?? design.simulation.durationS
        var warmup = warmupS ?? design.simulation.warmupS
        if durationS != nil, warmupS == nil, warmup >= duration {
            warmup = SimulationSettings.defaultWarmup(forDuration: duration)
        }
        self.init(seed: seed ?? design.seed, durationS: duration, warmupS: warmup, rateRPS: rateRPS)
    }
}

public enum RunOptionsError: Error, CustomStringConvertible, Equatable {
    case nonPositiveDuration(Double)
    case warmupNotShorter(warmup: Double, duration: Double)
    case negativeWarmup(Double)
    case nonPositiveRate(Double)

    public var description: String {
        switch self {
        case .nonPositiveDuration(let d): return "duration must be greater than 0 (got \(Units.formatDuration(d)))"
        case .warmupNotShorter(let w, let d):
            return "warmup (\(Units.formatDuration(w))) must be shorter than the duration (\(Units.formatDuration(d)))"
        case .negativeWarmup(let w): return "warmup must be 0 or more (got \(Units.formatDuration(w)))"
        case .nonPositiveRate(let r): return "rate must be greater than 0 (got \(Units.formatRate(r)))"
        }
    }
}

extension RunOptions {
    public func validate() throws {
        guard durationS > 0 else { throw RunOptionsError.nonPositiveDuration(durationS) }
        guard warmupS >= 0 else { throw RunOptionsError.negativeWarmup(warmupS) }
        guard warmupS < durationS else { throw RunOptionsError.warmupNotShorter(warmup: warmupS, duration: durationS) }
        if let rateRPS, !(rateRPS > 0) { throw RunOptionsError.nonPositiveRate(rateRPS) }
    }
}
