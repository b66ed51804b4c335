/// A token bucket rate limiter driven by simulated time: holds up to `burst` tokens, refills
/// continuously at `ratePerS`, starts full. A request passes when it can take its tokens.
/// (The classic traffic-shaping algorithm, e.g. Tanenbaum, Computer Networks §5.4; the model
/// behind Envoy's and Guava's limiters.) Over a long saturated run it admits burst + rate·t.
public struct TokenBucket: Sendable {
    public var ratePerS: Double
    public var burst: Double {
        didSet { tokens = min(tokens, burst) }
    }
    public private(set) var tokens: Double
    private var refilledAt: Double

    public init(ratePerS: Double, burst: Double) {
        precondition(ratePerS >= 0 && burst >= 0, "a token bucket needs a non-negative rate and burst")
        self.ratePerS = ratePerS
        self.burst = burst
        tokens = burst
        refilledAt = -Double.infinity  // full at any first time
    }

    /// Takes `tokens` if available at `now` (times must not go backwards).
    public mutating func take(now: Double, tokens wanted: Double = 1) -> Bool {
        refill(now)
        // A hair of tolerance so sums of fractional refills (0.1 + 0.1 + …) are not a token short.
        guard tokens >= wanted - 1e-9 else { return false }
        tokens = max(0, tokens - wanted)
        return true
    }

    /// Tokens available at `now`, after refilling.
    public mutating func available(now: Double) -> Double {
        refill(now)
        return tokens
    }

    /// Seconds from `now` until `wanted` tokens will be available (0 if they are; ∞ if never).
    public mutating func waitTime(now: Double, tokens wanted: Double = 1) -> Double {
        refill(now)
        if tokens >= wanted - 1e-9 { return 0 }
        guard wanted <= burst, ratePerS > 0 else { return .infinity }
        return (wanted - tokens) / ratePerS
    }

    @inline(__always)
    private mutating func refill(_ now: Double) {
        if now > refilledAt {
            let elapsed = now - refilledAt
            tokens = elapsed.isInfinite ? burst : min(burst, tokens + elapsed * ratePerS)
            refilledAt = now
        }
    }
}
