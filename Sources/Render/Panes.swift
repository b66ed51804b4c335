import Model
import Analysis
import Workbench

/// Title bar, palette, inspector and status line.
enum Panes {
    static func titleBar(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area, with: Cell(" ", CellStyle(.bar)))
        let run: String
        switch state.runState {
        case .running: run = "▶ running"
        case .paused: run = "❚❚ paused"
        case .stopped: run = "■ stopped"
        }
        var speed = "×\(Units.trim(state.speed))"
        if let achieved = state.achievedSpeed { speed += " (achieved ×\(Units.trim(achieved)))" }
        let name = state.design.name + (state.modified ? " ●" : "")
        let right = area.width >= 120 ? "? help  : command " : "? help "
        let prefix = area.width >= 120 ? " sdw ▸ " : " "
        var mark = ""
        if let recording = state.recording {
            let count = recording.actions.count
            mark = "● REC \(clock(state.simTime)) (\(count) action\(count == 1 ? "" : "s"))"
        } else if state.replay != nil {
            mark = "▷ replay"
        }
        let head = "\(prefix)\(name)" + (mark.isEmpty ? "" : "  ")
        let left = "\(head)\(mark)  \(run)  t=\(clock(state.simTime))  \(speed)  seed \(state.seed)"
        let room = area.width - right.count - 1
        buffer.put(Text.fit(left, room), x: area.x, y: area.y, style: CellStyle(.bar, bold: true))
        if !mark.isEmpty, head.unicodeScalars.count + mark.unicodeScalars.count < room {
            buffer.put(mark, x: area.x + head.unicodeScalars.count, y: area.y, style: CellStyle(state.recording != nil ? .critical : .accent, bold: true))
        }
        buffer.put(right, x: area.maxX - right.count, y: area.y, style: CellStyle(.bar))
    }

    static func clock(_ seconds: Double) -> String {
        let total = max(0, seconds)
        let minutes = Int(total / 60), rest = total - Double(minutes) * 60
        if minutes >= 60 { return String(format: "%d:%02d:%04.1f", minutes / 60, minutes % 60, rest) }
        return String(format: "%02d:%04.1f", minutes, rest)
    }

    static func palette(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect, focused: Bool) {
        buffer.box(area, title: "Blocks", style: CellStyle(focused ? .borderFocus : .border))
        let inner = area.inset(1)
        var highlighted = state.paletteIndex
        if case .addBlock(let index) = state.mode { highlighted = index }
        for (row, kind) in ComponentKind.allCases.enumerated() where row < inner.height {
            let chosen = row == highlighted && (focused || { if case .addBlock = state.mode { return true }; return false }())
            buffer.putFitted((chosen ? "▸ " : "  ") + kind.rawValue, x: inner.x, y: inner.y + row, width: inner.width,
                             style: CellStyle(chosen ? .selection : .normal))
        }
        let summary = Text.wrap(ComponentKind.allCases[highlighted].summary, inner.width)
        let top = max(inner.y + ComponentKind.allCases.count + 1, inner.maxY - summary.count)
        for (offset, line) in summary.enumerated() where top + offset < inner.maxY {
            buffer.put(line, x: inner.x, y: top + offset, style: CellStyle(.dim))
        }
    }

    static func inspector(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect, focused: Bool) {
        let title: String
        switch state.selection {
        case .component(let id)?: title = "Inspector: \(id)"
        case .link(let from, let to)?: title = "Inspector: \(from) → \(to)"
        case nil: title = "Inspector: workload"
        }
        buffer.box(area, title: title, style: CellStyle(focused ? .borderFocus : .border))
        let inner = area.inset(1)
        guard !inner.isEmpty else { return }
        var y = inner.y
        let fields = InspectorFields.fields(for: state)
        let labelWidth = 12
        for (row, field) in fields.enumerated() where y < inner.maxY {
            let current = row == state.inspectorRow
            if case .edit(let key, let text, let error) = state.mode, key == field.key {
                buffer.putFitted(field.label, x: inner.x, y: y, width: labelWidth, style: CellStyle(.accent))
                let shown = Text.fit(text, inner.width - labelWidth - 1)
                buffer.putFitted(shown, x: inner.x + labelWidth, y: y, width: inner.width - labelWidth, style: CellStyle(.input))
                buffer.cursor = (inner.x + labelWidth + shown.unicodeScalars.count, y)
                y += 1
                for line in Text.wrap(error.map { "✗ " + $0 } ?? field.hint, inner.width) where y < inner.maxY {
                    buffer.put(line, x: inner.x, y: y, style: CellStyle(error == nil ? .dim : .critical))
                    y += 1
                }
                continue
            }
            let style = CellStyle(current && focused ? .selection : .normal)
            buffer.putFitted(field.label, x: inner.x, y: y, width: labelWidth, style: CellStyle(current && focused ? .selection : .dim))
            buffer.putFitted(field.value, x: inner.x + labelWidth, y: y, width: inner.width - labelWidth, style: style)
            y += 1
        }
        if focused, state.mode == .normal, state.inspectorRow < fields.count, fields[state.inspectorRow].editable, y < inner.maxY {
            buffer.put("e edit", x: inner.maxX - 6, y: inner.y, style: CellStyle(.key))
        }
        y += 1
        y = liveSection(state, into: &buffer, inner: inner, y: y)
        y = mathSection(state, into: &buffer, inner: inner, y: y)
        tradeOffSection(state, into: &buffer, inner: inner, y: y)
    }

    static func rule(_ title: String, into buffer: inout ScreenBuffer, inner: Rect, y: Int) {
        guard y < inner.maxY else { return }
        buffer.put("─ \(title) " + String(repeating: "─", count: max(0, inner.width - title.count - 3)), x: inner.x, y: y,
                   style: CellStyle(.dim))
    }

    static func liveSection(_ state: AppState, into buffer: inout ScreenBuffer, inner: Rect, y start: Int) -> Int {
        guard case .component(let id)? = state.selection, let figures = state.live.components[id],
              let component = state.design.component(id) else { return start }
        var y = start
        rule("live", into: &buffer, inner: inner, y: y)
        y += 1
        // Autoscaling groups share the load among the instances online now.
        let perInstance = figures.throughputRPS / Double(max(1, figures.block.online ?? component.instances))
        let health = Health.role(utilization: figures.utilization, errorsRPS: figures.errorsRPS)
        // What matters for the kind first (hit ratio, lag, 429s, breakers…), then the station's own figures.
        let lines = BlockLive.lines(component, figures) + [
            ("λ \(Units.formatRate(perInstance))/s per instance  ρ \(String(format: "%.2f", figures.utilization))", health),
            ("queue \(String(format: "%.1f", figures.queueLength))  resp p99 \(Health.duration(figures.p99S))", health),
            ("cost ≈ $\(Int(CostModel.monthlyUSD(component, requestsPerS: figures.throughputRPS).rounded()))/mo", health),
        ]
        for (line, style) in lines where y < inner.maxY {
            buffer.putFitted(line, x: inner.x, y: y, width: inner.width, style: CellStyle(style))
            y += 1
        }
        return y
    }

    static func mathSection(_ state: AppState, into buffer: inout ScreenBuffer, inner: Rect, y start: Int) -> Int {
        guard case .component(let id)? = state.selection, start < inner.maxY - 1,
              let analysis = AnalysisCache.shared.analysis(of: state.design), let station = analysis.station(id),
              let component = state.design.component(id) else { return start }
        var y = start
        rule("math", into: &buffer, inner: inner, y: y)
        y += 1
        let lines = InspectorTheory.mathLines(component: component, station: station, exact: analysis.exact,
                                              live: state.live.components[id])
        for line in lines where y < inner.maxY {
            buffer.putFitted(line, x: inner.x, y: y, width: inner.width, style: CellStyle(.normal))
            y += 1
        }
        return y
    }

    /// The trade-off notes that apply to the selected block, most specific first (its strategy, algorithm, sharding…).
    static func tradeOffSection(_ state: AppState, into buffer: inout ScreenBuffer, inner: Rect, y start: Int) {
        guard case .component(let id)? = state.selection, let component = state.design.component(id), start < inner.maxY - 1 else { return }
        var y = start
        rule("trade-offs", into: &buffer, inner: inner, y: y)
        y += 1
        guard let catalogue = InspectorTheory.catalogue else {
            for line in Text.wrap(component.description ?? component.kind.summary, inner.width) where y < inner.maxY {
                buffer.put(line, x: inner.x, y: y, style: CellStyle(.dim))
                y += 1
            }
            return
        }
        for line in InspectorTheory.tradeOffLines(for: component, in: catalogue, width: inner.width, rows: inner.maxY - y) {
            buffer.put(line.text, x: inner.x, y: y, style: CellStyle(line.role))
            y += 1
        }
    }

    static func statusLine(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area, with: Cell(" ", CellStyle(.bar)))
        switch state.mode {
        case .command(let text, let error):
            let prompt = ":" + text
            buffer.put(prompt, x: area.x, y: area.y, style: CellStyle(.input))
            buffer.cursor = (area.x + prompt.unicodeScalars.count, area.y)
            let hint = error.map { "✗ " + $0 } ?? completion(text)
            buffer.put(Text.fit(hint, max(0, area.width - prompt.count - 3)), x: area.x + prompt.count + 2, y: area.y,
                       style: CellStyle(error == nil ? .bar : .critical, bold: error != nil))
            return
        case .scenarioName(let text, let error, let note):
            let prompt = "save scenario as: " + text
            buffer.put(prompt, x: area.x, y: area.y, style: CellStyle(.input))
            buffer.cursor = (area.x + prompt.unicodeScalars.count, area.y)
            let path = ScenarioPaths.path(for: text.isEmpty ? "NAME" : text)
            let hint = error.map { "✗ " + $0 } ?? (note.map { "recording \($0) · " } ?? "") + "Enter saves \(path) · Esc discards"
            buffer.put(Text.fit(hint, max(0, area.width - prompt.unicodeScalars.count - 3)), x: area.x + prompt.unicodeScalars.count + 2, y: area.y,
                       style: CellStyle(error == nil ? .bar : .critical, bold: error != nil))
            return
        default:
            break
        }
        var showsMessages = state.mode == .normal
        if case .screen = state.mode, state.envelope.editing == nil { showsMessages = true }
        if let message = state.message, showsMessages {
            buffer.put(Text.fit(" " + message.text, area.width), x: area.x, y: area.y, style: CellStyle(message.isError ? .critical : .bar, bold: message.isError))
            return
        }
        var x = area.x + 1
        for (key, label) in hints(state) {
            let width = key.count + label.count + 3
            if x + width > area.maxX { break }
            buffer.put(key, x: x, y: area.y, style: CellStyle(.key, bold: true))
            buffer.put(label, x: x + key.unicodeScalars.count + 1, y: area.y, style: CellStyle(.bar))
            x += width
        }
    }

    static func completion(_ text: String) -> String {
        let word = text.split(separator: " ").first.map(String.init) ?? ""
        let matches = Commands.names.filter { $0.hasPrefix(word) }
        if text.contains(" ") || matches.isEmpty { return "Enter run · Esc cancel" }
        return matches.joined(separator: " ")
    }

    static func hints(_ state: AppState) -> [(String, String)] {
        switch state.mode {
        case .edit: return [("Enter", "apply"), ("Esc", "cancel"), ("^U", "clear")]
        case .addBlock: return [("↑↓", "choose"), ("Enter", "add"), ("Esc", "cancel")]
        case .connect: return [("arrows", "target"), ("Enter", "connect"), ("Esc", "cancel")]
        case .picker, .failureMenu: return [("↑↓", "choose"), ("Enter", "pick"), ("Esc", "cancel")]
        case .confirmQuit: return [("y", "quit without saving"), ("s", "save and quit"), ("n", "stay")]
        case .recovery: return [("y", "recover"), ("n", "discard")]
        case .confirmOverwrite: return [("y", "overwrite"), ("n", "another name")]
        case .designChanged: return [("y", "replay on the current design"), ("n", "cancel")]
        case .scenarioName: return []
        case .help: return [("Esc", "close help")]
        case .screen(.envelope) where state.envelope.editing != nil:
            return [("Enter", "apply"), ("Esc", "cancel"), ("^U", "clear")]
        case .screen(let screen):
            var hints: [(String, String)] = [("Esc", "close")]
            hints += screen == .envelope ? [("↑↓", "input"), ("e", "edit"), ("PgDn", "scroll")] : [("↑↓", "scroll"), ("PgDn", "page")]
            if screen == .loadCurve { hints.append(("r", "sweep again")) }
            hints += [("A", "analysis"), ("E", "estimate"), ("C", "load curve")]
            return hints
        case .command: return []
        case .normal:
            var hints: [(String, String)] = [("space", state.runState == .running ? "pause" : "run"), ("r", "restart"), ("+/-", "speed")]
            if state.replay != nil { hints += [("n", "next event"), (".", "step 1 s")] }
            if state.recording != nil { hints.append(("R", "stop rec")) }
            if state.focus == .inspector { hints += [("↑↓", "field"), ("e", "edit")] } else { hints += [("a", "add"), ("c", "connect")] }
            hints += [("d", "delete"), ("e", "edit"), ("f", "fail"), ("R", "record"), ("u", "undo"), ("s", "save"), ("o", "open"), ("Tab", "pane"), ("?", "help"), ("q", "quit"),
                      ("A", "analysis"), ("E", "estimate"), ("C", "curve")]
            var seen = Set<String>()
            return hints.filter { seen.insert($0.0).inserted }
        }
    }
}

import Foundation
