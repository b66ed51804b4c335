import Foundation
import Testing
@testable import Export
import Model

/// Mermaid and D2 have no checker on this machine, so their outputs are held to the grammar rules that matter.
@Suite struct GrammarTests {
    static func matches(_ line: String, _ pattern: String) -> Bool {
        line.range(of: "^" + pattern + "$", options: .regularExpression) != nil
    }

    @Test func mermaidIDsAreSafeAndLabelsAreQuotedAndEscaped() throws {
        for design in [awkwardDesign(), try catalogueDesign("Designs/five-tier.yaml")] {
            let lines = MermaidExport.render(design).components(separatedBy: "\n").filter { !$0.isEmpty }
            #expect(Array(lines.prefix(4)) == ["---", "title: " + DesignWriter.text(design.name), "---", "flowchart LR"])
            let id = "[A-Za-z_][A-Za-z0-9_]*"
            let label = ##""([^"#<>|`]|#[a-z0-9]+;|<br/>)*""##
            let shapes = [#"\["#, #"\]"#, #"\{\{"#, #"\}\}"#, #"\[\("#, #"\)\]"#, #"\[\["#, #"\]\]"#, #"\("#, #"\)"#, #"\(\("#, #"\)\)"#, #"\{"#, #"\}"#]
            let open = stride(from: 0, to: shapes.count, by: 2).map { shapes[$0] }.joined(separator: "|")
            let close = stride(from: 1, to: shapes.count, by: 2).map { shapes[$0] }.joined(separator: "|")
            let nodes = lines.dropFirst(4).prefix(design.components.count)
            let edges = lines.dropFirst(4 + design.components.count)
            var ids: [String] = []
            for line in nodes {
                #expect(Self.matches(line, "    \(id)(\(open))\(label)(\(close))"), "node: \(line)")
                ids.append(String(line.dropFirst(4).prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
            }
            #expect(Set(ids).count == ids.count, "ids are unique")
            #expect(ids.allSatisfy { !MermaidExport.reserved.contains($0.lowercased()) })
            #expect(edges.count == ExportLink.all(in: design).count)
            for line in edges {
                #expect(Self.matches(line, "    \(id) (-->|==>|-\\.->)\\|\(label)\\| \(id)"), "edge: \(line)")
            }
        }
        let text = MermaidExport.render(awkwardDesign())
        #expect(text.contains(#"    edge_lb{{"edge lb<br/>load_balancer<br/>1 worker<br/>random"}}"#))
        #expect(text.contains(#"    n_end["end<br/>service ×3<br/>4 workers<br/>exp 2ms"]"#))
        #expect(text.contains(#"    caf_["café<br/>service<br/>1 worker<br/>logn 5ms p99 40ms"]"#))
        #expect(text.contains(#"    n_1st_queue["1st.queue<br/>service<br/>2 workers<br/>unif 1ms–3ms"]"#))
        #expect(text.contains("    n_end -.->|\"async · 25%\"| n_1st_queue"))
        #expect(text.contains("    n_end ==>|\"forward · 50% · class write #quot;x#quot;\"| label"))
        #expect(text.contains("    edge_lb ==>|\"route\"| n_end"))
        #expect(MermaidExport.escape("a \"b\" #1 <i> & |x| `y`") == "a #quot;b#quot; #35;1 #lt;i#gt; #amp; #124;x#124; #96;y#96;")
    }

    @Test func mermaidIDsStayUniqueWhenSanitisingCollides() {
        let ids = MermaidExport.nodeIDs(["a-b", "a_b", "a.b", "9"])
        #expect(ids == ["a-b": "a_b", "a_b": "a_b_2", "a.b": "a_b_3", "9": "n_9"])
    }

    @Test func d2KeysAreQuotedWhereNeededAndLabelsEscaped() throws {
        let quoted = #""(?:[^"\\$\n]|\\["\\$n])*""#
        let key = "(?:[A-Za-z0-9_]+|\(quoted))"
        for design in [awkwardDesign(), try catalogueDesign("Designs/web-tier.yaml")] {
            let lines = D2Export.render(design).components(separatedBy: "\n")
            #expect(lines[0].hasPrefix("# ") && lines[1] == "direction: right")
            let body = lines.dropFirst(3).filter { !$0.isEmpty }
            let shapes = "(rectangle|hexagon|cylinder|queue|stored_data|cloud|diamond)"
            #expect(body.filter { Self.matches($0, "\(key): \(quoted) \\{shape: \(shapes)\\}") }.count == design.components.count)
            let edges = body.filter { $0.contains(" -> ") }
            #expect(edges.count == ExportLink.all(in: design).count)
            for line in edges {
                #expect(Self.matches(line, "\(key) -> \(key): \(quoted)( \\{style\\.stroke-(dash|width): 3\\})?"), "edge: \(line)")
            }
        }
        let text = D2Export.render(awkwardDesign())
        #expect(text.contains(#""edge lb": "edge lb\nload_balancer\n1 worker\nrandom" {shape: hexagon}"#))
        #expect(text.contains(#"n_label -> "cost\$": "sync""#), "a D2 keyword gets a prefixed key; $ is escaped")
        #expect(text.contains(#"end -> "1st.queue": "async · 25%" {style.stroke-dash: 3}"#))
        #expect(text.contains(#"end -> n_label: "forward · 50% · class write \"x\"" {style.stroke-width: 3}"#))
        #expect(text.contains(#""café": "café\nservice"#), "unicode keys are quoted, labels keep unicode")
    }

    @Test func kindTableDrivesEveryShape() {
        #expect(KindStyle.style("database") == KindStyle(mermaidOpen: "[(", mermaidClose: ")]", d2Shape: "cylinder", dotShape: "cylinder"))
        #expect(KindStyle.style("queue").mermaidOpen == "[[")
        #expect(KindStyle.style("some_future_kind") == KindStyle.fallback)
        for kind in ComponentKind.allCases { #expect(KindStyle.table[kind.rawValue] != nil, "\(kind.rawValue) has a row") }
        let design = awkwardDesign()
        #expect(DotExport.render(design).contains("\"edge lb\" [shape=hexagon, "))
        #expect(MermaidExport.render(design).contains("edge_lb{{\""))
    }
}
