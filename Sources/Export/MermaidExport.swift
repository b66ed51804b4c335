import Model

/// The `mermaid` export: a `flowchart LR` with one node per block (shape by kind) and one arrow per link:
/// `-->` sync, `==>` forward or route, `-.->` async. Labels are always quoted, with Mermaid's entity codes for
/// the characters that would end or bend them.
public enum MermaidExport {
    public static func render(_ design: Design) -> String {
        var out = ["---", "title: " + DesignWriter.text(design.name), "---", "flowchart LR"]
        let ids = nodeIDs(design.components.map(\.id) + ExportLink.all(in: design).map(\.to))
        for component in design.components {
            let style = KindStyle.style(component.kind.rawValue)
            let label = ComponentFacts.labelLines(component).map(escape).joined(separator: "<br/>")
            out.append("    \(ids[component.id]!)\(style.mermaidOpen)\"\(label)\"\(style.mermaidClose)")
        }
        for link in ExportLink.all(in: design) {
            let arrow = link.mode == .async ? "-.->" : link.mode == .forward ? "==>" : "-->"
            out.append("    \(ids[link.from]!) \(arrow)|\"\(escape(link.fullLabel))\"| \(ids[link.to]!)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Words Mermaid's flowchart grammar reserves; a block named so gets a prefixed node id (its label keeps the name).
    static let reserved: Set<String> = ["end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click",
                                        "linkstyle", "default", "direction", "call", "href", "interpolate"]

    /// A node id per block id: letters, digits and `_` only, not starting with a digit, not a keyword, unique.
    static func nodeIDs(_ names: [String]) -> [String: String] {
        var ids: [String: String] = [:]
        var taken: Set<String> = []
        for name in names where ids[name] == nil {
            var id = String(name.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "_" })
            if id.isEmpty || id.first!.isNumber || reserved.contains(id.lowercased()) { id = "n_" + id }
            var unique = id, suffix = 2
            while taken.contains(unique) {
                unique = "\(id)_\(suffix)"
                suffix += 1
            }
            taken.insert(unique)
            ids[name] = unique
        }
        return ids
    }

    /// Text safe inside a quoted Mermaid label: quotes, `#`, `&`, angle brackets, pipes and backticks as entity codes.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "&": out += "#amp;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            case "`": out += "#96;"
            case "\n", "\r", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
