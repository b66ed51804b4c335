import Foundation
import Testing
@testable import Analysis

@Suite struct QueueFormulasTests {
    @Test func mm1MatchesReference() throws {
        // REFERENCE.md: μ = 1000/s, λ = 950/s → W = 20 ms, p99 = 92.1 ms, Lq = ρ²/(1−ρ).
        let w = try #require(QueueFormulas.mmcResponse(lambda: 950, mu: 1000, servers: 1))
        #expect(abs(w - 0.020) < 1e-12)
        let p99 = try #require(QueueFormulas.mmcResponseQuantile(0.99, lambda: 950, mu: 1000, servers: 1))
        #expect(abs(p99 - (-log(0.01) / 50)) < 1e-9)
        #expect(abs(p99 - 0.0921) < 0.0001)
        #expect(abs(QueueFormulas.mm1QueueLength(rho: 0.95)! - 18.05) < 1e-9)
    }

    @Test func erlangCMatchesReference() throws {
        // REFERENCE.md: c = 8, μ = 1, λ = 7.2 → C ≈ 0.7015, W ≈ 1.877.
        let c = try #require(QueueFormulas.erlangC(servers: 8, offeredLoad: 7.2))
        #expect(abs(c - 0.7015) < 0.0001)
        let w = try #require(QueueFormulas.mmcResponse(lambda: 7.2, mu: 1, servers: 8))
        #expect(abs(w - 1.877) < 0.001)
        // With one server Erlang C is ρ.
        #expect(abs(QueueFormulas.erlangC(servers: 1, offeredLoad: 0.6)! - 0.6) < 1e-12)
        #expect(QueueFormulas.erlangC(servers: 4, offeredLoad: 4) == nil)
        // Large c does not overflow.
        #expect(QueueFormulas.erlangC(servers: 500, offeredLoad: 450) != nil)
    }

    @Test func mmcTailIsConsistentWithTheMean() throws {
        // ∫ P(T > t) dt = E[T]: integrate the tail numerically.
        let lambda = 720.0, mu = 100.0
        var integral = 0.0
        let step = 1e-5
        var t = 0.0
        while t < 1 {
            integral += QueueFormulas.mmcResponseTail(t + step / 2, lambda: lambda, mu: mu, servers: 8)! * step
            t += step
        }
        let mean = try #require(QueueFormulas.mmcResponse(lambda: lambda, mu: mu, servers: 8))
        #expect(abs(integral - mean) / mean < 1e-4)
    }

    @Test func pollaczekKhinchineHalvesQueueingForConstantService() throws {
        let exponential = try #require(QueueFormulas.pollaczekKhinchineWait(lambda: 900, meanService: 0.001, secondMoment: 2e-6))
        let constant = try #require(QueueFormulas.pollaczekKhinchineWait(lambda: 900, meanService: 0.001, secondMoment: 1e-6))
        #expect(abs(exponential - QueueFormulas.mmcWait(lambda: 900, mu: 1000, servers: 1)!) < 1e-12)
        #expect(abs(constant - exponential / 2) < 1e-12)
        #expect(abs(constant + 0.001 - 0.0055) < 1e-12)
    }

    @Test func littlesLaw() {
        #expect(QueueFormulas.littlesLaw(arrivalRate: 950, meanTime: 0.02) == 19)
    }
}
