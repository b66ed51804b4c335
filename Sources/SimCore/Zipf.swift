import Foundation

/// Zipf-distributed ranks: P(rank k) ∝ 1/(k+1)^s over `0..<n`, rank 0 the most popular.
///
/// Models key popularity for caches and hot partitions. Sampling is Hörmann & Derflinger's
/// rejection-inversion ("Rejection-inversion to generate variates from monotone discrete
/// distributions", ACM TOMACS 6(3), 1996), as in Apache Commons RNG's
/// `RejectionInversionZipfSampler`: O(1) expected time and no tables, for any n and s ≥ 0
/// (s = 0 is uniform; s = 1 needs no special case thanks to the log1p/expm1 helpers).
public struct ZipfSampler: Sendable {
    public let count: Int
    public let exponent: Double
    private let hIntegralX1: Double
    private let hIntegralN: Double
    private let squeeze: Double

    public init(count n: Int, exponent s: Double) {
        precondition(n >= 1, "a Zipf distribution needs at least one rank")
        precondition(s >= 0 && s.isFinite, "the Zipf exponent must be finite and ≥ 0")
        count = n
        exponent = s
        // Works on ranks 1...n internally; `sample` shifts to 0-based.
        hIntegralX1 = Self.hIntegral(1.5, s) - 1
        hIntegralN = Self.hIntegral(Double(n) + 0.5, s)
        squeeze = 2 - Self.hIntegralInverse(Self.hIntegral(2.5, s) - Self.h(2, s), s)
    }

    /// A rank in `0..<count`.
    @inline(__always)
    public func sample(_ rng: inout Xoshiro256) -> Int {
        while true {
            // u is uniform in (hIntegralX1, hIntegralN]: inverse of the hat function's integral.
            let u = hIntegralN + rng.uniform() * (hIntegralX1 - hIntegralN)
            let x = Self.hIntegralInverse(u, exponent)
            var k = Int(x + 0.5)
            if k < 1 { k = 1 } else if k > count { k = count }
            // Accept at once inside the squeeze, otherwise compare against the exact area.
            if Double(k) - x <= squeeze || u >= Self.hIntegral(Double(k) + 0.5, exponent) - Self.h(Double(k), exponent) {
                return k - 1
            }
        }
    }

    // H(x) = ∫ x^{-s} dx, written as ((x^{1-s} − 1)/(1−s)) so that s = 1 gives log x continuously.
    @inline(__always)
    private static func hIntegral(_ x: Double, _ s: Double) -> Double {
        let logX = log(x)
        return expm1OverX((1 - s) * logX) * logX
    }

    @inline(__always)
    private static func h(_ x: Double, _ s: Double) -> Double { exp(-s * log(x)) }

    @inline(__always)
    private static func hIntegralInverse(_ x: Double, _ s: Double) -> Double {
        var t = x * (1 - s)
        if t < -1 { t = -1 }  // rounding guard: the true value never goes below −1
        return exp(log1pOverX(t) * x)
    }

    /// log(1+x)/x, continuous at 0.
    @inline(__always)
    private static func log1pOverX(_ x: Double) -> Double {
        abs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x))
    }

    /// (e^x − 1)/x, continuous at 0.
    @inline(__always)
    private static func expm1OverX(_ x: Double) -> Double {
        abs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x))
    }
}
