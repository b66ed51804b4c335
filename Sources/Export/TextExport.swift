import Model

/// The `text` export: title, the diagram, its legend, a component table and the links, readable in 80 columns.
public enum TextExport {
    public static func render(_ design: Design, ascii: Bool = false) -> String {
        let diagram = TextDiagram.render(design, ascii: ascii)
        var out: [String] = [design.name]
        if !design.description.isEmpty { out += wrap(design.description, width: 80) }
        out.append("")
        out += diagram.lines
        out.append("")
        if !design.components.isEmpty { out.append(DiagramGlyphs(ascii: ascii).legend) }
        if let note = diagram.note { out.append("note: " + note) }
        out.append("")
        out.append(componentTable(design).rendered())
        let links = ExportLink.all(in: design)
        if !links.isEmpty {
            out.append("")
            out.append("Links")
            let names = links.map { "\($0.from) → \($0.to)" }
            let width = names.map(\.count).max() ?? 0
            for (name, link) in zip(names, links) {
                out.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + link.fullLabel)
            }
        }
        out.append("")
        out.append("Workload: " + WorkloadFacts.summary(design.workload))
        let text = out.joined(separator: "\n") + "\n"
        return ascii ? DiagramGlyphs.asciiOnly(text) : text
    }

    static func componentTable(_ design: Design) -> TextTable {
        var table = TextTable([("component", .left), ("kind", .left), ("inst×wrk", .right), ("service time", .left),
                               ("queue", .right), ("balancing", .left)])
        for component in design.components {
            table.add([component.id, component.kind.rawValue, "\(component.instances)×\(component.workers)",
                       ComponentFacts.serviceTime(component.serviceTime), ComponentFacts.queue(component.queueCapacity),
                       component.routes.isEmpty ? component.balancing.rawValue : component.algorithm.rawValue])
        }
        return table
    }

    /// Words wrapped at `width` columns (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// The workload in one line, shared by the text and Markdown exports.
enum WorkloadFacts {
    static func summary(_ workload: Workload) -> String {
        var parts = ["entry \(workload.entry)", "\(Units.formatRate(workload.rateRPS)) req/s \(workload.arrivals.rawValue)"]
        switch workload.pattern {
        case .constant: break
        case .ramp(let to, let over, let start):
            parts.append("ramp to \(Units.formatRate(to)) req/s over \(Units.formatDuration(over))"
                         + (start != 0 ? " from \(Units.formatDuration(start))" : ""))
        case .spike(let at, let factor, let length):
            parts.append("spike ×\(Units.trim(factor)) at \(Units.formatDuration(at)) for \(Units.formatDuration(length))")
        case .diurnal(let peak, let period):
            parts.append("diurnal peak \(Units.formatRate(peak)) req/s every \(Units.formatDuration(period))")
        }
        if !workload.classes.isEmpty {
            parts.append("classes " + workload.classes.map { "\($0.name) \(Units.trim($0.weight))" }.joined(separator: ", "))
        }
        return parts.joined(separator: " · ")
    }
}
