/// How each kind of block is drawn in every diagram format, keyed by `ComponentKind.rawValue` so a new kind needs
/// one row here (and nothing else) to get its own shape; unknown kinds fall back to a plain box.
public struct KindStyle: Sendable, Equatable {
    /// Mermaid flowchart node delimiters around the quoted label: `[( … )]` is a cylinder.
    public var mermaidOpen: String
    public var mermaidClose: String
    /// A D2 `shape` keyword.
    public var d2Shape: String
    /// A Graphviz node `shape`.
    public var dotShape: String

    public static let table: [String: KindStyle] = [
        "service": KindStyle(mermaidOpen: "[", mermaidClose: "]", d2Shape: "rectangle", dotShape: "box"),
        "load_balancer": KindStyle(mermaidOpen: "{{", mermaidClose: "}}", d2Shape: "hexagon", dotShape: "hexagon"),
        "database": KindStyle(mermaidOpen: "[(", mermaidClose: ")]", d2Shape: "cylinder", dotShape: "cylinder"),
        "queue": KindStyle(mermaidOpen: "[[", mermaidClose: "]]", d2Shape: "queue", dotShape: "cds"),
        "topic": KindStyle(mermaidOpen: "[[", mermaidClose: "]]", d2Shape: "queue", dotShape: "cds"),
        "cache": KindStyle(mermaidOpen: "(", mermaidClose: ")", d2Shape: "stored_data", dotShape: "box3d"),
        "cdn": KindStyle(mermaidOpen: "((", mermaidClose: "))", d2Shape: "cloud", dotShape: "ellipse"),
        "rate_limiter": KindStyle(mermaidOpen: "{", mermaidClose: "}", d2Shape: "diamond", dotShape: "octagon"),
        "api_gateway": KindStyle(mermaidOpen: "{{", mermaidClose: "}}", d2Shape: "hexagon", dotShape: "hexagon"),
        "circuit_breaker": KindStyle(mermaidOpen: "{", mermaidClose: "}", d2Shape: "diamond", dotShape: "diamond"),
    ]

    public static let fallback = KindStyle(mermaidOpen: "[", mermaidClose: "]", d2Shape: "rectangle", dotShape: "box")

    public static func style(_ kind: String) -> KindStyle { table[kind] ?? fallback }
}
