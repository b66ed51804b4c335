import Foundation

/// How a client retries a failed call: up to `maxRetries` times, waiting an exponentially growing,
/// capped and jittered delay. Definitions follow Marc Brooker, "Exponential Backoff and Jitter"
/// (AWS Architecture Blog, 2015), with e = min(cap, base·multiplier^attempt):
/// none = e; full = uniform(0, e); equal = e/2 + uniform(0, e/2);
/// decorrelated = min(cap, uniform(base, 3·previous)), where previous starts at base.
/// Jitter spreads synchronised retries apart so they do not hit a recovering server in waves.
public struct RetryPolicy: Sendable, Equatable {
    public enum Jitter: String, Sendable, CaseIterable {
        case none, full, equal, decorrelated
    }

    public var maxRetries: Int
    public var baseS: Double
    public var multiplier: Double
    public var capS: Double
    public var jitter: Jitter

    public init(maxRetries: Int, baseS: Double, multiplier: Double = 2, capS: Double, jitter: Jitter = .full) {
        self.maxRetries = maxRetries
        self.baseS = baseS
        self.multiplier = multiplier
        self.capS = capS
        self.jitter = jitter
    }

    /// The un-jittered delay before retry `attempt` (0 for the first retry): min(cap, base·m^attempt).
    public func exponentialS(attempt: Int) -> Double {
        min(capS, baseS * pow(multiplier, Double(max(0, attempt))))
    }

    /// The delay before retry `attempt` (0 for the first retry). `previousS` is the delay used
    /// before the previous retry (only decorrelated jitter reads it; pass 0 for the first).
    public func delay(attempt: Int, previousS: Double, rng: inout Xoshiro256) -> Double {
        switch jitter {
        case .none:
            return exponentialS(attempt: attempt)
        case .full:
            return rng.uniform() * exponentialS(attempt: attempt)
        case .equal:
            let half = exponentialS(attempt: attempt) / 2
            return half + rng.uniform() * half
        case .decorrelated:
            let upper = 3 * max(previousS, baseS)
            return min(capS, baseS + rng.uniform() * (upper - baseS))
        }
    }
}
