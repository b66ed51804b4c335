import Foundation
import Testing
import Analysis
@testable import SimCore

/// The key-level cache against theory: Zipf requests into `KeyedLRU`, hit ratio vs closed forms.
@Suite struct CacheValidationTests {
    /// Hit ratio after `warmup` requests of `requests` in total, filling on every miss.
    func lruHitRatio(keys: Int, exponent: Double, capacity: Int, requests: Int, warmup: Int, seed: UInt64) -> Double {
        let sampler = ZipfSampler(count: keys, exponent: exponent)
        var rng = Xoshiro256(seed: seed)
        var cache = KeyedLRU(keyspace: keys, capacity: capacity, ttlS: nil)
        var hits = 0
        for request in 0..<requests {
            let key = sampler.sample(&rng)
            if case .hit = cache.lookup(key, now: 0) {
                if request >= warmup { hits += 1 }
            } else {
                cache.insert(key, now: 0)
            }
        }
        return Double(hits) / Double(requests - warmup)
    }

    @Test func lruHitRatioMatchesChesApproximation() {
        // 10⁶ Zipf(0.8) requests over 10⁵ keys into 10⁴ slots, first 2·10⁵ discarded.
        let measured = lruHitRatio(keys: 100_000, exponent: 0.8, capacity: 10_000, requests: 1_000_000,
                                   warmup: 200_000, seed: 1)
        let che = CacheTheory.cheLRU(popularities: CacheTheory.zipfPopularities(count: 100_000, exponent: 0.8),
                                     capacity: 10_000)
        #expect(abs(che.hitRatio - 0.4687) < 0.0001)
        #expect(abs(measured - che.hitRatio) < 0.02, "measured \(measured), Che \(che.hitRatio)")
    }

    @Test func lruHitRatioMatchesExactLRUOnATinyCache() {
        // King's exact formula for 8 keys, 3 slots, Zipf(1): 0.5356. Standard error here ≈ 0.0005.
        let exact = CacheTheory.exactLRU(popularities: CacheTheory.zipfPopularities(count: 8, exponent: 1), capacity: 3)
        #expect(abs(exact - 0.535615335901961) < 1e-12)
        let measured = lruHitRatio(keys: 8, exponent: 1, capacity: 3, requests: 1_000_000, warmup: 1_000, seed: 2)
        #expect(abs(measured - exact) < 0.002, "measured \(measured), exact \(exact)")
    }

    @Test func ttlCacheMatchesTheRenewalFormula() {
        // Poisson requests at 1000/s over 1000 Zipf(0.9) keys, unbounded cache, 1 s TTL from the fill.
        let keys = 1000, rate = 1000.0, ttl = 1.0
        let sampler = ZipfSampler(count: keys, exponent: 0.9)
        var rng = Xoshiro256(seed: 3)
        var cache = KeyedLRU(keyspace: keys, capacity: keys, ttlS: ttl)
        var now = 0.0, hits = 0, counted = 0, expiries = 0
        for request in 0..<600_000 {
            now += -log(rng.uniformPositive()) / rate
            let key = sampler.sample(&rng)
            let outcome = cache.lookup(key, now: now)
            switch outcome {
            case .hit(let age): #expect(age < ttl)
            case .expired: expiries += 1; cache.insert(key, now: now)
            case .miss: cache.insert(key, now: now)
            }
            if request >= 50_000 {
                counted += 1
                if case .hit = outcome { hits += 1 }
            }
        }
        let theory = CacheTheory.fixedTTL(popularities: CacheTheory.zipfPopularities(count: keys, exponent: 0.9),
                                          requestRate: rate, ttlS: ttl)
        let measured = Double(hits) / Double(counted)
        #expect(abs(measured - theory) < 0.005, "measured \(measured), renewal formula \(theory)")
        #expect(expiries > 100_000)  // expiry, not capacity, is what limits this cache
    }
}
