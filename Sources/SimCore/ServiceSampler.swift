import Foundation
import Model

/// Draws service times from a `ServiceTime` with its parameters precomputed.
public struct ServiceSampler: Sendable {
    enum Kind: UInt8, Sendable { case exponential, constant, uniform, lognormal }
    let kind: Kind
    let a: Double
    let b: Double

    public init(_ serviceTime: ServiceTime) {
        switch serviceTime {
        case .exponential(let mean): kind = .exponential; a = mean; b = 0
        case .constant(let value): kind = .constant; a = value; b = 0
        case .uniform(let low, let high): kind = .uniform; a = low; b = high - low
        case .lognormal:
            let (mu, sigma) = serviceTime.lognormalParameters
            kind = .lognormal; a = mu; b = sigma
        }
    }

    
    public func sample(_ rng: inout Xoshiro256) -> Double {
        switch kind {
        case .exponential:
            return -a * log(rng.uniformPositive())
        case .constant:
            return a
        case .uniform:
            return a + b * rng.uniform()
        case .lognormal:
            // Box–Muller; one normal per draw keeps the stream simple to reason about.
            let radius = (-2 * log(rng.uniformPositive())).squareRoot()
            let normal = radius * cos(2 * Double.pi * rng.uniform())
            return exp(a + b * normal)
        }
    }
}
