import Foundation
import Model
import Analysis
import Layout
import Workbench

/// One line of a full-screen view: runs of text with their styles, and where the cursor sits when the line is being edited.
struct ViewLine {
    var parts: [(text: String, style: CellStyle)]
    var cursor: Int?

    init(_ text: String = "", _ role: Style = .normal, bold: Bool = false) {
        parts = text.isEmpty ? [] : [(text, CellStyle(role, bold: bold))]
    }

    init(parts: [(String, CellStyle)], cursor: Int? = nil) {
        self.parts = parts.map { (text: $0.0, style: $0.1) }
        self.cursor = cursor
    }

    static func heading(_ text: String) -> ViewLine { ViewLine(text, .accent, bold: true) }
}

/// The full-screen views (analysis, envelope calculator, load curve): drawn between the title bar and the status line,
/// scrolled by `state.screenScroll` (clamped here to the content).
enum ScreenViews {
    static func draw(_ screen: FullScreen, _ state: AppState, into buffer: inout ScreenBuffer) {
        let area = Rect(x: 0, y: 1, width: buffer.width, height: buffer.height - 2)
        buffer.fill(area)
        buffer.box(area, title: title(screen, state), style: CellStyle(.borderFocus), weight: .rounded)
        let inner = area.inset(1)
        let width = inner.width - 2
        var keep: Int?
        let lines: [ViewLine]
        switch screen {
        case .analysis: lines = AnalysisScreen.lines(state, width: width)
        case .envelope: (lines, keep) = EnvelopeScreen.lines(state, width: width)
        case .loadCurve: lines = CurveScreen.lines(state, width: width, height: inner.height - 1)
        }
        let visible = inner.height - 1
        let maxScroll = max(0, lines.count - visible)
        var scroll = min(state.screenScroll, maxScroll)
        if let keep { scroll = max(min(scroll, keep), keep - visible + 2) }
        scroll = max(0, min(scroll, maxScroll))
        for (offset, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
            var x = inner.x + 1
            let y = inner.y + offset
            for part in line.parts {
                x += buffer.put(part.text, x: x, y: y, style: part.style, clip: Rect(x: inner.x + 1, y: y, width: width, height: 1))
            }
            if let cursor = line.cursor { buffer.cursor = (min(inner.x + 1 + cursor, inner.maxX - 1), y) }
        }
        let footer = maxScroll > 0
            ? "↑↓ PgUp PgDn scroll (\(scroll + 1)–\(min(lines.count, scroll + visible)) of \(lines.count)) · Esc closes"
            : "Esc closes"
        buffer.put(Text.fit(footer, width), x: inner.x + 1, y: inner.maxY - 1, style: CellStyle(.dim))
    }

    static func title(_ screen: FullScreen, _ state: AppState) -> String {
        switch screen {
        case .analysis: return "Analysis — \(state.design.name) at \(Units.formatRate(state.design.workload.rateRPS)) req/s"
        case .envelope: return "Back-of-the-envelope calculator"
        case .loadCurve: return "Load curve — \(state.design.name)"
        }
    }

    // Table helpers shared by the views.
    static func cell(_ text: String, _ width: Int, right: Bool = false) -> String {
        right ? Text.padLeft(Text.fit(text, width), width) : Text.pad(Text.fit(text, width), width)
    }

    static func rate(_ value: Double) -> String { value.isFinite ? Units.formatRate(value) : "∞" }
    static func time(_ value: Double?) -> String { value.map(Units.formatDuration) ?? "—" }
    static func money(_ value: Double) -> String {
        value >= 100 ? "$" + Units.formatGrouped(Int(value.rounded())) : String(format: "$%.2f", value)
    }

    static func wrapped(_ text: String, width: Int, indent: String = "", _ role: Style = .normal) -> [ViewLine] {
        Text.wrap(text, width - indent.count).map { ViewLine(indent + $0, role) }
    }
}

/// The design at its current rate: model, per-component table, capacity, warnings, cost.
enum AnalysisScreen {
    static func lines(_ state: AppState, width: Int) -> [ViewLine] {
        guard let overview = OverviewCache.shared.overview(of: state.design) else {
            return [ViewLine("No analysis: the design needs blocks and an entry point whose calls can be solved.", .warn)]
        }
        var lines: [ViewLine] = []
        let model = "model  \(overview.model)" + (overview.exact ? " — exact for this design" : "")
        lines += ScreenViews.wrapped(model, width: width, overview.exact ? .ok : .warn)
        if !overview.exact, !overview.notes.isEmpty { lines.append(ViewLine("       approximate because:", .dim)) }
        for note in overview.notes { lines += ScreenViews.wrapped("· " + note, width: width, indent: "       ", .dim) }
        let latency = overview.stable
            ? "end to end  mean \(ScreenViews.time(overview.latencyMeanS))  p99 "
                + (overview.latencyP99S.map(Units.formatDuration) ?? "— (closed form only for one M/M/c station)")
            : "end to end  unstable: a component is saturated, queues grow without bound"
        lines.append(ViewLine(latency, overview.stable ? .normal : .critical))
        lines.append(ViewLine())

        lines.append(.heading("Components (predicted)"))
        let wide = width >= 96
        let idWidth = max(11, min(18, (overview.rows.map(\.id.count).max() ?? 9) + 2))
        var header = ScreenViews.cell("component", idWidth)
        if wide { header += ScreenViews.cell("kind", 14) }
        header += ScreenViews.cell("λ req/s", 9, right: true) + ScreenViews.cell("visits", 7, right: true)
            + ScreenViews.cell("ρ", 6, right: true) + ScreenViews.cell("wait", 9, right: true)
            + ScreenViews.cell("response", 10, right: true) + ScreenViews.cell("saturates at", 14, right: true)
        lines.append(ViewLine(header, .dim))
        for row in overview.rows {
            var text = ScreenViews.cell(row.id, idWidth)
            if wide { text += ScreenViews.cell(row.kind, 14) }
            text += ScreenViews.cell(Units.formatRate(row.arrivalRPS), 9, right: true)
                + ScreenViews.cell(String(format: "%.2f", row.visits), 7, right: true)
                + ScreenViews.cell(String(format: "%.2f", row.utilization), 6, right: true)
                + ScreenViews.cell(row.arrivalRPS > 0 ? (row.waitS.map(Units.formatDuration) ?? "∞") : "—", 9, right: true)
                + ScreenViews.cell(row.arrivalRPS > 0 ? (row.responseS.map(Units.formatDuration) ?? "∞") : "—", 10, right: true)
                + ScreenViews.cell(row.arrivalRPS > 0 ? ScreenViews.rate(row.saturatesAtRPS) + " req/s" : "—", 14, right: true)
            let role = Health.role(utilization: row.utilization, errorsRPS: row.utilization >= 1 ? 1 : 0)
            lines.append(ViewLine(text, row.arrivalRPS > 0 ? role : .dim))
        }
        lines.append(ViewLine())

        lines.append(.heading("Capacity"))
        if let saturation = overview.saturationRPS, let bottleneck = overview.bottleneck {
            lines += ScreenViews.wrapped("bottleneck  \(bottleneck): the design saturates at \(Units.formatRate(saturation)) req/s entering"
                                         + (overview.boundRPS.map { $0 > saturation * 1.005 ? " (bound \(Units.formatRate($0)) req/s)" : "" } ?? ""),
                                         width: width)
            let headroom = overview.headroom ?? 0
            let role: Style = headroom < 0 ? .critical : headroom < 0.3 ? .warn : .ok
            lines.append(ViewLine("headroom    \(Health.percent(headroom)) (\(Units.formatRate(overview.rateRPS)) of "
                                  + "\(Units.formatRate(saturation)) req/s)", role))
        } else {
            lines.append(ViewLine("nothing in this design takes time: no saturation rate", .dim))
        }
        for note in overview.capacityNotes { lines += ScreenViews.wrapped("· " + note, width: width, indent: "  ", .dim) }
        let target = "ρ≤\(Health.percent(overview.targetUtilization))"
        let p99 = "p99≤\(Units.formatDuration(overview.targetP99S))"
        lines.append(ViewLine(ScreenViews.cell("component", idWidth) + ScreenViews.cell("instances", 10, right: true)
                              + ScreenViews.cell("for " + target, 11, right: true) + ScreenViews.cell("for " + p99, 14, right: true)
                              + ScreenViews.cell("cost/month", 12, right: true), .dim))
        var reasons: [(String, [String])] = []
        for row in overview.rows {
            let sizing = row.instancesForTarget.map(String.init) ?? "—"
            let forP99 = row.instancesForP99.map(String.init) ?? (row.arrivalRPS > 0 ? "n/a" : "—")
            if let note = row.p99Note, row.instancesForP99 == nil {
                if let index = reasons.firstIndex(where: { $0.0 == note }) { reasons[index].1.append(row.id) } else { reasons.append((note, [row.id])) }
            }
            let grow = (row.instancesForTarget ?? 0) > row.instances
            lines.append(ViewLine(ScreenViews.cell(row.id, idWidth) + ScreenViews.cell("\(row.instances)", 10, right: true)
                                  + ScreenViews.cell(sizing, 11, right: true) + ScreenViews.cell(forP99, 14, right: true)
                                  + ScreenViews.cell(ScreenViews.money(row.monthlyUSD), 12, right: true), grow ? .warn : .normal))
        }
        lines.append(ViewLine(ScreenViews.cell("total", idWidth + 35) + ScreenViews.cell(ScreenViews.money(overview.monthlyUSD), 12, right: true)
                              + (overview.perMillionUSD.map { "  " + ScreenViews.money($0) + " per million requests" } ?? ""), .normal, bold: true))
        for (note, ids) in reasons {
            lines += ScreenViews.wrapped("n/a \(ids.joined(separator: ", ")): \(note)", width: width, indent: "  ", .dim)
        }
        lines += ScreenViews.wrapped("p99 sizing: time at one component, Erlang C (M/M/c per instance). Cost: "
                                     + CostModel.source + ", an estimate for comparing designs.", width: width, indent: "  ", .dim)
        lines.append(ViewLine())

        lines.append(.heading("Warnings"))
        if overview.warnings.isEmpty {
            lines.append(ViewLine("✓ none at \(Units.formatRate(overview.rateRPS)) req/s", .ok))
        } else {
            for warning in overview.warnings { lines += ScreenViews.wrapped("⚠ " + warning, width: width, .warn) }
        }
        return lines
    }
}

/// The design's overview, computed once per design rather than once per frame.
final class OverviewCache: @unchecked Sendable {
    static let shared = OverviewCache()
    private let lock = NSLock()
    private var design: Design?
    private var result: AnalysisOverview?

    func overview(of design: Design) -> AnalysisOverview? {
        lock.withLock {
            if let cached = self.design, cached == design { return result }
            self.design = design
            result = AnalysisOverview.make(design)
            return result
        }
    }
}
