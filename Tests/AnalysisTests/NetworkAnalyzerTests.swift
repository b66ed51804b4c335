import Foundation
import Testing
import Model
@testable import Analysis

func loadDesign(_ relative: String) throws -> Design {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try DesignParser.load(path: root.appendingPathComponent(relative).path).0
}

@Suite struct NetworkAnalyzerTests {
    @Test func jacksonNetworkByHand() throws {
        let analysis = try #require(NetworkAnalyzer.analyze(try loadDesign("Designs/validation/jackson-lb-web-db.yaml")))
        #expect(analysis.exact)
        #expect(analysis.model == "open Jackson network (M/M/c stations)")
        // lb M/M/1 (λ 1000, μ 10000); web 4 × M/M/2 (λ 250, μ 166.7); db M/M/4 (λ 300, μ 100).
        let lb = 1 / (10_000.0 - 1000)
        let web = QueueFormulas.mmcResponse(lambda: 250, mu: 1 / 0.006, servers: 2)!
        let db = QueueFormulas.mmcResponse(lambda: 300, mu: 100, servers: 4)!
        let expected = lb + web + 0.3 * db
        #expect(abs(try #require(analysis.latencyMeanS) - expected) < 1e-9)
        #expect(abs(expected - 0.018353) < 1e-5)
        #expect(abs(analysis.station("db")!.arrivalRateRPS - 300) < 1e-9)
        #expect(abs(analysis.station("web")!.utilization - 0.75) < 1e-12)
        #expect(abs(analysis.station("db")!.utilization - 0.75) < 1e-12)
        #expect(analysis.bottleneck == "web" || analysis.bottleneck == "db")
        // web saturates at 8 workers / 6 ms = 1333/s, db at 400/s ÷ 0.3 = 1333/s, lb at 10k/s.
        #expect(abs(analysis.maxThroughputRPS - 4000 / 3) < 1e-6)
    }

    @Test func singleStationModels() throws {
        let mm1 = try #require(NetworkAnalyzer.analyze(try loadDesign("Designs/validation/mm1-rho095.yaml")))
        #expect(mm1.model == "M/M/1" && mm1.exact)
        #expect(abs(mm1.latencyMeanS! - 0.020) < 1e-12)
        #expect(abs(mm1.latencyP99S! - 0.0921034) < 1e-6)
        let md1 = try #require(NetworkAnalyzer.analyze(try loadDesign("Designs/validation/md1-rho09.yaml")))
        #expect(md1.model == "M/G/1 (Pollaczek–Khinchine)" && md1.exact)
        #expect(abs(md1.latencyMeanS! - 0.0055) < 1e-12)
        let mm8 = try #require(NetworkAnalyzer.analyze(try loadDesign("Designs/validation/mm8-rho09.yaml")))
        #expect(mm8.model == "M/M/c (Erlang C)" && mm8.exact)
        #expect(abs(mm8.latencyMeanS! - 0.018769) < 1e-5)
    }

    @Test func unstableDesignNamesItsBottleneck() throws {
        var design = try loadDesign("Designs/web-tier.yaml")
        design.workload.rateRPS = 20_000
        let analysis = try #require(NetworkAnalyzer.analyze(design))
        #expect(!analysis.stable)
        #expect(analysis.latencyMeanS == nil)
        #expect(analysis.bottleneck == "web")
        #expect(analysis.warnings.first?.hasPrefix("'web' is saturated: utilisation") == true)
    }

    @Test func syncCallsAddCalleeTimeToTheCallersHold() throws {
        let design = try loadDesign("Designs/web-tier.yaml")
        let analysis = try #require(NetworkAnalyzer.analyze(design))
        let web = analysis.station("web")!, db = analysis.station("db")!
        #expect(!analysis.exact)
        #expect(abs(web.holdTimeS - (0.005 + db.responseS!)) < 1e-12)
        #expect(web.utilization > 950 * 0.005 / 32)
    }
}
