import Foundation

/// A service-time distribution as the user wrote it; moments are derived from it.
public enum ServiceTime: Sendable, Equatable {
    case exponential(meanS: Double)
    case constant(S: Double)
    case uniform(minS: Double, maxS: Double)
    /// Lognormal given by its mean and either its 99th percentile or its coefficient of variation.
    case lognormal(meanS: Double, shape: LognormalShape)

    public enum LognormalShape: Sendable, Equatable {
        case p99(Double)
        case cv(Double)
    }

    public static let names = ["exponential", "lognormal", "constant", "uniform"]

    public var name: String {
        switch self {
        case .exponential: return "exponential"
        case .constant: return "constant"
        case .uniform: return "uniform"
        case .lognormal: return "lognormal"
        }
    }

    public var meanS: Double {
        switch self {
        case .exponential(let mean): return mean
        case .constant(let value): return value
        case .uniform(let low, let high): return (low + high) / 2
        case .lognormal(let mean, _): return mean
        }
    }

    /// E[S²], for Pollaczek–Khinchine.
    public var secondMomentS2: Double {
        switch self {
        case .exponential(let mean): return 2 * mean * mean
        case .constant(let value): return value * value
        case .uniform(let low, let high): return (low * low + low * high + high * high) / 3
        case .lognormal:
            let (mu, sigma) = lognormalParameters
            return exp(2 * mu + 2 * sigma * sigma)
        }
    }

    /// Squared coefficient of variation, Var[S]/E[S]².
    public var scv: Double {
        let mean = meanS
        guard mean > 0 else { return 0 }
        return secondMomentS2 / (mean * mean) - 1
    }

    /// The underlying normal's (μ, σ) for a lognormal; (ln mean, 0) otherwise.
    public var lognormalParameters: (mu: Double, sigma: Double) {
        guard case .lognormal(let mean, let shape) = self, mean > 0 else { return (log(max(meanS, 1e-300)), 0) }
        let sigma: Double
        switch shape {
        case .cv(let cv): sigma = sqrt(log(1 + cv * cv))
        case .p99(let p99): sigma = ServiceTime.lognormalSigma(mean: mean, p99: p99) ?? 0
        }
        return (log(mean) - sigma * sigma / 2, sigma)
    }

    /// z such that Φ(z) = 0.99.
    public static let z99 = 2.3263478740408408

    /// σ of a lognormal with the given mean and 99th percentile, or nil when none exists
    /// (the p99 must lie above the mean and at most e^(z²/2) ≈ 14.97 × the mean).
    public static func lognormalSigma(mean: Double, p99: Double) -> Double? {
        guard mean > 0, p99 > 0 else { return nil }
        // ln p99 − ln mean = zσ − σ²/2: take the smaller root.
        let gap = log(p99 / mean)
        let discriminant = z99 * z99 - 2 * gap
        guard gap > 0, discriminant >= 0 else { return nil }
        return z99 - sqrt(discriminant)
    }

    public static var maxP99OverMean: Double { exp(z99 * z99 / 2) }
}
