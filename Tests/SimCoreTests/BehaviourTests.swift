import Foundation
import Testing
import Model
@testable import SimCore

@Suite struct BehaviourTests {
    @Test func overloadKeepsMemoryBoundedAndRejects() throws {
        // ρ = 1.5 for 60 simulated seconds.
        let overloaded = try design("""
        sdw: 1
        simulation: { duration: 60s, warmup: 5s }
        workload: { entry: server, rate: 1500 }
        components:
          server:
            kind: service
            workers: 1
            queue_capacity: 500
            service_time: { dist: exponential, mean: 1ms }
        """)
        let simulation = try Simulation(design: overloaded, options: RunOptions(design: overloaded))
        var largestPool = 0
        while !simulation.isFinished {
            simulation.advance(to: simulation.now + 1)
            largestPool = max(largestPool, simulation.jobPoolSize)
        }
        let result = simulation.result()
        // At most queue + workers requests are held at once (plus the one being turned away).
        #expect(largestPool <= 502)
        #expect(simulation.dynamicMemoryBytes < 1_000_000)
        // Throughput is capped at the service rate; the excess is rejected (≈ 1/3 of offered).
        #expect(abs(result.throughputRPS - 1000) / 1000 < 0.02)
        let rejectedShare = Double(result.requests.rejected) / Double(result.requests.offered)
        #expect(abs(rejectedShare - 1.0 / 3) < 0.02)
        #expect(result.component("server").rejected == result.requests.rejected)
        #expect(result.component("server").utilization > 0.99)
        #expect(result.component("server").meanQueueLength > 450)
    }

    @Test func roundRobinSplitsExactlyAndWeightedFollowsWeights() throws {
        let text = """
        sdw: 1
        simulation: { duration: 20s, warmup: 0s }
        workload: { entry: lb, rate: 1000 }
        components:
          lb: { kind: load_balancer, algorithm: ALGO, routes: [a, b], weights: [3, 1] }
          a: { kind: service, instances: 2, workers: 4, service_time: { dist: exponential, mean: 1ms } }
          b: { kind: service, instances: 2, workers: 4, service_time: { dist: exponential, mean: 1ms } }
        """
        let roundRobin = try run(try design(text.replacingOccurrences(of: "ALGO", with: "round_robin")))
        let a = roundRobin.component("a").throughputRPS, b = roundRobin.component("b").throughputRPS
        #expect(abs(a - b) <= 0.2)  // 4 instances in turn: an exact 50/50 split, ± one request
        let weighted = try run(try design(text.replacingOccurrences(of: "ALGO", with: "weighted")))
        let ratio = weighted.component("a").throughputRPS / weighted.component("b").throughputRPS
        #expect(abs(ratio - 3) < 0.01)
    }

    @Test func smarterBalancingCutsTheTail() throws {
        // Ten single-worker instances at ρ = 0.8: random splitting queues far more than join-the-shortest.
        let text = """
        sdw: 1
        simulation: { duration: 200s, warmup: 10s }
        workload: { entry: lb, rate: 8000 }
        components:
          lb: { kind: load_balancer, algorithm: ALGO, routes: [web] }
          web: { kind: service, instances: 10, workers: 1, service_time: { dist: exponential, mean: 1ms } }
        """
        func p99(_ algorithm: String) throws -> Double {
            try run(try design(text.replacingOccurrences(of: "ALGO", with: algorithm))).latency.p99
        }
        let random = try p99("random"), twoChoices = try p99("power_of_two"), least = try p99("least_connections")
        // Random is ten independent M/M/1 at ρ = 0.8: p99 = ln(100)/200 ≈ 23 ms.
        #expect(abs(random - log(100) / 200) / (log(100) / 200) < 0.05)
        #expect(twoChoices < random / 2)
        #expect(least <= twoChoices)
    }

    @Test func consistentHashKeepsKeysOnTheirInstance() throws {
        var ring = ConsistentHashRing(names: (0..<4).map { "web#\($0)" })
        let owners = (0..<10_000).map { ring.lookup(StableHash.mix(UInt64($0))) }
        // Every instance owns a fair share (virtual nodes smooth the ring).
        for instance in 0..<4 {
            let share = Double(owners.filter { $0 == instance }.count) / 10_000
            #expect(share > 0.15 && share < 0.35)
        }
        // Adding a fifth instance moves only about a fifth of the keys.
        ring = ConsistentHashRing(names: (0..<5).map { "web#\($0)" })
        let moved = (0..<10_000).filter { ring.lookup(StableHash.mix(UInt64($0))) != owners[$0] }.count
        #expect(Double(moved) / 10_000 < 0.3)
    }

    @Test func aSlowSyncCalleeBacksUpItsCaller() throws {
        let text = """
        sdw: 1
        simulation: { duration: 30s, warmup: 5s }
        workload: { entry: web, rate: 400 }
        components:
          web:
            kind: service
            workers: 8
            service_time: { dist: exponential, mean: 1ms }
            calls: [{ to: db, mode: MODE }]
          db: { kind: service, workers: 4, service_time: { dist: exponential, mean: 8ms } }
        """
        let sync = try run(try design(text.replacingOccurrences(of: "MODE", with: "sync")))
        let forward = try run(try design(text.replacingOccurrences(of: "MODE", with: "forward")))
        // Forwarding frees web's worker: its utilisation is λ·E[S]/c = 400 · 1ms / 8 = 5%.
        #expect(abs(forward.component("web").utilization - 0.05) < 0.005)
        // Sync holds it for the database's whole response (≥ 8 ms): web is at least 9× busier.
        #expect(sync.component("web").utilization > 0.05 * 9)
        #expect(sync.component("web").response.mean > 0.009)
        // End to end both include the database.
        #expect(abs(sync.latency.mean - forward.latency.mean) / forward.latency.mean < 0.05)
    }

    @Test func timeoutsFailRequestsWhileTheCalleeKeepsWorking() throws {
        let slow = try design("""
        sdw: 1
        simulation: { duration: 30s, warmup: 5s }
        workload: { entry: web, rate: 100 }
        components:
          web:
            kind: service
            workers: 50
            service_time: { dist: constant, mean: 1ms }
            calls: [{ to: db, timeout: 20ms }]
          db: { kind: service, workers: 50, service_time: { dist: exponential, mean: 20ms } }
        """)
        let result = try run(slow)
        // Service at db is Exp(20 ms) with no queueing: P(S > 20 ms − 0) = e^{-1} ≈ 36.8% time out.
        let share = Double(result.requests.timedOut) / Double(result.requests.offered)
        #expect(abs(share - exp(-1)) < 0.03)
        #expect(result.component("web").timedOut == result.requests.timedOut)
        let finished = result.requests.completed + result.requests.timedOut
        #expect(abs(finished - result.requests.offered) < 10)
        // db still served every call, including the abandoned ones.
        let offeredRate = Double(result.requests.offered) / result.measuredS
        #expect(abs(result.component("db").throughputRPS - offeredRate) / offeredRate < 0.02)
        #expect(result.latency.max <= 0.0211)
    }

    @Test func asyncCallsAreNotWaitedFor() throws {
        let text = """
        sdw: 1
        simulation: { duration: 30s, warmup: 5s }
        workload: { entry: api, rate: 200 }
        components:
          api:
            kind: service
            workers: 4
            service_time: { dist: constant, mean: 2ms }
            calls: [{ to: mailer, mode: async, probability: 0.25 }]
          mailer: { kind: service, workers: 4, service_time: { dist: constant, mean: 50ms } }
        """
        let result = try run(try design(text))
        #expect(result.latency.max < 0.0021)  // only api's own 2 ms
        let mailerRate = Double(result.component("api").asyncCalls) / result.measuredS
        #expect(abs(result.component("mailer").throughputRPS - mailerRate) / mailerRate < 0.03)
        #expect(result.asyncCompleted > 0)
        #expect(abs(Double(result.component("api").asyncCalls) / Double(result.requests.completed) - 0.25) < 0.02)
    }

    @Test func requestClassesRestrictCalls() throws {
        let text = """
        sdw: 1
        simulation: { duration: 30s, warmup: 5s }
        workload:
          entry: api
          rate: 1000
          classes: [{ name: read, weight: 0.9 }, { name: write, weight: 0.1 }]
        components:
          api:
            kind: service
            workers: 16
            service_time: { dist: constant, mean: 1ms }
            calls: [{ to: primary, class: write }, { to: replica, class: read }]
          primary: { kind: service, workers: 8, service_time: { dist: constant, mean: 5ms } }
          replica: { kind: service, workers: 8, service_time: { dist: constant, mean: 1ms } }
        """
        let result = try run(try design(text))
        #expect(abs(result.component("primary").throughputRPS - 100) < 8)
        #expect(abs(result.component("replica").throughputRPS - 900) < 20)
        let write = result.classes.first { $0.name == "write" }!, read = result.classes.first { $0.name == "read" }!
        #expect(abs(write.latency.mean - 0.006) < 0.0005)
        #expect(abs(read.latency.mean - 0.002) < 0.0005)
    }

    @Test func patternsShapeTheOfferedLoad() throws {
        let text = """
        sdw: 1
        simulation: { duration: 40s, warmup: 0s }
        workload: { entry: s, rate: 1000, pattern: PATTERN }
        components:
          s: { kind: service, workers: 64, service_time: { dist: constant, mean: 1ms } }
        """
        let spike = try run(try design(text.replacingOccurrences(of: "PATTERN", with: "{ kind: spike, at: 10s, factor: 3, for: 10s }")))
        // 30 s at 1000/s and 10 s at 3000/s.
        #expect(abs(Double(spike.requests.offered) - 60_000) / 60_000 < 0.02)
        let ramp = try run(try design(text.replacingOccurrences(of: "PATTERN", with: "{ kind: ramp, to: 3000, over: 40s }")))
        #expect(abs(Double(ramp.requests.offered) - 80_000) / 80_000 < 0.02)
        let diurnal = try run(try design(text.replacingOccurrences(of: "PATTERN", with: "{ kind: diurnal, peak: 3000, period: 40s }")))
        #expect(abs(Double(diurnal.requests.offered) - 80_000) / 80_000 < 0.02)
        let constant = try design(text.replacingOccurrences(of: "PATTERN", with: "{ kind: constant }")
            .replacingOccurrences(of: "rate: 1000", with: "arrivals: constant, rate: 1000"))
        let constantOffered = try run(constant).requests.offered
        #expect(abs(constantOffered - 40_000) <= 1)
    }

    @Test func liveRateChangeTakesEffectAtOnce() throws {
        let steady = try design("""
        sdw: 1
        simulation: { duration: 20s, warmup: 0s }
        workload: { entry: s, rate: 1000 }
        components:
          s: { kind: service, workers: 64, service_time: { dist: constant, mean: 1ms } }
        """)
        let simulation = try Simulation(design: steady, options: RunOptions(design: steady))
        simulation.advance(to: 10)
        simulation.changeRate(to: 4000)
        simulation.run()
        let offered = simulation.series.offeredRPS.values
        #expect(offered.count == 20)
        let before: Double = offered[0..<10].reduce(0, +) / 10
        let after: Double = offered[10..<20].reduce(0, +) / 10
        #expect(abs(before - 1000) < 50)
        #expect(abs(after - 4000) < 100)
    }

    @Test func zeroQueueCapacityIsALossSystem() throws {
        // M/M/c/c: Erlang B. c = 2, a = 1 → blocking = (a²/2)/(1 + a + a²/2) = 0.2.
        let loss = try design("""
        sdw: 1
        simulation: { duration: 400s, warmup: 10s }
        workload: { entry: s, rate: 100 }
        components:
          s: { kind: service, workers: 2, queue_capacity: 0, service_time: { dist: exponential, mean: 10ms } }
        """)
        let result = try run(loss)
        let blocked = Double(result.requests.rejected) / Double(result.requests.offered)
        #expect(abs(blocked - 0.2) < 0.01)
    }
}
