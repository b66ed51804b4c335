import Model
import Workbench

/// A replay's timeline: one line with the run's span, a mark per scenario action (◆) and failure (✗ starts,
/// ✓ ends), a cursor (●) at the current time, the clock and the next event.
///
/// ` ▷ Replay ├━━━━━━◆━━━━●─────✗──◆──────┤ 00:33.0/01:00.0  next 00:45.0 crash cache#0 (n)`
enum TimelineBar {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) {
        guard let replay = state.replay, area.width >= 40 else { return }
        buffer.fill(area)
        let label = " ▷ Replay "
        let duration = max(replay.durationS, 1e-9)
        let now = min(state.simTime, duration)
        let clock = " \(Panes.clock(now))/\(Panes.clock(duration))  "
        let next: String
        if let event = replay.nextEvent(after: state.simTime) {
            next = "next \(Panes.clock(event.time)) \(event.label) (n)"
        } else {
            next = state.runState == .stopped ? "finished" : "no more events"
        }
        // The bar takes what the texts leave, at least half the line.
        let rightWidth = min(clock.count + next.count, area.width / 2 - label.count)
        let barWidth = area.width - label.count - rightWidth - 2
        guard barWidth >= 10 else { return }
        let y = area.y
        buffer.put(label, x: area.x, y: y, style: CellStyle(.accent, bold: true))
        let barX = area.x + label.count + 1
        func column(_ time: Double) -> Int { min(barWidth - 1, max(0, Int((time / duration * Double(barWidth - 1)).rounded()))) }
        let cursor = column(now)
        buffer.put("├", x: barX - 1, y: y, style: CellStyle(.dim))
        for offset in 0..<barWidth {
            buffer.put(offset <= cursor ? "━" : "─", x: barX + offset, y: y, style: CellStyle(offset <= cursor ? .accent : .dim))
        }
        buffer.put("┤", x: barX + barWidth, y: y, style: CellStyle(.dim))
        // Events closer than a column apart move over by one, so each keeps its mark.
        var taken = Set<Int>()
        for event in replay.events where event.time <= duration {
            var at = column(event.time)
            if taken.contains(at), at + 1 < barWidth { at += 1 }
            taken.insert(at)
            let mark: String, role: Style
            switch event.kind {
            case .action: (mark, role) = ("◆", .warn)
            case .failure: (mark, role) = ("✗", .critical)
            case .heal: (mark, role) = ("✓", .ok)
            }
            buffer.put(mark, x: barX + at, y: y, style: CellStyle(role, bold: event.time > now))
        }
        buffer.put("●", x: barX + cursor, y: y, style: CellStyle(.key, bold: true))
        let textX = barX + barWidth + 1
        buffer.put(clock, x: textX, y: y, style: CellStyle(.normal, bold: true))
        buffer.putFitted(next, x: textX + clock.count, y: y, width: area.maxX - textX - clock.count, style: CellStyle(.dim))
    }
}
