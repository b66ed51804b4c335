import Model
import Analysis
import Workbench

/// The calculator: editable inputs on top, the steps (formula with the numbers, result with units) below.
enum EnvelopeScreen {
    /// The lines, and the line of the highlighted input (kept on screen).
    static func lines(_ state: AppState, width: Int) -> ([ViewLine], Int) {
        let form = state.envelope
        var lines: [ViewLine] = [
            ViewLine.heading("Inputs"),
            ViewLine("↑↓ choose · e/Enter edit · Enter apply · Esc cancel; the steps follow", .dim),
        ]
        var keep = 0
        let labelWidth = 22
        for (row, field) in EnvelopeForm.fields.enumerated() {
            let chosen = row == form.row
            if chosen { keep = lines.count }
            if chosen, let text = form.editing {
                let shown = Text.fit(text, max(1, width - labelWidth - 3))
                lines.append(ViewLine(parts: [("▸ " + Text.pad(field.label, labelWidth), CellStyle(.accent)), (shown, CellStyle(.input))],
                                      cursor: labelWidth + 2 + shown.unicodeScalars.count))
                let help = form.error.map { "✗ " + $0 } ?? field.hint
                lines += ScreenViews.wrapped(help, width: width, indent: "    ", form.error == nil ? .dim : .critical)
                continue
            }
            lines.append(ViewLine(parts: [
                ((chosen ? "▸ " : "  ") + Text.pad(field.label, labelWidth), CellStyle(chosen ? .selection : .dim)),
                (field.value(form.inputs), CellStyle(chosen ? .selection : .normal)),
            ]))
        }
        lines.append(ViewLine())
        lines.append(.heading("Estimate"))
        lines.append(ViewLine("1 day = 86,400 s · 1 KB = 1,000 B · storage counts written payload only", .dim))
        let resultWidth = 14
        let stepWidth = width >= 100 ? 24 : 20
        let formulaWidth = max(10, width - stepWidth - resultWidth - 2)
        lines.append(ViewLine(ScreenViews.cell("step", stepWidth) + " " + ScreenViews.cell("formula", formulaWidth) + " "
                              + ScreenViews.cell("result", resultWidth, right: true), .dim))
        if let problem = form.inputs.problem {
            lines.append(ViewLine("✗ " + problem, .critical))
        }
        for step in form.steps {
            let important = ["peak_qps", "storage_retained", "cache_memory", "servers"].contains(step.key)
            lines.append(ViewLine(parts: [
                (ScreenViews.cell(step.label, stepWidth) + " ", CellStyle(important ? .accent : .normal)),
                (ScreenViews.cell(step.formula, formulaWidth) + " ", CellStyle(.dim)),
                (ScreenViews.cell(step.formatted, resultWidth, right: true), CellStyle(important ? .accent : .normal, bold: important)),
            ]))
        }
        return (lines, keep)
    }
}
