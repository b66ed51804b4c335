import Foundation
import Testing
import Model
import SimCore
import Analysis
@testable import Reporting

/// Every design in Designs/validation/ (found by listing the folder, so new ones are checked too): the analysis
/// must be exact there, agree with the simulation per component, and its saturation rate must be where throughput
/// stops growing.
@Suite struct ValidationDesignsAgreeTests {
    static var files: [String] {
        let folder = CLI.root.appendingPathComponent("Designs/validation")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "Designs/validation/\($0)" }
    }

    static func load(_ file: String) throws -> Design {
        try DesignParser.load(path: CLI.root.appendingPathComponent(file).path).0
    }

    @Test func theFolderHasDesigns() { #expect(Self.files.count >= 4) }

    @Test(arguments: files)
    func perComponentPredictionsMatchTheSimulation(file: String) throws {
        let design = try Self.load(file)
        let report = try #require(AnalysisReport(design: design))
        #expect(report.analysis.exact, "\(file): a validation design must satisfy the model's assumptions")
        #expect(report.analysis.notes.isEmpty)
        // At most 3000 s simulated keeps the suite short; the long runs are TheoryValidationTests' job.
        let options = RunOptions(design: design, durationS: min(design.simulation.durationS, 3000), warmupS: design.simulation.warmupS)
        let simulation = try Simulation(design: design, options: options)
        simulation.advance(to: options.durationS)
        let result = simulation.result()
        for station in report.analysis.stations where station.arrivalRateRPS > 0 {
            let simulated = try #require(result.components.first { $0.id == station.id })
            #expect(abs(simulated.utilization - station.utilization) < 0.01, "\(file) \(station.id): ρ")
            #expect(abs(simulated.throughputRPS - station.arrivalRateRPS) / station.arrivalRateRPS < 0.02, "\(file) \(station.id): λ")
            let predicted = try #require(station.responseS)
            // 3%, or twice the run's relative 95% CI where that is wider (ρ = 0.95 converges slowly).
            let tolerance = max(0.03, 2 * result.latencyMeanCI95 / result.latency.mean)
            #expect(abs(simulated.response.mean - predicted) / predicted < tolerance,
                    "\(file) \(station.id): response \(simulated.response.mean * 1000) ms vs theory \(predicted * 1000) ms")
        }
    }

    @Test(arguments: files)
    func throughputLevelsOffAtTheSaturationRate(file: String) throws {
        let design = try Self.load(file)
        let capacity = try #require(Capacity.analyze(design))
        #expect(capacity.saturationRateRPS == capacity.boundRPS, "no sync calls in validation designs")
        // Offered 30% past saturation: the bottleneck is busy all the time and completions run at its capacity.
        let options = RunOptions(design: design, durationS: 120, warmupS: 20, rateRPS: capacity.saturationRateRPS * 1.3)
        let simulation = try Simulation(design: design, options: options)
        simulation.advance(to: options.durationS)
        let result = simulation.result()
        #expect(abs(result.throughputRPS - capacity.saturationRateRPS) / capacity.saturationRateRPS < 0.03,
                "\(file): throughput \(result.throughputRPS) vs saturation \(capacity.saturationRateRPS)")
        #expect((result.components.first { $0.id == capacity.bottleneck }?.utilization ?? 0) > 0.98)
    }

    @Test func outsideTheAssumptionsTheAnalysisSaysSo() throws {
        let report = try #require(AnalysisReport(design: try Self.load("Designs/web-tier.yaml"), targetP99S: 0.05))
        #expect(!report.analysis.exact)
        #expect(report.analysis.latencyP99S == nil, "no p99 closed form for a network with sync calls")
        let text = report.text
        #expect(text.contains("assumptions that do not hold here:\n  - sync calls hold a worker while waiting: holding times are not exponential"))
        #expect(text.contains("mean latency ≈"))
        #expect(text.contains("p99: no closed form (only for a single M/M/c station)"))
        #expect(text.contains("web: lognormal service: Erlang C needs exponential service, no p99 closed form"))
        #expect(report.capacity.component("web")?.instancesForTargetP99 == nil)
    }
}
