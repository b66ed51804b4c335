import Foundation
import Testing
import Model
@testable import SimCore

/// Block settings edited while a run goes on apply at once and keep what the blocks have learnt.
@Suite struct LiveBlockChangeTests {
    static let text = """
    sdw: 1
    simulation: { duration: 120s, warmup: 5s }
    workload: { entry: app, rate: 2000, keys: { count: 50000, zipf: 0.9 } }
    components:
      app:
        kind: service
        workers: 64
        service_time: { dist: constant, mean: 1ms }
        calls: [limiter]
      limiter:
        kind: rate_limiter
        rate_limit: { rate: 5000, burst: 100 }
        calls: [{ to: cache, mode: forward }]
      cache:
        kind: cache
        workers: 64
        capacity: 20000
        ttl: 60s
        on_miss: db
      db:
        kind: database
        connections: 64
        service_time: { dist: exponential, mean: 2ms }
    """

    @Test func aShorterTTLAndATighterLimitApplyLiveWithoutEmptyingTheCache() throws {
        let design = try DesignParser.parse(Self.text, file: "inline.yaml").0
        let simulation = try Simulation(design: design, options: RunOptions(design: design))
        simulation.advance(to: 40)
        let warm = simulation.blockCounters(of: "cache")
        // A bigger cache applies live and keeps what it holds: the hit ratio right after the edit stays high.
        var bigger = design
        bigger.components[2].cache?.capacity = 30000
        #expect(simulation.apply(bigger))
        simulation.advance(to: 41)
        let justAfter = simulation.blockCounters(of: "cache")
        let hitRatio = Double(justAfter.hits - warm.hits) / Double(max(1, justAfter.hits + justAfter.misses - warm.hits - warm.misses))
        #expect(hitRatio > 0.6, "hit ratio after the edit \(hitRatio)")
        // A 1 s TTL and a 500/s limit.
        var edited = bigger
        edited.components[2].cache?.ttlS = 1
        edited.components[1].rateLimit = RateLimit(ratePerS: 500, burst: 50)
        #expect(simulation.canApply(edited))
        #expect(simulation.apply(edited))
        simulation.advance(to: 80)
        let late = simulation.blockCounters(of: "cache")
        // With a 1 s TTL most entries expire between reads.
        #expect(late.expired - justAfter.expired > 1000)
        // The limiter now passes 500/s: the cache sees about that.
        let throughput = simulation.series.stationThroughputRPS[2].values
        #expect(abs(throughput[70] - 500) < 60, "cache at \(throughput[70])/s")
        #expect(abs(throughput[30] - 2000) < 200)
    }

    @Test func shapeChangesStillNeedARestart() throws {
        let design = try DesignParser.parse(Self.text, file: "inline.yaml").0
        let simulation = try Simulation(design: design, options: RunOptions(design: design))
        var edited = design
        edited.components[3].database?.replicas = 1
        edited.components[3].instances = edited.components[3].engineInstances
        #expect(!simulation.canApply(edited))
        var keys = design
        keys.workload.keys = KeyModel(count: 1000, zipf: 0.9)
        #expect(!simulation.canApply(keys))
    }
}
