import Model

/// The formats a design can be exported to.
public enum ExportFormat: String, Sendable, CaseIterable {
    case text, ascii, markdown, mermaid, d2, dot, yaml

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .text, .ascii: return "txt"
        case .markdown: return "md"
        case .mermaid: return "mmd"
        case .d2: return "d2"
        case .dot: return "dot"
        case .yaml: return "yaml"
        }
    }

    /// `md` and `graphviz` are accepted as well as the names.
    public init?(name: String) {
        switch name.lowercased() {
        case "md": self = .markdown
        case "graphviz", "gv": self = .dot
        case "txt": self = .text
        case "yml": self = .yaml
        default:
            guard let format = ExportFormat(rawValue: name.lowercased()) else { return nil }
            self = format
        }
    }
}

/// Design → text in any export format.
public enum Exporter {
    /// `results`: a finished run's figures, used by the Markdown report only.
    public static func render(_ design: Design, as format: ExportFormat, results: SimulatedResults? = nil) -> String {
        switch format {
        case .text: return TextExport.render(design)
        case .ascii: return TextExport.render(design, ascii: true)
        case .markdown: return MarkdownExport.render(design, results: results)
        case .mermaid: return MermaidExport.render(design)
        case .d2: return D2Export.render(design)
        case .dot: return DotExport.render(design)
        case .yaml: return DesignWriter.yaml(design)
        }
    }
}
