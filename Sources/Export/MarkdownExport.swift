import Analysis
import Model

/// The `markdown` export: a report to paste into notes or docs. Title, description, the diagram, components with
/// parameters, links, workload, the closed-form analysis and cost, and, when given, a simulated run's results.
public enum MarkdownExport {
    public static func render(_ design: Design, results: SimulatedResults? = nil) -> String {
        var out: [String] = ["# " + inline(design.name), ""]
        if !design.description.isEmpty { out += [inline(design.description), ""] }

        let diagram = TextDiagram.render(design)
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(diagram.lines.joined(separator: "\n")) + 1))
        out += ["## Diagram", "", fence + "text"] + diagram.lines + [fence, ""]
        out.append(DiagramGlyphs(ascii: false).legend + (diagram.note.map { " — " + $0 } ?? ""))
        out.append("")

        out += ["## Components", ""]
        var components = MarkdownTable(["component", "kind", "instances", "workers", "service time", "queue", "balancing", "description"],
                                       rightAligned: [2, 3, 5])
        for component in design.components {
            components.add([component.id, component.kind.rawValue, "\(component.instances)", "\(component.workers)",
                            ComponentFacts.serviceTime(component.serviceTime), ComponentFacts.queue(component.queueCapacity),
                            component.routes.isEmpty ? component.balancing.rawValue : component.algorithm.rawValue,
                            component.description ?? ""])
        }
        out += components.lines + [""]

        let links = ExportLink.all(in: design)
        if !links.isEmpty {
            out += ["## Links", ""]
            var table = MarkdownTable(["from", "to", "mode", "probability", "timeout", "class"], rightAligned: [3, 4])
            for link in links {
                table.add([link.from, link.to, link.modeWord, ComponentFacts.percent(link.probability),
                           link.timeoutS.map(Units.formatDuration) ?? "", link.requestClass ?? "all"])
            }
            out += table.lines + [""]
        }

        out += ["## Workload", "", inline(WorkloadFacts.summary(design.workload)), ""]
        // Solved once: the analysis section and the cost (priced at its offered load) both use it.
        let solved = design.components.isEmpty ? nil : NetworkAnalyzer.analyze(design)
        out += analysis(design, solved)
        out += cost(design, rates: solved?.arrivalRates ?? [:])
        if let results { out += simulated(results) }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func analysis(_ design: Design, _ solved: DesignAnalysis?) -> [String] {
        var out = ["## Analysis", ""]
        guard let analysis = solved else {
            return out + ["No closed-form analysis: the traffic equations of this design have no solution.", ""]
        }
        out.append("- Model: \(inline(analysis.model))\(analysis.exact ? " (exact for this design)" : "")")
        let bottleneck = analysis.station(analysis.bottleneck)
        out.append("- Bottleneck: **\(inline(analysis.bottleneck))** at utilisation \(Units.formatPercent(bottleneck?.utilization ?? 0))")
        out.append("- Capacity: saturates at \(Units.formatRate(analysis.maxThroughputRPS)) req/s"
                   + " (offered \(Units.formatRate(analysis.arrivalRateRPS)) req/s)")
        if let latency = analysis.latencyMeanS {
            out.append("- Predicted mean latency: \(Units.formatDuration(latency))"
                       + (analysis.latencyP99S.map { ", p99 \(Units.formatDuration($0))" } ?? ""))
        } else {
            out.append("- No steady state: some component is saturated")
        }
        out.append("")
        var table = MarkdownTable(["component", "arrivals req/s", "utilisation", "wait", "response", "capacity req/s"],
                                  rightAligned: [1, 2, 3, 4, 5])
        for station in analysis.stations {
            table.add([station.id, Units.formatRate(station.arrivalRateRPS), Units.formatPercent(station.utilization),
                       station.waitS.map(Units.formatDuration) ?? "—", station.responseS.map(Units.formatDuration) ?? "—",
                       Units.formatRate(station.capacityRPS)])
        }
        out += table.lines + [""]
        let notes = analysis.notes + NetworkAnalyzer.warnings(for: design)
        if !notes.isEmpty { out += notes.map { "- " + inline($0) } + [""] }
        return out
    }

    static func cost(_ design: Design, rates: [String: Double]) -> [String] {
        var table = MarkdownTable(["component", "instances", "USD / month"], rightAligned: [1, 2])
        let estimate = CostModel.estimate(design, requestsPerS: rates)
        for component in design.components {
            table.add([component.id, "\(component.instances)", dollars(estimate.perComponent[component.id] ?? 0)])
        }
        table.add(["total", "", dollars(estimate.monthly)])
        var notes = ["", "Estimate at the offered load: " + inline(CostModel.source) + "."]
        if let perMillion = CostModel.perMillionRequestsUSD(monthly: estimate.monthly, entryRateRPS: design.workload.rateRPS) {
            notes.append("That is " + dollars(perMillion) + " per million requests.")
        }
        return ["## Cost", ""] + table.lines + notes + [""]
    }

    static func simulated(_ results: SimulatedResults) -> [String] {
        var out = ["## Simulated results", ""]
        out.append("Seed \(results.seed), \(Units.formatDuration(results.durationS)) simulated, the first "
                   + "\(Units.formatDuration(results.warmupS)) excluded as warm-up; fingerprint `\(results.fingerprint)`.")
        out.append("")
        out.append("- Requests: offered \(Units.formatGrouped(results.offered)), completed \(Units.formatGrouped(results.completed)), "
                   + "errors \(Units.formatGrouped(results.errors))")
        out.append("- Throughput: \(Units.formatRate(results.throughputRPS)) req/s")
        if let mean = results.latencyMeanS {
            out.append("- Latency: mean \(Units.formatDuration(mean))"
                       + (results.latencyP50S.map { ", p50 \(Units.formatDuration($0))" } ?? "")
                       + (results.latencyP99S.map { ", p99 \(Units.formatDuration($0))" } ?? ""))
        } else {
            out.append("- Latency: no request completed after the warm-up")
        }
        out.append("")
        var table = MarkdownTable(["component", "req/s", "utilisation", "queue", "resp mean", "resp p99", "rejected", "timeouts"],
                                  rightAligned: [1, 2, 3, 4, 5, 6, 7])
        for row in results.components {
            table.add([row.id, Units.formatRate(row.throughputRPS), Units.formatPercent(row.utilization),
                       String(format: "%.2f", row.meanQueueLength), row.responseMeanS.map(Units.formatDuration) ?? "—",
                       row.responseP99S.map(Units.formatDuration) ?? "—", Units.formatGrouped(row.rejected),
                       Units.formatGrouped(row.timedOut)])
        }
        return out + table.lines + [""]
    }

    static func dollars(_ value: Double) -> String { "$" + String(format: "%.2f", value) }

    /// Text on one line with the characters Markdown would read as markup escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "\n" || character == "\r" { out.append(" "); continue }
            // An underscore inside a word never starts emphasis, so `load_balancer` stays as it is.
            let inWord = index > 0 && index + 1 < characters.count
                && (characters[index - 1].isLetter || characters[index - 1].isNumber)
                && (characters[index + 1].isLetter || characters[index + 1].isNumber)
            if "\\`*[]<>|#".contains(character) || (character == "_" && !inWord) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}

/// A GitHub-flavoured Markdown table; cells are escaped so a `|` in a name cannot break a row.
struct MarkdownTable {
    var headers: [String]
    var rightAligned: Set<Int>
    var rows: [[String]] = []

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    var lines: [String] {
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        let rule = headers.indices.map { rightAligned.contains($0) ? "---:" : "---" }
        return [line(headers), line(rule)] + rows.map { row in
            line(row.map(MarkdownExport.inline))
        }
    }
}
