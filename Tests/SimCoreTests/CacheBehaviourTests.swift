import Foundation
import Testing
import Model
import Analysis
@testable import SimCore

/// Caches and CDNs in the engine: hit ratios emerge from the key model and match theory; misses load the store;
/// crashes empty the cache; write strategies behave as documented.
@Suite struct CacheBehaviourTests {
    static func cacheDesign(_ cache: String, keys: String = "keys: { count: 100000, zipf: 0.8 }", classes: String = "",
                            failures: String = "", rate: Int = 4000, duration: String = "60s", warmup: String = "20s") -> String {
        """
        sdw: 1
        simulation: { duration: \(duration), warmup: \(warmup) }
        workload:
          entry: app
          rate: \(rate)
          \(keys)
          \(classes)
        components:
          app:
            kind: service
            workers: 64
            service_time: { dist: constant, mean: 1ms }
            calls: [cache]
          cache:
            kind: cache
            instances: 1
            workers: 64
        \(cache)
          db:
            kind: database
            connections: 200
            service_time: { dist: exponential, mean: 5ms }
        \(failures)
        """
    }

    @Test func fixedHitRatioSendsTheMissesToTheStore() throws {
        let text = Self.cacheDesign("""
            hit_ratio: 0.8
            on_miss: db
        """, keys: "")
        let result = try run(try design(text))
        let cache = result.component("cache"), db = result.component("db")
        #expect(abs(cache.blocks.hitRatio! - 0.8) < 0.01)
        // 20% of 4000/s reach the database.
        #expect(abs(db.throughputRPS - 800) / 800 < 0.03)
        #expect(cache.blocks.hits + cache.blocks.misses == cache.completionsMeasured)
    }

    @Test func lruHitRatioMatchesChesApproximation() throws {
        let text = Self.cacheDesign("""
            capacity: 10000
            on_miss: db
        """)
        let result = try run(try design(text))
        let measured = result.component("cache").blocks.hitRatio!
        let che = CacheTheory.cheLRU(popularities: CacheTheory.zipfPopularities(count: 100_000, exponent: 0.8), capacity: 10_000).hitRatio
        // Che's approximation for LRU under independent Zipf requests (REFERENCE.md): within 2% absolute.
        #expect(abs(measured - che) < 0.02, "measured \(measured), Che \(che)")
        #expect(measured > 0.4 && measured < 0.55)
        // The analysis uses the same estimate for the database's offered load.
        let analysis = try #require(NetworkAnalyzer.analyze(try design(text)))
        let predicted = try #require(analysis.station("db")).arrivalRateRPS
        #expect(abs(result.component("db").throughputRPS - predicted) / predicted < 0.05)
    }

    @Test func shortTTLExpiresEntriesAndLowersTheHitRatio() throws {
        let lasting = try run(try design(Self.cacheDesign("""
            capacity: 10000
            on_miss: db
        """)))
        let expiring = try run(try design(Self.cacheDesign("""
            capacity: 10000
            ttl: 2s
            on_miss: db
        """)))
        #expect(expiring.component("cache").blocks.expired > 10_000)
        #expect(lasting.component("cache").blocks.expired == 0)
        #expect(expiring.component("cache").blocks.hitRatio! < lasting.component("cache").blocks.hitRatio! - 0.05)
    }

    @Test func ttlHitRatioMatchesTheLRUWithTTLApproximation() throws {
        // 4000/s over 100k Zipf(0.8) keys, LRU 10k, TTL 2 s: each key is held while both LRU and TTL keep it.
        let text = Self.cacheDesign("""
            capacity: 10000
            ttl: 2s
            on_miss: db
        """)
        let measured = try run(try design(text)).component("cache").blocks.hitRatio!
        let popularities = CacheTheory.zipfPopularities(count: 100_000, exponent: 0.8)
        let predicted = CacheTheory.lruWithTTL(popularities: popularities, capacity: 10_000, requestRate: 4000, ttlS: 2)
        #expect(abs(measured - predicted) < 0.03, "measured \(measured), predicted \(predicted)")
        // And the analysis uses it for the store's load.
        let analysis = try #require(NetworkAnalyzer.analyze(try design(text)))
        #expect(abs(try #require(analysis.station("db")).arrivalRateRPS - 4000 * (1 - predicted)) < 40)
    }

    @Test func aCrashEmptiesTheCacheAndTheStoreTakesTheStampede() throws {
        let text = Self.cacheDesign("""
            capacity: 20000
            on_miss: db
        """, failures: "failures:\n  - { at: 40s, crash: cache, until: 41s }", duration: "60s", warmup: "5s")
        let simulation = try Simulation(design: try design(text), options: RunOptions(design: try design(text)))
        simulation.run()
        let db = try #require(simulation.series.stations.firstIndex(of: "db"))
        let throughput = simulation.series.stationThroughputRPS[db].values
        let before = throughput[35..<40].reduce(0, +) / 5
        let after = throughput[41..<43].reduce(0, +) / 2
        // Warm: about (1 − 0.6) of 4000/s; right after the cold restart nearly everything misses.
        #expect(before < 2000)
        #expect(after > 1.7 * before, "before \(before), after \(after)")
        #expect(throughput[58] < 1.2 * before)  // warmed up again
    }

    @Test func writeBehindLosesWhatWasNotFlushedWhenTheCacheCrashes() throws {
        let text = Self.cacheDesign("""
            capacity: 100000
            on_miss: db
            strategy: write_behind
            flush_after: 5s
        """, classes: "classes: [{ name: read, weight: 9 }, { name: write, weight: 1, write: true }]",
            failures: "failures:\n  - { at: 30s, crash: cache, until: 30.5s }", rate: 2000, duration: "40s", warmup: "5s")
        let result = try run(try design(text))
        let cache = result.component("cache")
        // About 200 writes/s wait 5 s before reaching the store: ≈ 1000 are lost in the crash.
        #expect(abs(Double(cache.blocks.lostWrites) - 1000) < 150, "lost \(cache.blocks.lostWrites)")
        // Writes are acknowledged at the cache: the store sees them later, as flushes.
        #expect(cache.blocks.flushes > 5000)
    }

    @Test func writeThroughUpdatesStoreThenCacheAndCacheAsideInvalidates() throws {
        let classes = "classes: [{ name: read, weight: 1 }, { name: write, weight: 1, write: true }]"
        let through = try run(try design(Self.cacheDesign("""
            capacity: 1000
            on_miss: db
            strategy: write_through
        """, keys: "keys: { count: 1000, zipf: 0 }", classes: classes, rate: 1000, duration: "30s", warmup: "10s")))
        let aside = try run(try design(Self.cacheDesign("""
            capacity: 1000
            on_miss: db
        """, keys: "keys: { count: 1000, zipf: 0 }", classes: classes, rate: 1000, duration: "30s", warmup: "10s")))
        // The whole keyspace fits: write-through keeps every key cached, so reads always hit.
        #expect(through.component("cache").blocks.hitRatio! > 0.99)
        // Cache-aside deletes on write: a read after a write to its key misses.
        #expect(aside.component("cache").blocks.hitRatio! < 0.95)
        #expect(aside.component("cache").blocks.hitRatio! > 0.5)
    }

    @Test func refreshAheadReloadsHotKeysBeforeTheyExpire() throws {
        let ahead = try run(try design(Self.cacheDesign("""
            capacity: 10000
            ttl: 5s
            on_miss: db
            strategy: refresh_ahead
            refresh_at: 0.5
        """)))
        let plain = try run(try design(Self.cacheDesign("""
            capacity: 10000
            ttl: 5s
            on_miss: db
            strategy: read_through
        """)))
        #expect(ahead.component("cache").blocks.refreshes > 1000)
        #expect(ahead.component("cache").blocks.expired < plain.component("cache").blocks.expired / 2)
        #expect(ahead.component("cache").blocks.hitRatio! > plain.component("cache").blocks.hitRatio!)
    }

    @Test func cdnShieldCatchesEdgeMisses() throws {
        let text = """
        sdw: 1
        simulation: { duration: 40s, warmup: 5s }
        workload: { entry: edge, rate: 2000 }
        components:
          edge:
            kind: cdn
            workers: 200
            hit_ratio: 0.9
            origin: origin
            shield_hit_ratio: 0.5
          origin:
            kind: service
            workers: 50
            service_time: { dist: exponential, mean: 20ms }
        """
        let result = try run(try design(text))
        // 10% miss at the edge, half of those at the shield: 5% of 2000/s reach the origin.
        #expect(abs(result.component("origin").throughputRPS - 100) < 10)
        #expect(abs(result.component("edge").blocks.hitRatio! - 0.9) < 0.01)
    }
}

extension ComponentResult {
    /// Lookups counted by the cache (each request served once).
    var completionsMeasured: Int { blocks.hits + blocks.misses }
}
