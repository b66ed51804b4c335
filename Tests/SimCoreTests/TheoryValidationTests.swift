import Foundation
import Testing
import Model
import Analysis
@testable import SimCore

/// The engine against the closed forms of REFERENCE.md, on the designs in Designs/validation/.
/// Each run is seeded, so these are exact regression checks as well as statistical ones.
@Suite(.serialized) struct TheoryValidationTests {
    struct Check {
        var file: String
        var p99: Bool
    }

    static let checks = [
        Check(file: "Designs/validation/mm1-rho095.yaml", p99: true),
        Check(file: "Designs/validation/mm8-rho09.yaml", p99: true),
        Check(file: "Designs/validation/md1-rho09.yaml", p99: false),
        Check(file: "Designs/validation/jackson-lb-web-db.yaml", p99: false),
    ]

    @Test(arguments: checks.map(\.file))
    func simulationAgreesWithTheory(file: String) throws {
        let check = Self.checks.first { $0.file == file }!
        let design = try loadDesign(file)
        let theory = try #require(NetworkAnalyzer.analyze(design))
        #expect(theory.exact, "validation designs must have an exact closed form")
        let result = try run(design)
        let predicted = try #require(theory.latencyMeanS)

        // Mean: inside the 95% confidence interval and within 2% relative.
        let mean = result.latency.mean
        #expect(result.latencyMeanCI95.isFinite && result.latencyMeanCI95 > 0)
        #expect(abs(mean - predicted) <= result.latencyMeanCI95,
                "theory \(predicted * 1000) ms outside simulated \(mean * 1000) ± \(result.latencyMeanCI95 * 1000) ms")
        #expect(abs(mean - predicted) / predicted < 0.02, "mean \(mean * 1000) ms vs theory \(predicted * 1000) ms")

        if check.p99 {
            let p99 = try #require(theory.latencyP99S)
            #expect(abs(result.latency.p99 - p99) / p99 < 0.05, "p99 \(result.latency.p99 * 1000) ms vs theory \(p99 * 1000) ms")
        }
        // Utilisation within 1% absolute, per component.
        for station in theory.stations {
            let simulated = result.component(station.id).utilization
            #expect(abs(simulated - station.utilization) < 0.01, "\(station.id): ρ sim \(simulated) vs theory \(station.utilization)")
        }
        // Little's law, L = λW, within 1% (nothing is lost in these designs).
        #expect(result.requests.rejected == 0 && result.requests.timedOut == 0)
        let littleL = result.throughputRPS * mean
        #expect(abs(result.meanInSystem - littleL) / littleL < 0.01, "L \(result.meanInSystem) vs λW \(littleL)")
        // Per station as well: mean in service = λ·E[S] (worker-level Little's law).
        for component in result.components where component.throughputRPS > 0 {
            let expected = component.throughputRPS * design.component(component.id)!.serviceTime.meanS
            #expect(abs(component.meanInService - expected) / max(expected, 1e-9) < 0.01)
        }
    }
}
