import Layout
import Model
import Workbench

/// Blocks as boxes with live figures, links as routed arrows labelled with their flow.
enum CanvasView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect, focused: Bool) {
        var title = "Canvas"
        if !state.isWide { title += "  (Tab: inspector · blocks)" }
        if case .connect(let from) = state.mode { title = "Connect \(from) → ?  (arrows, Enter, Esc)" }
        buffer.box(area, title: title, style: CellStyle(focused ? .borderFocus : .border), weight: .light)
        let inner = area.inset(1)
        guard !inner.isEmpty else { return }
        let origin = (x: inner.x - state.pan.x, y: inner.y - state.pan.y)
        let positions = state.positions

        // Links first, so boxes sit on top; every line before any label, so no later line cuts through a label.
        let edges = EdgeRouter.route(state.design, positions: positions)
        for edge in edges {
            let selected = state.selection == .link(from: edge.from, to: edge.to)
            let errors = (state.live.components[edge.to]?.errorsRPS ?? 0) > 0
            let style = CellStyle(selected ? .accent : errors ? .critical : .dim, bold: selected)
            let mode = state.design.component(edge.from)?.outgoing.first { $0.to == edge.to }?.mode ?? .sync
            drawPath(edge.cells, style: style, glyphs: LineGlyphs(mode), origin: origin, clip: inner, into: &buffer)
        }
        for edge in edges {
            let errors = (state.live.components[edge.to]?.errorsRPS ?? 0) > 0
            drawLabel(edge, state: state, style: CellStyle(errors ? .critical : .normal), origin: origin, clip: inner, into: &buffer)
        }
        for component in state.design.components {
            guard let point = positions[component.id] else { continue }
            drawBox(component, at: point, state: state, origin: origin, clip: inner, into: &buffer)
        }
        if state.design.components.isEmpty {
            buffer.put("empty design: press a to add a block", x: inner.x + 2, y: inner.y + 1, style: CellStyle(.dim), clip: inner)
        }
    }

    static func drawBox(_ component: Component, at point: GridPoint, state: AppState,
                        origin: (x: Int, y: Int), clip: Rect, into buffer: inout ScreenBuffer) {
        let figures = state.live.components[component.id] ?? LiveMetrics.ComponentFigures()
        let downCount = figures.down.filter { $0 }.count
        let health = Health.role(utilization: figures.utilization, errorsRPS: figures.errorsRPS, down: downCount > 0)
        let selected = state.selection == .component(component.id)
        let connectSource: Bool = { if case .connect(let from) = state.mode { return from == component.id }; return false }()
        let rect = Rect(x: origin.x + point.x, y: origin.y + point.y, width: CanvasLayout.boxWidth, height: CanvasLayout.boxHeight)
        var boxBuffer = ScreenBuffer(width: rect.width, height: rect.height)
        let borderStyle = CellStyle(selected || connectSource ? .accent : health, bold: selected)
        boxBuffer.box(boxBuffer.bounds, style: borderStyle, weight: selected ? .heavy : .rounded)
        let innerWidth = rect.width - 3
        let name = component.instances > 1 ? "\(component.id) ×\(component.instances)" : component.id
        boxBuffer.putFitted(name, x: 2, y: 1, width: innerWidth, style: CellStyle(selected ? .accent : .normal, bold: true))
        var kindLine = BlockLive.boxLine(component, figures) ?? component.kind.rawValue
        let breakerOpen = kindLine.hasPrefix("✗")
        if figures.slowFactor != 1 { kindLine = "⚠ slow ×\(Units.trim(figures.slowFactor))" }
        if downCount > 0 { kindLine = "✗ \(downCount)/\(component.instances) down" }
        boxBuffer.putFitted(kindLine, x: 2, y: 2, width: innerWidth,
                            style: CellStyle(downCount > 0 || figures.slowFactor != 1 || breakerOpen ? .critical : .dim, bold: downCount > 0))
        // Compact so the box's 19 columns hold both figures whole: "1.97k/s p99 31.5ms".
        let rps = "\(Units.formatRate(figures.throughputRPS))/s"
        let p99 = "p99 \(Health.duration(figures.p99S))"
        boxBuffer.putFitted(rps + " " + p99, x: 2, y: 3, width: innerWidth)
        // The health marker comes first so a cut line never loses it (colour is never the only signal).
        let marker = health == .critical ? "✗ " : health == .warn ? "⚠ " : ""
        var utilLine = marker + "util \(Health.percent(figures.utilization))"
        if figures.errorsRPS > 0 { utilLine = marker + "ρ \(Health.percent(figures.utilization)) err \(Units.formatRate(figures.errorsRPS))/s" }
        boxBuffer.putFitted(utilLine, x: 2, y: 4, width: innerWidth, style: CellStyle(health))
        // Copy the box in, clipped to the canvas.
        for y in 0..<rect.height {
            for x in 0..<rect.width where clip.contains(x: rect.x + x, y: rect.y + y) {
                buffer[rect.x + x, rect.y + y] = boxBuffer[x, y]
            }
        }
    }

    static func drawPath(_ cells: [GridPoint], style: CellStyle, glyphs: LineGlyphs = LineGlyphs(.sync), origin: (x: Int, y: Int),
                         clip: Rect, into buffer: inout ScreenBuffer) {
        guard cells.count >= 2 else { return }
        for (index, cell) in cells.enumerated() {
            let x = origin.x + cell.x, y = origin.y + cell.y
            guard clip.contains(x: x, y: y) else { continue }
            if index == cells.count - 1 {
                buffer[x, y] = Cell(glyphs.arrow, style)
                continue
            }
            let before = index > 0 ? cells[index - 1] : GridPoint(x: cell.x - 1, y: cell.y)
            let after = cells[index + 1]
            let glyph = glyphs.glyph(corner(from: before, at: cell, to: after))
            let existing = buffer[x, y].scalar
            let crossing = (LineGlyphs.verticals.contains(existing) && LineGlyphs.horizontals.contains(glyph))
                || (LineGlyphs.horizontals.contains(existing) && LineGlyphs.verticals.contains(glyph))
            buffer[x, y] = Cell(crossing ? "┼" : glyph, style)
        }
    }

    static func corner(from a: GridPoint, at b: GridPoint, to c: GridPoint) -> Unicode.Scalar {
        let horizontalIn = a.y == b.y, horizontalOut = b.y == c.y
        if horizontalIn && horizontalOut { return "─" }
        if !horizontalIn && !horizontalOut { return "│" }
        // One horizontal and one vertical neighbour: a corner.
        let left = a.x < b.x || c.x < b.x
        let up = a.y < b.y || c.y < b.y
        switch (left, up) {
        case (true, true): return "╯"
        case (true, false): return "╮"
        case (false, true): return "╰"
        case (false, false): return "╭"
        }
    }

    /// The flow on a link: the caller's throughput times the call's probability (or its share of a balancer's routes).
    static func flowRPS(_ edge: RoutedEdge, _ state: AppState) -> Double {
        guard let source = state.design.component(edge.from) else { return 0 }
        let throughput = state.live.components[edge.from]?.throughputRPS ?? 0
        if let call = source.calls.first(where: { $0.to == edge.to }) { return throughput * call.probability }
        // A cache's or CDN's backing store gets its misses; a dead-letter queue the messages given up on.
        let block = state.live.components[edge.from]?.block
        if source.cache?.backing == edge.to { return block?.perSecond(\.misses) ?? 0 }
        if source.queue?.deadLetter == edge.to { return block?.perSecond(\.deadLettered) ?? 0 }
        let backends = source.routes.compactMap { state.design.component($0) }
        let total = backends.reduce(0) { $0 + $1.instances }
        guard total > 0, let target = state.design.component(edge.to) else { return 0 }
        if source.algorithm == .weighted, let weights = source.weights, let index = source.routes.firstIndex(of: edge.to) {
            return throughput * weights[index] / weights.reduce(0, +)
        }
        return throughput * Double(target.instances) / Double(total)
    }

    static func drawLabel(_ edge: RoutedEdge, state: AppState, style: CellStyle, origin: (x: Int, y: Int), clip: Rect,
                          into buffer: inout ScreenBuffer) {
        // The longest horizontal run carries the label, just above the line when that row is free.
        var best: (start: Int, length: Int) = (0, 0)
        var runStart = 0
        for index in 1..<max(edge.cells.count, 1) {
            if edge.cells[index].y != edge.cells[index - 1].y { runStart = index }
            let length = index - runStart + 1
            if length > best.length { best = (runStart, length) }
        }
        let label = Units.formatRate(flowRPS(edge, state)) + "/s"
        guard best.length >= label.count + 2 else { return }
        let cell = edge.cells[best.start + (best.length - label.count) / 2]
        let x = origin.x + cell.x, y = origin.y + cell.y - 1
        let free = (0..<label.count).allSatisfy { buffer[x + $0, y].scalar == " " }
        if free, clip.contains(x: x, y: y) { buffer.put(label, x: x, y: y, style: style, clip: clip) }
    }
}

/// How a link is drawn, by how the request is handed over (as in the text export): sync `─▶`, forward and routes
/// `═▶`, async `╌▷` — so the mode never relies on colour.
struct LineGlyphs {
    var horizontal: Unicode.Scalar
    var vertical: Unicode.Scalar
    var arrow: Unicode.Scalar
    var corners: [Unicode.Scalar: Unicode.Scalar]

    static let horizontals: Set<Unicode.Scalar> = ["─", "═", "╌"]
    static let verticals: Set<Unicode.Scalar> = ["│", "║", "╎"]

    init(_ mode: CallMode) {
        switch mode {
        case .sync:
            horizontal = "─"; vertical = "│"; arrow = "▶"; corners = [:]
        case .forward:
            horizontal = "═"; vertical = "║"; arrow = "▶"; corners = ["╯": "╝", "╮": "╗", "╰": "╚", "╭": "╔"]
        case .async:
            horizontal = "╌"; vertical = "╎"; arrow = "▷"; corners = [:]
        }
    }

    /// The glyph for a light line piece (`─`, `│` or a rounded corner) in this style.
    func glyph(_ light: Unicode.Scalar) -> Unicode.Scalar {
        switch light {
        case "─": return horizontal
        case "│": return vertical
        default: return corners[light] ?? light
        }
    }
}
