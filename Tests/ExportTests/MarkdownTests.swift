import Foundation
import Testing
@testable import Export
import Analysis
import Model

@Suite struct MarkdownTests {
    static let results = SimulatedResults(
        seed: 7, durationS: 20, warmupS: 2, offered: 19_000, completed: 18_990, errors: 10, throughputRPS: 949.5,
        latencyMeanS: 0.0123, latencyP50S: 0.009, latencyP99S: 0.061, fingerprint: "00ff00ff00ff00ff",
        components: [.init(id: "web", throughputRPS: 949.5, utilization: 0.42, meanQueueLength: 0.25, responseMeanS: 0.011,
                           responseP99S: 0.05, rejected: 3, timedOut: 7)])

    @Test func reportHasEverySectionAndTheAnalysisFigures() throws {
        let design = try catalogueDesign("Designs/web-tier.yaml")
        let text = MarkdownExport.render(design)
        let headings = text.components(separatedBy: "\n").filter { $0.hasPrefix("#") }
        #expect(headings == ["# Web tier with database", "## Diagram", "## Components", "## Links", "## Workload", "## Analysis", "## Cost"])
        let analysis = try #require(NetworkAnalyzer.analyze(design))
        #expect(text.contains("- Bottleneck: **\(analysis.bottleneck)** at utilisation \(Units.formatPercent(analysis.station(analysis.bottleneck)!.utilization))"))
        #expect(text.contains("- Capacity: saturates at \(Units.formatRate(analysis.maxThroughputRPS)) req/s (offered 950 req/s)"))
        #expect(text.contains("| total |  | $\(String(format: "%.2f", CostModel.monthlyUSD(design))) |"))
        #expect(text.contains("| web | service | 4 | 8 | logn 5ms p99 40ms | 1k | random | Renders pages; waits on the database for every request. |"))
        #expect(text.contains("```text\n" + TextDiagram.render(design).lines.joined(separator: "\n") + "\n```"))
        #expect(!text.contains("Simulated results"))
    }

    @Test func simulatedResultsAreTabulatedWhenGiven() throws {
        let text = MarkdownExport.render(try catalogueDesign("Designs/web-tier.yaml"), results: Self.results)
        #expect(text.contains("## Simulated results\n\nSeed 7, 20s simulated, the first 2s excluded as warm-up; fingerprint `00ff00ff00ff00ff`."))
        #expect(text.contains("- Requests: offered 19,000, completed 18,990, errors 10"))
        #expect(text.contains("- Latency: mean 12.3ms, p50 9ms, p99 61ms"))
        #expect(text.contains("| web | 950 | 42.0% | 0.25 | 11ms | 50ms | 3 | 7 |"))
    }

    @Test func markupInNamesIsEscaped() {
        let text = MarkdownExport.render(awkwardDesign())
        #expect(text.hasPrefix("# Quotes \"here\", \\#hash & \\<tags\\> — ünïcode\n\nA \\| pipe and \\`ticks\\`\n"))
        // Every table row keeps its column count: pipes inside cells are escaped.
        let rows = text.components(separatedBy: "\n").filter { $0.hasPrefix("| edge lb | load_balancer") }
        #expect(rows.count == 1)
        let unescapedPipes = rows[0].replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
        #expect(unescapedPipes == 9)
        #expect(MarkdownExport.inline("load_balancer _x_") == "load_balancer \\_x\\_")
    }
}
