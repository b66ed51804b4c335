import Model
import Workbench

/// Help, pickers, menus, confirmations and the too-small screen.
enum Overlays {
    static let helpSections: [(String, [(String, String)])] = [
        ("Run", [("space", "run / pause"), ("r", "restart the run at t=0"), ("+ / -", "speed ×0.1 … ×100"),
                 ("f", "inject a failure into the selection: crash, slow ×N, recover"), (":seed N", "restart with another seed"),
                 (":rate R", "change the offered rate now, e.g. :rate 20k")]),
        ("Edit", [("a", "add a block from the palette"), ("c", "connect the selection to another block"),
                  ("d", "delete the selection (u undoes)"), ("e / Enter", "edit the highlighted parameter"),
                  ("H J K L", "move the selected block"), ("u / Ctrl-R", "undo / redo"), (":set K V", "set a parameter, e.g. :set workers 16")]),
        ("Analyse", [("A / :analysis", "model, ρ and waits, bottleneck, sizing, warnings, cost"),
                     ("E / :estimate", "envelope calculator: edit inputs, see every step"),
                     ("C / :curve A..B", "throughput and p50/p99 against load, over theory"),
                     ("Esc / q", "close the view (r sweeps the curve again)")]),
        ("Inspect", [("arrows / hjkl", "move the selection"), ("Tab", "next pane (canvas, blocks, inspector, metrics, events)"),
                     (":select NAME", "select a block (NAME->TARGET: a link)"),
                     ("mouse", "click selects, drag moves a block, wheel scrolls"), ("PgUp PgDn Home", "pan the canvas")]),
        ("Scenarios", [("R", "record from t=0; R again stops, saves Scenarios/NAME.yaml"),
                       (":record [NAME]", "start recording; with NAME the stop saves without asking"),
                       (":open FILE", "replay a scenario, e.g. :open Scenarios/cache-stampede.yaml"),
                       ("n", "replay: run to the next event and pause there"), (".", "step one simulated second, then pause")]),
        ("Files", [("s", "save (atomic; :w PATH saves elsewhere)"), ("o / :open FILE", "open a design (Designs/) or a scenario"),
                   ("x / :export F [PATH]", "export: text, ascii, markdown, mermaid, d2, dot, yaml"),
                   ("q", "quit (asks when there are unsaved changes)"), (":wq / :q!", "save and quit / quit without saving")]),
    ]

    static func help(_ state: AppState, into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 2, 86), height = min(buffer.height - 2, 34)
        let area = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(area)
        buffer.box(area, title: "Help — keys by task", style: CellStyle(.borderFocus), weight: .rounded)
        let inner = area.inset(1)
        // Lines: (key, meaning, isHeading).
        var lines: [(String, String, Bool)] = []
        for (title, keys) in helpSections {
            if !lines.isEmpty { lines.append(("", "", false)) }
            lines.append((title, "", true))
            lines += keys.map { ($0.0, $0.1, false) }
        }
        lines.append(("", "", false))
        let footer = "Boxes show name ×instances, kind, rps, p99 and utilisation. Colour and ⚠/✗ show health: ok below 60%, warn to 85%, critical above or with errors."
        lines += Text.wrap(footer, inner.width - 2).map { ($0, "", false) }
        let visible = inner.height - 1
        let maxScroll = max(0, lines.count - visible)
        let scroll = min(state.helpScroll, maxScroll)
        for (offset, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
            let y = inner.y + offset
            if line.2 {
                buffer.put(line.0, x: inner.x + 1, y: y, style: CellStyle(.accent, bold: true))
            } else if line.1.isEmpty {
                buffer.put(line.0, x: inner.x + 1, y: y, style: CellStyle(.dim))
            } else {
                buffer.putFitted(line.0, x: inner.x + 2, y: y, width: 15, style: CellStyle(.key, bold: true))
                buffer.putFitted(line.1, x: inner.x + 18, y: y, width: inner.width - 19)
            }
        }
        let footerLine = maxScroll > 0 ? "↑↓ scroll (\(scroll + 1)–\(min(lines.count, scroll + visible)) of \(lines.count)) · Esc closes" : "Esc closes"
        buffer.put(footerLine, x: inner.x + 1, y: inner.maxY - 1, style: CellStyle(.dim))
    }

    static func menu(title: String, items: [(String, String)], selected: Int, into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 4, max(40, (items.map { $0.0.count + $0.1.count + 6 }.max() ?? 30)))
        let height = min(buffer.height - 2, items.count + 2)
        let area = Rect(x: (buffer.width - width) / 2, y: max(1, (buffer.height - height) / 2), width: width, height: height)
        buffer.fill(area)
        buffer.box(area, title: title, style: CellStyle(.borderFocus), weight: .rounded)
        let inner = area.inset(1)
        let first = max(0, min(selected - inner.height + 1, items.count - inner.height))
        for (row, item) in items.enumerated().dropFirst(first).prefix(inner.height) {
            let y = inner.y + row - first
            let chosen = row == selected
            let style = CellStyle(chosen ? .selection : .normal)
            buffer.putFitted((chosen ? "▸ " : "  ") + item.0, x: inner.x, y: y, width: inner.width, style: style)
            if !item.1.isEmpty {
                let nameWidth = min(item.0.count + 4, inner.width / 2)
                buffer.putFitted(item.1, x: inner.x + nameWidth, y: y, width: inner.width - nameWidth, style: CellStyle(chosen ? .selection : .dim))
            }
        }
    }

    static func dialog(_ title: String, _ lines: [String], into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 4, 64)
        let wrapped = lines.flatMap { Text.wrap($0, width - 4) }
        let area = Rect(x: (buffer.width - width) / 2, y: max(1, (buffer.height - wrapped.count - 4) / 2), width: width, height: wrapped.count + 4)
        buffer.fill(area)
        buffer.box(area, title: title, style: CellStyle(.borderFocus), weight: .rounded)
        for (offset, line) in wrapped.enumerated() { buffer.put(line, x: area.x + 2, y: area.y + 2 + offset) }
    }

    static func tooSmall(_ state: AppState, into buffer: inout ScreenBuffer) {
        var lines = ["terminal too small", "(need \(AppState.minimumWidth)×\(AppState.minimumHeight), have \(state.width)×\(state.height))",
                     "enlarge the window, or press q to quit"]
        if state.mode == .confirmQuit { lines[2] = "unsaved changes: y quit · s save and quit · n stay" }
        for (offset, line) in lines.enumerated() {
            let y = buffer.height / 2 - 1 + offset
            buffer.put(Text.fit(line, buffer.width), x: max(0, (buffer.width - line.unicodeScalars.count) / 2), y: y,
                       style: CellStyle(offset == 0 ? .critical : .normal, bold: offset == 0))
        }
    }
}
