import Foundation

/// Closed forms for cache hit ratios under the independent reference model (each request picks
/// key i with probability pᵢ, independently of the past).
public enum CacheTheory {
    /// Che's approximation for an LRU cache of `capacity` entries (Che, Tung & Wang, "Hierarchical
    /// Web caching systems: modeling, design and experimental results", IEEE JSAC 2002): find the
    /// characteristic time T (in requests) with Σᵢ (1 − e^{−pᵢT}) = C; then the hit ratio is
    /// Σᵢ pᵢ(1 − e^{−pᵢT}). Popularities need not be normalised. T is infinite when C covers
    /// every key with non-zero popularity.
    public static func cheLRU(popularities: [Double], capacity: Int) -> (hitRatio: Double, characteristicTimeRequests: Double) {
        let total = popularities.reduce(0, +)
        guard total > 0, capacity > 0 else { return (0, 0) }
        let p = popularities.map { $0 / total }
        let reachable = p.reduce(0) { $1 > 0 ? $0 + 1 : $0 }
        if capacity >= reachable { return (1, .infinity) }

        // f(T) = Σ(1 − e^{−pᵢT}) − C is increasing and concave, so Newton's method started below
        // the root (T = 0) stays below it and converges monotonically.
        let target = Double(capacity)
        var time = 0.0
        for _ in 0..<500 {
            var occupancy = 0.0, slope = 0.0
            for probability in p where probability > 0 {
                let survival = exp(-probability * time)
                occupancy += 1 - survival
                slope += probability * survival
            }
            let step = (target - occupancy) / slope
            time += step
            if step <= 1e-13 * time { break }
        }
        var hit = 0.0
        for probability in p where probability > 0 { hit += probability * -expm1(-probability * time) }
        return (hit, time)
    }

    /// An LRU cache whose entries also expire `ttlS` after they were filled (not renewed by hits), under Poisson
    /// requests at `requestRate` per second: each key is present when both would keep it, so its hit probability is
    /// the smaller of Che's LRU term 1 − e^(−pᵢT) and the TTL term λpᵢτ/(1 + λpᵢτ). An approximation (it ignores
    /// the room expiries free for other keys), checked against the engine in the tests.
    public static func lruWithTTL(popularities: [Double], capacity: Int, requestRate: Double, ttlS: Double) -> Double {
        let total = popularities.reduce(0, +)
        guard total > 0, capacity > 0, requestRate > 0 else { return 0 }
        let time = cheLRU(popularities: popularities, capacity: capacity).characteristicTimeRequests
        var hit = 0.0
        for raw in popularities where raw > 0 {
            let p = raw / total
            let lru = time.isFinite ? -expm1(-p * time) : 1
            let ttl = requestRate * p * ttlS / (1 + requestRate * p * ttlS)
            hit += p * min(lru, ttl)
        }
        return hit
    }

    /// The exact LRU hit ratio under the independent reference model (King, "Analysis of demand
    /// paging algorithms", IFIP 1971): the cache holding keys i₁…i_C, most recent first, has
    /// stationary probability Πₖ p_{iₖ}/(1 − Σ_{j<k} p_{iⱼ}), and a request hits when its key is held.
    /// Enumerates n!/(n−C)! orderings, so it is only for tiny caches (tests of the approximations).
    public static func exactLRU(popularities: [Double], capacity: Int) -> Double {
        let total = popularities.reduce(0, +)
        guard total > 0, capacity > 0 else { return 0 }
        let p = popularities.map { $0 / total }
        let depth = min(capacity, p.count)
        var held = Array(repeating: false, count: p.count)
        func visit(level: Int, probability: Double, heldMass: Double) -> Double {
            if level == depth { return probability * heldMass }
            var hit = 0.0
            for key in p.indices where !held[key] && p[key] > 0 {
                held[key] = true
                hit += visit(level: level + 1, probability: probability * p[key] / (1 - heldMass), heldMass: heldMass + p[key])
                held[key] = false
            }
            // Fewer keys with non-zero popularity than slots: the cache holds all of them.
            return hit == 0 && probability > 0 ? probability * heldMass : hit
        }
        return visit(level: 0, probability: 1, heldMass: 0)
    }

    /// Normalised Zipf popularities: pₖ ∝ 1/(k+1)^s for ranks k in `0..<count`.
    public static func zipfPopularities(count: Int, exponent: Double) -> [Double] {
        guard count >= 1 else { return [] }
        var weights = (0..<count).map { pow(Double($0 + 1), -exponent) }
        var total = 0.0
        for index in stride(from: count - 1, through: 0, by: -1) { total += weights[index] }  // small first
        for index in 0..<count { weights[index] /= total }
        return weights
    }

    /// Hit ratio of an unbounded cache whose entries expire `ttlS` after the miss that filled them
    /// (hits do not extend the TTL), under Poisson requests at `requestRate` spread by popularity.
    /// Each key runs renewal cycles of one miss then on average λᵢT hits, so its hit ratio is
    /// λᵢT/(1 + λᵢT) with λᵢ = pᵢ·rate; the total weights keys by pᵢ.
    public static func fixedTTL(popularities: [Double], requestRate: Double, ttlS: Double) -> Double {
        let total = popularities.reduce(0, +)
        guard total > 0, requestRate > 0, ttlS > 0 else { return 0 }
        var hit = 0.0
        for weight in popularities where weight > 0 {
            let p = weight / total
            let hitsPerCycle = p * requestRate * ttlS
            hit += p * hitsPerCycle / (1 + hitsPerCycle)
        }
        return hit
    }
}
