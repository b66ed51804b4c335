import Testing
import Model
@testable import Analysis

/// The analysis of the new blocks: cache misses, rate limits, queues' consumers, network latency.
@Suite struct BlockAnalysisTests {
    func design(_ text: String) throws -> Design { try DesignParser.parse(text, file: "inline.yaml").0 }

    @Test func cachesPassTheirMissesOnAndReadThroughHoldsTheWorker() throws {
        func cache(_ strategy: String) throws -> DesignAnalysis {
            try #require(NetworkAnalyzer.analyze(try design("""
            sdw: 1
            workload: { entry: cache, rate: 1000 }
            components:
              cache:
                kind: cache
                workers: 50
                hit_ratio: 0.9
                strategy: \(strategy)
                on_miss: db
              db:
                kind: service
                workers: 10
                service_time: { dist: exponential, mean: 4ms }
            """)))
        }
        let aside = try cache("cache_aside"), through = try cache("read_through")
        #expect(abs(try #require(aside.station("db")).arrivalRateRPS - 100) < 1e-9)
        #expect(abs(try #require(through.station("db")).arrivalRateRPS - 100) < 1e-9)
        // Cache-aside frees the cache's worker at once (hold = 0.5 ms); read-through holds it for the store on a miss.
        #expect(abs(try #require(aside.station("cache")).holdTimeS - 0.0005) < 1e-9)
        #expect(try #require(through.station("cache")).holdTimeS > 0.0005 + 0.1 * 0.004 - 1e-9)
    }

    @Test func rateLimitsCapTheTrafficEquations() throws {
        let analysis = try #require(NetworkAnalyzer.analyze(try design("""
        sdw: 1
        workload: { entry: gw, rate: 2000 }
        components:
          gw:
            kind: api_gateway
            rate_limit: { rate: 500, burst: 50 }
            routes: [app]
          app:
            kind: service
            workers: 4
            service_time: { dist: exponential, mean: 2ms }
        """)))
        #expect(abs(try #require(analysis.station("app")).arrivalRateRPS - 500) < 1e-6)
        #expect(abs(try #require(analysis.station("app")).utilization - 0.25) < 1e-9)
    }

    @Test func networkLatencyIsPartOfTheCallersHold() throws {
        let analysis = try #require(NetworkAnalyzer.analyze(try design("""
        sdw: 1
        network: { cross_region_latency: 40ms }
        workload: { entry: api, rate: 10 }
        components:
          api:
            kind: service
            region: eu
            workers: 64
            service_time: { dist: constant, mean: 1ms }
            calls: [{ to: db, latency: 2ms }]
          db:
            kind: service
            region: us
            workers: 64
            service_time: { dist: constant, mean: 1ms }
        """)))
        // 1 ms + 2 × (2 ms + 40 ms) + 1 ms, with next to no queueing at 10 req/s.
        #expect(abs(try #require(analysis.latencyMeanS) - 0.086) < 0.0005)
    }

    @Test func aQueueIsServedByItsConsumersNotItsPartitions() throws {
        let analysis = try #require(NetworkAnalyzer.analyze(try design("""
        sdw: 1
        workload: { entry: api, rate: 800 }
        components:
          api:
            kind: service
            workers: 8
            service_time: { dist: exponential, mean: 1ms }
            calls: [{ to: jobs, mode: async }]
          jobs:
            kind: queue
            partitions: 12
            consumers: 2
            service_time: { dist: exponential, mean: 2ms }
        """)))
        // Two consumers at 500/s each: ρ = 800 × 2 ms / 2 = 0.8 (not / 12).
        #expect(abs(try #require(analysis.station("jobs")).utilization - 0.8) < 1e-9)
    }
}
