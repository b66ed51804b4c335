import Model

/// The `d2` export: one shape per block (shape by kind) and `a -> b: label` per link; async links dashed, forward
/// links and routes drawn thick. Keys are quoted unless plain identifiers.
public enum D2Export {
    public static func render(_ design: Design) -> String {
        var out = ["# " + oneLine(design.name), "direction: right", ""]
        for component in design.components {
            let shape = KindStyle.style(component.kind.rawValue).d2Shape
            out.append("\(key(component.id)): \(quoted(ComponentFacts.labelLines(component).joined(separator: "\n"))) {shape: \(shape)}")
        }
        out.append("")
        for link in ExportLink.all(in: design) {
            var line = "\(key(link.from)) -> \(key(link.to)): \(quoted(link.fullLabel))"
            switch link.mode {
            case .async: line += " {style.stroke-dash: 3}"
            case .forward: line += " {style.stroke-width: 3}"
            case .sync: break
            }
            out.append(line)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// D2 keywords: a block with such a name would be read as an attribute, so its key is prefixed.
    static let reserved: Set<String> = ["label", "shape", "style", "icon", "near", "width", "height", "direction",
                                        "tooltip", "link", "constraint", "classes", "class", "vars", "grid-rows",
                                        "grid-columns", "grid-gap", "top", "left", "source-arrowhead",
                                        "target-arrowhead", "filled", "opacity", "stroke", "fill", "layers",
                                        "scenarios", "steps", "_", "null"]

    /// A bare key when it is a plain identifier, otherwise double-quoted.
    static func key(_ id: String) -> String {
        let plain = !id.isEmpty && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        let name = reserved.contains(id.lowercased()) ? "n_" + id : id
        return plain ? name : quoted(name)
    }

    /// A double-quoted D2 string: backslash, quote and `$` (variable substitution) escaped, line breaks as `\n`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "$": out += "\\$"
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default: out.append(character)
            }
        }
        return out + "\""
    }

    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
