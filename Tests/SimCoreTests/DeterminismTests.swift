import Testing
import Model
@testable import SimCore

@Suite struct DeterminismTests {
    @Test func sameSeedSameRunBitForBit() throws {
        let design = try loadDesign("Designs/web-tier.yaml")
        let a = try run(design, seed: 11, duration: 20, warmup: 2)
        let b = try run(design, seed: 11, duration: 20, warmup: 2)
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.events == b.events)
        #expect(a.latency == b.latency)
        #expect(a.components == b.components)
        #expect(a.latency.mean.bitPattern == b.latency.mean.bitPattern)
    }

    @Test func anotherSeedAnotherRun() throws {
        let design = try loadDesign("Designs/web-tier.yaml")
        let a = try run(design, seed: 11, duration: 20, warmup: 2)
        let c = try run(design, seed: 12, duration: 20, warmup: 2)
        #expect(a.fingerprint != c.fingerprint)
        #expect(a.latency.mean != c.latency.mean)
    }

    @Test func knownFingerprintForTheDefaultDesign() throws {
        // A regression pin: any change to event order, RNG streams or tie-breaking changes this value.
        let result = try run(try loadDesign("Designs/web-tier.yaml"))
        #expect(result.fingerprint == "be391bce84d3c522")
        #expect(result.events == 284_599)
    }

    @Test func steppingByBudgetOrTimeGivesTheSameRun() throws {
        let design = try loadDesign("Designs/web-tier.yaml")
        let options = RunOptions(design: design, durationS: 15, warmupS: 3)
        let whole = try Simulation(design: design, options: options)
        whole.run()
        let byBudget = try Simulation(design: design, options: options)
        while !byBudget.isFinished { byBudget.advance(budget: 777) }
        let byTime = try Simulation(design: design, options: options)
        var t = 0.0
        while !byTime.isFinished { t += 0.013; byTime.advance(to: t) }
        #expect(byBudget.fingerprint == whole.fingerprint)
        #expect(byTime.fingerprint == whole.fingerprint)
        #expect(byBudget.result().latency == whole.result().latency)
        #expect(byTime.result().components == whole.result().components)
    }

    @Test func addingAComponentLeavesOtherStreamsAlone() throws {
        // Per-component RNG streams: an unused component does not change anyone's random numbers.
        let base = try loadDesign("Designs/web-tier.yaml")
        var extended = base
        extended.components.insert(Component(id: "aaa_unused", kind: .service, serviceTime: .exponential(meanS: 0.001)), at: 0)
        let a = try run(base, duration: 10, warmup: 1)
        let b = try run(extended, duration: 10, warmup: 1)
        #expect(a.fingerprint == b.fingerprint)
    }
}
