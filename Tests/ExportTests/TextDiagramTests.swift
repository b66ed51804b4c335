import Foundation
import Testing
@testable import Export
import Layout
import Model

@Suite struct TextDiagramTests {
    @Test func catalogueDesignsFitIn80Columns() throws {
        for file in catalogueFiles() {
            let diagram = TextDiagram.render(try catalogueDesign(file))
            #expect(diagram.width <= 80, "\(file) is \(diagram.width) wide")
            #expect(diagram.note == nil, "\(file): \(diagram.note ?? "")")
        }
    }

    @Test func boxesSitWhereTheCanvasLayoutPutsThem() throws {
        let design = try catalogueDesign("Designs/five-tier.yaml")
        let positions = CanvasLayout.positions(for: design, width: 80)
        let lines = TextDiagram.render(design).lines
        // The drawing is trimmed to its leftmost column (the routed arrow at x 0) and its top row.
        let top = positions.values.map(\.y).min()!
        for component in design.components {
            let point = positions[component.id]!
            let row = point.y - top + 1
            let name = component.id + (component.instances > 1 ? " ×\(component.instances)" : "")
            let line = Array(lines[row])
            #expect(String(line[(point.x + 2)..<(point.x + 2 + name.count)]) == name, "\(component.id)")
            #expect(line[point.x] == "│")
            #expect(Array(lines[row - 1])[point.x] == "╭")
        }
        // Five layers in bands of two: lb and gateway, web and cache, then db below.
        #expect(positions["lb"]!.y == positions["gateway"]!.y)
        #expect(positions["web"]!.y > positions["gateway"]!.y)
        #expect(positions["db"]!.y > positions["cache"]!.y)
    }

    @Test func callModesAreDrawnDifferently() {
        let design = awkwardDesign()
        let text = TextDiagram.render(design).lines.joined(separator: "\n")
        #expect(text.contains("─▶"), "sync: solid line into a filled head")
        #expect(text.contains("═▶"), "forward and routes: double line")
        #expect(text.contains("╌▷") || text.contains("╎") && text.contains("▷"), "async: dashed line into a hollow head")
        let ascii = TextDiagram.render(design, ascii: true).lines.joined(separator: "\n")
        #expect(ascii.contains("->"))
        #expect(ascii.contains("+ - - - -"), "async: a broken line in ASCII")
        #expect(ascii.contains("-+++"), "three links leave 'end' on the same row")
    }

    @Test func asciiUsesOnlyAsciiDrawingCharacters() throws {
        for design in [try catalogueDesign("Designs/five-tier.yaml"), awkwardDesign()] {
            let text = TextExport.render(design, ascii: true)
            #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(design.name)")
            let diagram = TextDiagram.render(design, ascii: true).lines.joined()
            let symbols = Set(diagram.filter { !$0.isLetter && !$0.isNumber && $0 != " " })
            // Drawing: + - | > (v < ^ are allowed too); the rest comes from names and parameters (load_balancer,
            // 2.5ms, forward 25%, café → caf?, 1st.queue, cost$).
            #expect(symbols.isSubset(of: Set("+-|>v<^_.%?$")), "\(symbols.sorted())")
        }
    }

    @Test func savedPositionsThatDoNotFitAreSetAside() throws {
        var design = try catalogueDesign("Designs/web-tier.yaml")
        design.components[0].position = GridPoint(x: 2, y: 1)
        design.components[1].position = GridPoint(x: 60, y: 1)
        design.components[2].position = GridPoint(x: 120, y: 1)
        let diagram = TextDiagram.render(design)
        #expect(diagram.width <= 80)
        #expect(diagram.note == "saved canvas positions were set aside so the diagram fits in 80 columns")
        // Positions that fit are kept as the canvas shows them.
        design.components[1].position = GridPoint(x: 2, y: 9)
        design.components[2].position = GridPoint(x: 2, y: 17)
        let kept = TextDiagram.render(design)
        #expect(kept.note == nil)
        #expect(kept.lines.filter { $0.contains("╭────────────────────╮") }.count == 3, "three boxes stacked")
        #expect(kept.width <= 30)
    }

    @Test func aDiagramThatCannotFitSaysHowWideItIs() throws {
        // One layer per band is as narrow as the layout goes: a box and the arrows around it.
        let diagram = TextDiagram.render(try catalogueDesign("Designs/web-tier.yaml"), width: 20)
        #expect(diagram.width == 26)
        #expect(diagram.note == "the diagram is 26 columns wide: wider than 20, view it without line wrapping")
    }

    @Test func textExportListsComponentsAndLinks() throws {
        let text = TextExport.render(try catalogueDesign("Designs/web-tier.yaml"))
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains("web        service             4×8  logn 5ms p99 40ms     1k  random"))
        #expect(lines.contains("  web → db  sync · timeout 500ms"))
        #expect(lines.contains("Workload: entry lb · 950 req/s poisson · classes read 0.9, write 0.1"))
        #expect(lines.allSatisfy { $0.count <= 82 }, "\(lines.map(\.count).max()!)")
    }

    @Test func anEmptyDesignSaysSo() {
        let design = Design(name: "empty", workload: Workload(entry: "", rateRPS: 1), components: [])
        #expect(TextDiagram.render(design).lines == ["(empty design: no blocks)"])
        #expect(MermaidExport.render(design) == "---\ntitle: empty\n---\nflowchart LR\n")
    }
}
