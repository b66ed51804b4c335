import Model

/// The `dot` export (Graphviz): a left-to-right `digraph`, one node per block (shape by kind) with a plain-text
/// label, one edge per link; async edges dashed, forward edges and routes bold.
public enum DotExport {
    public static func render(_ design: Design) -> String {
        var out = ["digraph \(quoted(design.name)) {"]
        out.append("    graph [rankdir=LR, labelloc=t, label=\(quoted(design.name))];")
        out.append("    node [style=rounded];")
        for component in design.components {
            let shape = KindStyle.style(component.kind.rawValue).dotShape
            let label = ComponentFacts.labelLines(component).map(escape).joined(separator: "\\n")
            out.append("    \(quoted(component.id)) [shape=\(shape), label=\"\(label)\"];")
        }
        for link in ExportLink.all(in: design) {
            var attributes = ["label=\(quoted(link.fullLabel))"]
            if link.mode == .async { attributes.append("style=dashed") }
            if link.mode == .forward { attributes.append("style=bold") }
            out.append("    \(quoted(link.from)) -> \(quoted(link.to)) [\(attributes.joined(separator: ", "))];")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    static func quoted(_ text: String) -> String { "\"" + escape(text) + "\"" }

    /// Inside a DOT string: backslash and quote escaped (so no `\N`-style label escape can be formed by accident),
    /// line breaks as `\n`.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
