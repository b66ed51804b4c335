import Model
import Workbench

/// The metrics dock (sparklines, percentiles, cost) and the event log.
enum Dock {
    static func metrics(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect, focused: Bool, withEvents: Bool) {
        let seconds = state.live.throughputSeries.count
        let title = withEvents ? "Metrics · Events" : "Metrics (last \(max(seconds, 1)) s; percentiles since t=0)"
        buffer.box(area, title: title, style: CellStyle(focused ? .borderFocus : .border))
        let inner = area.inset(1)
        guard !inner.isEmpty else { return }
        let live = state.live
        let labelWidth = 17
        // Sixty seconds of history: two samples per braille character.
        let sparkWidth = max(4, min(30, inner.width - labelWidth - 24))
        var selectedID: String?
        if case .component(let id)? = state.selection { selectedID = id }
        let figures = selectedID.flatMap { live.components[$0] }
        let lastThroughput = live.throughputSeries.last ?? 0, lastErrors = live.errorSeries.last ?? 0
        let errorRate = lastThroughput + lastErrors > 0 ? lastErrors / (lastThroughput + lastErrors) : 0
        var rows: [(String, [Double], Double?, Style)] = [
            ("throughput " + Units.formatRate(lastThroughput) + "/s", live.throughputSeries, nil, .ok),
            ("p99  " + Health.duration(live.p99Series.last ?? 0), live.p99Series, nil, .warn),
            ("p50  " + Health.duration(live.p50Series.last ?? 0), live.p50Series, nil, .accent),
        ]
        if let selectedID, let figures {
            rows.insert(("util " + Text.fit(selectedID, 8) + " " + Health.percent(figures.utilization), figures.utilizationSeries, 1,
                         Health.role(utilization: figures.utilization, errorsRPS: figures.errorsRPS)), at: withEvents ? 2 : 3)
        }
        rows.append(("errors " + Units.formatRate(lastErrors) + "/s", live.errorSeries, nil, .critical))
        let shownRows = withEvents ? min(rows.count, max(1, inner.height - 2)) : min(rows.count, inner.height)
        // The right-hand column: error rate and cost, then the percentile table since the run (re)started.
        let latency = live.latency
        var extras = ["errors " + percent(errorRate), "cost $" + grouped(Int(live.costPerMonthUSD.rounded())) + "/mo est."]
        if latency.count > 0 {
            extras += ["p50 \(Health.duration(latency.p50))  p90 \(Health.duration(latency.p90))",
                       "p95 \(Health.duration(latency.p95))  p99 \(Health.duration(latency.p99))",
                       "p99.9 \(Health.duration(latency.p999))  max \(Health.duration(latency.max))"]
        }
        let extrasX = inner.x + labelWidth + sparkWidth + 2
        for (index, row) in rows.prefix(shownRows).enumerated() {
            let y = inner.y + index
            buffer.putFitted(row.0, x: inner.x, y: y, width: labelWidth)
            buffer.put(Sparkline.braille(row.1, width: sparkWidth, maxValue: row.2), x: inner.x + labelWidth, y: y, style: CellStyle(row.3))
        }
        for (index, line) in extras.prefix(shownRows).enumerated() where extrasX < inner.maxX {
            buffer.putFitted(line, x: extrasX, y: inner.y + index, width: inner.maxX - extrasX,
                             style: CellStyle(index == 0 && errorRate > 0 ? .critical : index < 2 ? .dim : .normal))
        }
        if withEvents {
            let logTop = inner.y + shownRows
            let entries = state.log.suffix(max(0, inner.maxY - logTop)).reversed()  // newest first when sharing a pane
            for (offset, entry) in entries.enumerated() {
                drawEntry(entry, x: inner.x, y: logTop + offset, width: inner.width, into: &buffer)
            }
        }
    }

    static func events(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect, focused: Bool) {
        buffer.box(area, title: "Events", style: CellStyle(focused ? .borderFocus : .border))
        let inner = area.inset(1)
        guard !inner.isEmpty else { return }
        let entries = Array(state.log.suffix(inner.height))  // newest last on wide screens
        for (offset, entry) in entries.enumerated() {
            drawEntry(entry, x: inner.x, y: inner.y + offset, width: inner.width, into: &buffer)
        }
        if entries.isEmpty {
            buffer.put("failures, restarts and warnings appear here", x: inner.x, y: inner.y, style: CellStyle(.dim))
        }
    }

    static func drawEntry(_ entry: LogEntry, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer) {
        let style: Style
        switch entry.level {
        case .info: style = .normal
        case .ok: style = .ok
        case .warn: style = .warn
        case .error: style = .critical
        }
        let time = Panes.clock(entry.time)
        buffer.put(time, x: x, y: y, style: CellStyle(.dim))
        buffer.putFitted(entry.text, x: x + time.count + 1, y: y, width: width - time.count - 1, style: CellStyle(style))
    }

    static func percent(_ fraction: Double) -> String { Units.formatPercent(fraction) }
    static func grouped(_ value: Int) -> String { Units.formatGrouped(value) }
}

import Foundation
