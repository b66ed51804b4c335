import Foundation
import Testing
import Model
@testable import SimCore

/// Resilient calls, autoscaling and the failure timeline in the engine, with exact or closed-form expectations.
@Suite struct ResilienceBehaviourTests {
    static func callDesign(_ call: String, callee: String = "service_time: { dist: constant, mean: 2ms }", failures: String = "",
                           rate: Int = 500, duration: String = "60s") -> String {
        """
        sdw: 1
        simulation: { duration: \(duration), warmup: 10s }
        workload: { entry: api, rate: \(rate) }
        components:
          api:
            kind: service
            workers: 512
            service_time: { dist: constant, mean: 1ms }
            calls:
              - \(call)
          backend:
            kind: service
            workers: 64
            \(callee)
        \(failures)
        """
    }

    @Test func latencyIsPaidBothWays() throws {
        let plain = try run(try design(Self.callDesign("{ to: backend }")))
        let distant = try run(try design(Self.callDesign("{ to: backend, latency: 10ms }")))
        // Constant service times and no queueing: exactly 1 ms + 2 ms, plus 2 × 10 ms on the wire.
        #expect(abs(plain.latency.mean - 0.003) < 1e-6)
        #expect(abs(distant.latency.mean - 0.023) < 1e-6)
    }

    @Test func retriesRecoverLostCallsAsTheBinomialSays() throws {
        // Half the calls are lost; each lost call is noticed at its 50 ms timeout and tried again, up to 3 retries:
        // a request fails only if all 4 tries are lost, 0.5⁴ = 6.25%. Expected retries per request: 0.5 + 0.25 + 0.125 = 0.875.
        let text = Self.callDesign("{ to: backend, timeout: 50ms, retries: { max: 3, backoff: 10ms, jitter: none } }",
                                   failures: "failures:\n  - { at: 0s, drop: api, to: backend, fraction: 0.5 }")
        let result = try run(try design(text))
        let failedShare = Double(result.requests.timedOut) / Double(result.requests.offered)
        #expect(abs(failedShare - 0.0625) < 0.01, "failed \(failedShare)")
        let retriesPerRequest = Double(result.component("api").blocks.retries) / Double(result.requests.offered)
        #expect(abs(retriesPerRequest - 0.875) < 0.03, "retries per request \(retriesPerRequest)")
        #expect(result.component("api").blocks.lostCalls > 10_000)
    }

    @Test func aBreakerOpensFailsFastAndClosesAfterTheOutage() throws {
        let text = Self.callDesign("{ to: backend, timeout: 100ms, breaker: { failure_ratio: 0.5, min_requests: 20, window: 5s, open_for: 2s, probes: 3 } }",
                                   failures: "failures:\n  - { at: 20s, crash: backend, until: 30s }")
        let simulation = try Simulation(design: try design(text), options: RunOptions(design: try design(text)))
        simulation.run()
        let result = simulation.result()
        let api = result.component("api").blocks
        #expect(api.breakerOpenings >= 2)
        #expect(api.breakerRejected > 1000)
        // Its state over time: open once failures are half of the 5 s window (≈ 2.5 s after the crash at 20 s), probing
        // every 2 s while the backend is down, and closed again after the recovery at 30 s.
        let timeline = result.component("api").breakerTimeline
        let firstOpen = try #require(timeline.first { $0.state == "open" })
        #expect(firstOpen.time > 21.5 && firstOpen.time < 23.5, "\(timeline)")
        #expect(timeline.contains { $0.state == "half_open" })
        let lastClose = try #require(timeline.last)
        #expect(lastClose.state == "closed" && lastClose.time > 30 && lastClose.time < 36, "\(timeline)")
        // Failing fast keeps the caller's workers free: the api is not held waiting on timeouts.
        #expect(result.component("api").timedOut < 200)
        // After the outage the breaker lets traffic through again.
        let throughput = simulation.series.throughputRPS.values
        #expect(throughput[45..<55].reduce(0, +) / 10 > 480)
    }

    @Test func aBulkheadCapsCallsInFlight() throws {
        // 500/s × 50 ms = 25 calls in flight on average; a bulkhead of 10 turns the excess away at once.
        let limited = try run(try design(Self.callDesign("{ to: backend, bulkhead: 10 }",
                                                         callee: "service_time: { dist: constant, mean: 50ms }")))
        #expect(limited.component("api").blocks.bulkheadRejected > 5000)
        #expect(limited.component("backend").throughputRPS < 201)
    }

    @Test func hedgingCutsTheTail() throws {
        let callee = "service_time: { dist: lognormal, mean: 5ms, p99: 60ms }"
        let plain = try run(try design(Self.callDesign("{ to: backend }", callee: callee)))
        let hedged = try run(try design(Self.callDesign("{ to: backend, hedge_after: 15ms }", callee: callee)))
        #expect(hedged.latency.p99 < plain.latency.p99 * 0.7, "p99 \(hedged.latency.p99) vs \(plain.latency.p99)")
        let hedgeShare = Double(hedged.component("api").blocks.hedges) / Double(hedged.requests.offered)
        #expect(hedgeShare > 0.01 && hedgeShare < 0.15)
    }

    @Test func aPartitionCutsCrossRegionCallsOnly() throws {
        let text = """
        sdw: 1
        simulation: { duration: 40s, warmup: 5s }
        network: { cross_region_latency: 40ms }
        workload: { entry: api, rate: 200 }
        components:
          api:
            kind: service
            region: eu
            workers: 64
            service_time: { dist: constant, mean: 1ms }
            calls: [{ to: db, timeout: 200ms }]
          db:
            kind: service
            region: us
            workers: 64
            service_time: { dist: constant, mean: 1ms }
        failures:
          - { at: 20s, partition: us, until: 30s }
        """
        let result = try run(try design(text))
        // Outside the partition: 1 + 1 ms plus 40 ms each way. During it (10 of 35 s), calls time out.
        #expect(abs(result.latency.p50 - 0.082) < 0.002)
        let timedOut = Double(result.requests.timedOut) / Double(result.requests.offered)
        #expect(abs(timedOut - 10.0 / 35) < 0.02)
    }

    @Test func autoscalingAddsInstancesAfterTheBootDelay() throws {
        let text = """
        sdw: 1
        simulation: { duration: 120s, warmup: 5s }
        workload:
          entry: web
          rate: 400
          pattern: { kind: spike, at: 30s, factor: 3, for: 60s }
        components:
          web:
            kind: service
            instances: 2
            workers: 4
            service_time: { dist: exponential, mean: 10ms }
            autoscale: { min: 2, max: 10, target: 60%, interval: 10s, boot: 20s }
        """
        let result = try run(try design(text))
        let timeline = result.component("web").instanceTimeline
        // 400/s × 10 ms = 4 busy of 8: 50%, under target. At 1200/s the group needs 12/0.6 = 20 workers: 5 instances.
        #expect(timeline.first?.instances == 2)
        let peak = timeline.map(\.instances).max() ?? 0
        #expect(peak >= 5 && peak <= 7, "timeline \(timeline)")
        // Nothing joins before the first evaluation after the spike plus the boot delay.
        let firstGrowth = try #require(timeline.first { $0.instances > 2 })
        #expect(firstGrowth.time >= 40 + 20 - 1e-9)
        // And it shrinks back after the spike.
        #expect(timeline.last!.instances < peak)
    }

    @Test func aSlowdownWindowRaisesLatencyOnlyWhileItLasts() throws {
        let text = Self.callDesign("{ to: backend }", failures: "failures:\n  - { at: 20s, slow: backend, factor: 5, until: 30s }")
        let simulation = try Simulation(design: try design(text), options: RunOptions(design: try design(text)))
        simulation.run()
        let p50 = simulation.series.p50S.values
        #expect(abs(p50[15] - 0.003) < 0.0005)
        #expect(abs(p50[25] - 0.011) < 0.001)
        #expect(abs(p50[40] - 0.003) < 0.0005)
    }

    @Test func everyBlockIsDeterministic() throws {
        for file in ["Designs/cache-stampede.yaml", "Designs/retry-storm.yaml", "Designs/autoscale-flash-crowd.yaml",
                     "Designs/notification-fanout.yaml", "Designs/multi-region-partition.yaml", "Designs/sharded-hot-key.yaml"] {
            let blocks = try loadDesign(file)
            let first = try run(blocks, duration: 20, warmup: 2)
            let second = try run(blocks, duration: 20, warmup: 2)
            #expect(first.fingerprint == second.fingerprint, "\(file)")
            #expect(first.events == second.events)
            #expect(first.components.map(\.blocks) == second.components.map(\.blocks))
            let other = try run(blocks, seed: 7, duration: 20, warmup: 2)
            #expect(other.fingerprint != first.fingerprint, "\(file): the seed must matter")
        }
    }
}
