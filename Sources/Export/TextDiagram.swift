import Layout
import Model

/// A design as a box-and-arrow drawing in plain text, placed and routed by the canvas's own layout engine.
public struct TextDiagram: Sendable, Equatable {
    public var lines: [String]
    /// Why the drawing differs from the canvas, or that it is wider than asked for; nil when nothing to say.
    public var note: String?

    public var width: Int { lines.map(\.count).max() ?? 0 }

    /// Draws `design` within `width` columns where possible: the canvas positions first; when saved positions make
    /// it too wide, the automatic layout (layers wrapped into bands stacked downwards); otherwise says how wide it is.
    public static func render(_ design: Design, ascii: Bool = false, width: Int = 80) -> TextDiagram {
        guard !design.components.isEmpty else { return TextDiagram(lines: ["(empty design: no blocks)"], note: nil) }
        let glyphs = DiagramGlyphs(ascii: ascii)
        var lines = draw(design, positions: CanvasLayout.positions(for: design, width: width), glyphs: glyphs)
        var note: String?
        if widest(lines) > width, design.components.contains(where: { $0.position != nil }) {
            var unpinned = design
            for index in unpinned.components.indices { unpinned.components[index].position = nil }
            let relaid = draw(unpinned, positions: CanvasLayout.positions(for: unpinned, width: width), glyphs: glyphs)
            if widest(relaid) < widest(lines) {
                lines = relaid
                note = "saved canvas positions were set aside so the diagram fits in \(width) columns"
            }
        }
        if widest(lines) > width {
            note = "the diagram is \(widest(lines)) columns wide: wider than \(width), view it without line wrapping"
        }
        if ascii {
            lines = lines.map(DiagramGlyphs.asciiOnly)
            note = note.map(DiagramGlyphs.asciiOnly)
        }
        return TextDiagram(lines: lines, note: note)
    }

    static func widest(_ lines: [String]) -> Int { lines.map(\.count).max() ?? 0 }

    static func draw(_ design: Design, positions: [String: GridPoint], glyphs: DiagramGlyphs) -> [String] {
        var grid = CharGrid()
        let links = ExportLink.all(in: design)
        let edges = EdgeRouter.route(design, positions: positions)
        for edge in edges {
            let mode = links.first { $0.from == edge.from && $0.to == edge.to }?.mode ?? .sync
            drawPath(edge.cells, mode: mode, glyphs: glyphs, into: &grid)
        }
        for component in design.components {
            guard let point = positions[component.id] else { continue }
            drawBox(component, at: point, glyphs: glyphs, into: &grid)
        }
        for edge in edges {
            let label = links.filter { $0.from == edge.from && $0.to == edge.to }.map(\.shortLabel).joined(separator: ", ")
            drawLabel(label, along: edge.cells, into: &grid)
        }
        return grid.rendered()
    }

    static func drawPath(_ cells: [GridPoint], mode: CallMode, glyphs: DiagramGlyphs, into grid: inout CharGrid) {
        guard cells.count >= 2 else { return }
        for (index, cell) in cells.enumerated() {
            if index == cells.count - 1 {
                grid[cell.x, cell.y] = glyphs.head(mode)
                continue
            }
            let before = index > 0 ? cells[index - 1] : GridPoint(x: cell.x - 1, y: cell.y)
            let after = cells[index + 1]
            let horizontalIn = before.y == cell.y, horizontalOut = cell.y == after.y
            let glyph: Character
            if horizontalIn == horizontalOut {
                let existing = grid[cell.x, cell.y]
                if glyphs.isStraight(existing, horizontal: !horizontalIn) || existing == glyphs.crossing {
                    grid[cell.x, cell.y] = glyphs.crossing
                    continue
                }
                glyph = glyphs.line(mode, horizontal: horizontalIn, index: index)
                if glyph == " " { continue }
            } else {
                glyph = glyphs.corner(mode, left: before.x < cell.x || after.x < cell.x, up: before.y < cell.y || after.y < cell.y)
            }
            grid[cell.x, cell.y] = glyph
        }
    }

    static func drawBox(_ component: Component, at point: GridPoint, glyphs: DiagramGlyphs, into grid: inout CharGrid) {
        let width = CanvasLayout.boxWidth, height = CanvasLayout.boxHeight
        let box = glyphs.box
        for x in 1..<(width - 1) {
            grid[point.x + x, point.y] = box.h
            grid[point.x + x, point.y + height - 1] = box.h
        }
        for y in 1..<(height - 1) {
            grid[point.x, point.y + y] = box.v
            grid[point.x + width - 1, point.y + y] = box.v
            for x in 1..<(width - 1) { grid[point.x + x, point.y + y] = " " }
        }
        grid[point.x, point.y] = box.tl
        grid[point.x + width - 1, point.y] = box.tr
        grid[point.x, point.y + height - 1] = box.bl
        grid[point.x + width - 1, point.y + height - 1] = box.br
        let content = [component.id + (component.instances > 1 ? " ×\(component.instances)" : ""), component.kind.rawValue,
                       component.workers == 1 ? "1 worker" : "\(component.workers) workers", ComponentFacts.keyParameter(component)]
        for (row, text) in content.prefix(height - 2).enumerated() {
            grid.put(fitted(text, width - 3, ascii: glyphs.ascii), x: point.x + 2, y: point.y + 1 + row)
        }
    }

    static func fitted(_ text: String, _ width: Int, ascii: Bool) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + (ascii ? "~" : "…")
    }

    /// The longest horizontal run carries the label, above the line when those cells are free, else below.
    static func drawLabel(_ label: String, along cells: [GridPoint], into grid: inout CharGrid) {
        guard cells.count >= 2, !label.isEmpty else { return }
        var best: (start: Int, length: Int) = (0, 0)
        var runStart = 0
        for index in 1..<cells.count {
            if cells[index].y != cells[index - 1].y { runStart = index }
            let length = index - runStart + 1
            if length > best.length { best = (runStart, length) }
        }
        guard best.length >= label.count + 2 else { return }
        let cell = cells[best.start + (best.length - label.count) / 2]
        for y in [cell.y - 1, cell.y + 1] {
            let free = (-1...label.count).allSatisfy { grid[cell.x + $0, y] == " " }
            if free {
                grid.put(label, x: cell.x, y: y)
                return
            }
        }
    }
}
