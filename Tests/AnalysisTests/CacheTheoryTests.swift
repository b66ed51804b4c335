import Foundation
import Testing
@testable import Analysis

@Suite struct CacheTheoryTests {
    @Test func exactLRUMatchesHandEnumeration() {
        // One slot holds the last key requested, so the hit ratio is Σ pᵢ².
        #expect(abs(CacheTheory.exactLRU(popularities: [0.5, 0.3, 0.2], capacity: 1) - 0.38) < 1e-15)
        // Two slots over three keys: the six orderings by hand give 1007/1400.
        #expect(abs(CacheTheory.exactLRU(popularities: [0.5, 0.3, 0.2], capacity: 2) - 1007.0 / 1400) < 1e-15)
        // Unnormalised weights mean the same thing.
        #expect(abs(CacheTheory.exactLRU(popularities: [5, 3, 2], capacity: 2) - 1007.0 / 1400) < 1e-15)
        #expect(abs(CacheTheory.exactLRU(popularities: [0.5, 0.3, 0.2], capacity: 3) - 1) < 1e-15)
        #expect(abs(CacheTheory.exactLRU(popularities: [0.6, 0.4, 0], capacity: 3) - 1) < 1e-15)
        #expect(CacheTheory.exactLRU(popularities: [0.5, 0.5], capacity: 0) == 0)
    }

    @Test func cheHasTheRightLimits() {
        let zipf = CacheTheory.zipfPopularities(count: 200, exponent: 0.9)
        #expect(CacheTheory.cheLRU(popularities: zipf, capacity: 0).hitRatio == 0)
        let full = CacheTheory.cheLRU(popularities: zipf, capacity: 200)
        #expect(full.hitRatio == 1 && full.characteristicTimeRequests == .infinity)
        // Keys nobody asks for take no room: three live keys fit in three slots.
        #expect(CacheTheory.cheLRU(popularities: [0.7, 0.2, 0.1, 0, 0], capacity: 3).hitRatio == 1)
        // Uniform popularity: 1 − e^{−T/n} = C/n, so the hit ratio is exactly C/n.
        let uniform = CacheTheory.cheLRU(popularities: Array(repeating: 1, count: 50), capacity: 20)
        #expect(abs(uniform.hitRatio - 0.4) < 1e-12)
        #expect(abs(uniform.characteristicTimeRequests - -50 * log(1 - 0.4)) < 1e-9)
        // More capacity never hurts.
        let ratios = [1, 5, 20, 80, 199].map { CacheTheory.cheLRU(popularities: zipf, capacity: $0).hitRatio }
        #expect(zip(ratios, ratios.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func cheMatchesAnIndependentBisection() {
        // Reference values: bisection on T in Python (200 halvings), outside this code base.
        let three = CacheTheory.cheLRU(popularities: [0.5, 0.3, 0.2], capacity: 2)
        #expect(abs(three.hitRatio - 0.7154122835781221) < 1e-12)
        #expect(abs(three.characteristicTimeRequests - 3.570506972213269) < 1e-9)
        let zipf8 = CacheTheory.cheLRU(popularities: CacheTheory.zipfPopularities(count: 8, exponent: 1), capacity: 3)
        #expect(abs(zipf8.hitRatio - 0.5316730883992412) < 1e-12)
        #expect(abs(zipf8.characteristicTimeRequests - 4.379823937673411) < 1e-9)
        let large = CacheTheory.cheLRU(popularities: CacheTheory.zipfPopularities(count: 100_000, exponent: 0.8), capacity: 10_000)
        #expect(abs(large.hitRatio - 0.46868523538415446) < 1e-10)
        #expect(abs(large.characteristicTimeRequests - 15605.919826646517) / 15605.9 < 1e-9)
    }

    @Test func cheIsCloseToExactLRUOnSmallCaches() {
        // Che is an approximation; on tiny caches it is within half a percentage point of exact.
        for (count, capacity, exponent) in [(8, 3, 1.0), (10, 4, 0.8), (6, 3, 1.0)] {
            let popularities = CacheTheory.zipfPopularities(count: count, exponent: exponent)
            let che = CacheTheory.cheLRU(popularities: popularities, capacity: capacity).hitRatio
            let exact = CacheTheory.exactLRU(popularities: popularities, capacity: capacity)
            #expect(abs(che - exact) < 0.005, "n=\(count) C=\(capacity) s=\(exponent): Che \(che), exact \(exact)")
            #expect(che < exact)  // on these cases Che slightly underestimates
        }
    }

    @Test func zipfPopularitiesAreNormalisedPowerLaws() {
        let p = CacheTheory.zipfPopularities(count: 1000, exponent: 1.2)
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        #expect(abs(p[0] / p[1] - pow(2, 1.2)) < 1e-12)
        #expect(abs(p[9] / p[99] - pow(10, 1.2)) < 1e-9)
        #expect(CacheTheory.zipfPopularities(count: 4, exponent: 0) == [0.25, 0.25, 0.25, 0.25])
    }

    @Test func fixedTTLFollowsTheRenewalCycle() {
        // One key at 10/s with a 0.1 s TTL: a miss, then on average one hit before expiry.
        #expect(abs(CacheTheory.fixedTTL(popularities: [1], requestRate: 10, ttlS: 0.1) - 0.5) < 1e-15)
        // Two keys at 3/s and 1/s, 1 s TTL: 0.75·(3/4) + 0.25·(1/2).
        #expect(abs(CacheTheory.fixedTTL(popularities: [3, 1], requestRate: 4, ttlS: 1) - 0.6875) < 1e-15)
        let zipf = CacheTheory.zipfPopularities(count: 1000, exponent: 0.9)
        #expect(abs(CacheTheory.fixedTTL(popularities: zipf, requestRate: 1000, ttlS: 1) - 0.6716780094419333) < 1e-12)
        #expect(CacheTheory.fixedTTL(popularities: zipf, requestRate: 1000, ttlS: 0) == 0)
        #expect(CacheTheory.fixedTTL(popularities: zipf, requestRate: 1000, ttlS: 1e12) > 0.9999)
    }
}
