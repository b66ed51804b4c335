import Foundation
import Testing
import Model
@testable import SimCore

@Suite struct LiveChangeTests {
    static let text = """
    sdw: 1
    simulation: { duration: 60s, warmup: 0s }
    workload: { entry: lb, rate: 2000 }
    components:
      lb: { kind: load_balancer, algorithm: round_robin, routes: [web] }
      web: { kind: service, instances: 4, workers: 4, service_time: { dist: exponential, mean: 1ms } }
    """

    @Test func crashedInstanceFailsUntilTheHealthCheckRemovesIt() throws {
        let design = try design(Self.text)
        let simulation = try Simulation(design: design, options: RunOptions(seed: 1, durationS: .infinity, warmupS: 0))
        simulation.advance(to: 10)
        #expect(simulation.crash("web") == 0)
        #expect(simulation.isDown("web") == [true, false, false, false])
        simulation.advance(to: 11)
        // Round robin keeps sending a quarter of the traffic to the dead instance for the 2 s health-check delay.
        let errorsWhileUndetected = simulation.series.errorsRPS.last ?? 0
        #expect(abs(errorsWhileUndetected - 500) < 60)
        simulation.advance(to: 15)
        #expect(simulation.series.errorsRPS.last == 0)
        #expect(simulation.drainNotices().map(\.message) == ["health check removed web#0 from rotation"])
        simulation.recover("web")
        #expect(simulation.isDown("web") == [false, false, false, false])
        simulation.advance(to: 20)
        #expect(simulation.requestCounts.failed > 800)
    }

    @Test func slowingAComponentRaisesItsLatencyAtOnce() throws {
        let design = try design(Self.text)
        let simulation = try Simulation(design: design, options: RunOptions(seed: 1, durationS: .infinity, warmupS: 0))
        simulation.advance(to: 10)
        let before = simulation.series.utilization[1].last!
        simulation.slow("web", factor: 3)
        simulation.advance(to: 20)
        let after = simulation.series.utilization[1].last!
        #expect(abs(before - 0.125) < 0.02)
        #expect(abs(after - 0.375) < 0.04)
    }

    @Test func parameterEditsApplyLiveAndShapeChangesAreRefused() throws {
        var design = try design(Self.text)
        let simulation = try Simulation(design: design, options: RunOptions(seed: 1, durationS: .infinity, warmupS: 0))
        simulation.advance(to: 10)
        design.components[1].workers = 8
        design.workload.rateRPS = 4000
        #expect(simulation.apply(design))
        simulation.advance(to: 20)
        // 4000/s × 1 ms over 4 × 8 workers.
        #expect(abs(simulation.series.utilization[1].last! - 0.125) < 0.02)
        #expect(abs(simulation.series.offeredRPS.last! - 4000) < 250)
        var reshaped = design
        reshaped.components[1].instances = 5
        #expect(!simulation.apply(reshaped))
    }

    @Test func aBalancerWithoutRoutesFailsRequestsInsteadOfCrashing() throws {
        var design = try design(Self.text)
        design.components[0].routes = []
        let simulation = try Simulation(design: design, options: RunOptions(seed: 1, durationS: 5, warmupS: 0))
        simulation.run()
        #expect(simulation.requestCounts.failed == simulation.requestCounts.offered)
    }
}
