import Model
import Layout
import Workbench

/// Throughput and latency against offered load, the theory curve drawn first so the hockey stick shows before any run ends.
enum CurveScreen {
    static func lines(_ state: AppState, width: Int, height: Int) -> [ViewLine] {
        guard let curve = state.loadCurve else {
            return [ViewLine("No load curve: press C (or :curve 100..10k) to sweep the design over load.", .dim)]
        }
        var lines: [ViewLine] = []
        let low = curve.rates.first!, high = curve.rates.last!
        let progress = (curve.isComplete ? "✓ " : "⟳ ") + "\(curve.points.count) of \(curve.rates.count) done"
        lines.append(ViewLine(parts: [
            ("\(Units.formatRate(low))..\(Units.formatRate(high)) req/s · \(curve.rates.count) runs × \(Units.trim(curve.durationS)) s,"
             + " warm-up \(Units.trim(curve.durationS * 0.2)) s · seed \(curve.seed) · ", CellStyle(.normal)),
            (progress, CellStyle(curve.isComplete ? .ok : .warn, bold: true)),
        ]))
        var theory = "theory: \(curve.model)" + (curve.exact ? " (exact)" : "")
        if let saturation = curve.saturationRPS {
            theory += " · saturates at \(Units.formatRate(saturation)) req/s" + (curve.bottleneck.map { " (\($0))" } ?? "")
        }
        lines += ScreenViews.wrapped(theory, width: width, .dim)
        let chartHeight = max(5, (height - lines.count - 10) / 2)
        let chartWidth = max(20, width - 20)
        lines.append(ViewLine())
        lines += chart(throughput(curve, width: chartWidth, height: chartHeight))
        lines.append(ViewLine())
        lines += chart(latency(curve, width: chartWidth, height: chartHeight))
        if !curve.exact, !curve.notes.isEmpty {
            lines += ScreenViews.wrapped("approximate because: " + curve.notes.joined(separator: "; "), width: width, .dim)
        }
        lines.append(ViewLine())
        lines.append(ViewLine(ScreenViews.cell("offered", 11, right: true) + ScreenViews.cell("throughput", 12, right: true)
                              + ScreenViews.cell("errors", 8, right: true) + ScreenViews.cell("p50", 10, right: true)
                              + ScreenViews.cell("p99", 10, right: true) + ScreenViews.cell("theory mean", 13, right: true), .dim))
        for (index, rate) in curve.rates.enumerated() {
            let predicted = LoadCurveTheoryText.mean(curve, rate: rate, theory: curve.predicted[index])
            guard let point = curve.points.first(where: { $0.rateRPS == rate }) else {
                lines.append(ViewLine(ScreenViews.cell(Units.formatRate(rate), 11, right: true) + ScreenViews.cell("…", 12, right: true)
                                      + String(repeating: " ", count: 28) + ScreenViews.cell(predicted, 13, right: true), .dim))
                continue
            }
            let role: Style = point.errorFraction > 0.001 ? .critical : point.throughputRPS < rate * 0.97 ? .warn : .normal
            lines.append(ViewLine(ScreenViews.cell(Units.formatRate(rate), 11, right: true)
                                  + ScreenViews.cell(Units.formatRate(point.throughputRPS), 12, right: true)
                                  + ScreenViews.cell(Units.formatPercent(point.errorFraction), 8, right: true)
                                  + ScreenViews.cell(ScreenViews.time(point.p50S), 10, right: true)
                                  + ScreenViews.cell(ScreenViews.time(point.p99S), 10, right: true)
                                  + ScreenViews.cell(predicted, 13, right: true), role))
        }
        lines.append(ViewLine())
        lines += ScreenViews.wrapped("Past saturation queues grow for as long as a run lasts: theory has no steady state there, and the"
                                     + " simulated latency depends on the run's length. r sweeps again.", width: width, .dim)
        return lines
    }

    static func throughput(_ curve: LoadCurveState, width: Int, height: Int) -> TextChart {
        TextChart(title: "Throughput (req/s) against offered load", series: [
            .init(name: "theory min(λ, saturation)", glyph: "·", asciiGlyph: ".",
                  points: curve.theory.map { ($0.rateRPS, $0.throughputRPS) }, curve: true),
            .init(name: "simulated", glyph: "●", asciiGlyph: "o", points: curve.points.map { ($0.rateRPS, $0.throughputRPS) }),
        ], width: width, height: height, xLabel: "req/s", xRange: curve.rates.first!...curve.rates.last!,
           formatX: Units.formatRate, formatY: Units.formatRate)
    }

    static func latency(_ curve: LoadCurveState, width: Int, height: Int) -> TextChart {
        var series: [TextChart.Series] = []
        let theoryP99 = curve.theory.compactMap { point in point.p99S.map { (point.rateRPS, $0) } }
        let theoryMean = curve.theory.compactMap { point in point.meanS.map { (point.rateRPS, $0) } }
        if !theoryP99.isEmpty {
            series.append(.init(name: "theory p99", glyph: "·", asciiGlyph: ".", points: theoryP99, curve: true))
        } else {
            series.append(.init(name: curve.exact ? "theory mean" : "approx. theory mean", glyph: "·", asciiGlyph: ".",
                                points: theoryMean, curve: true))
        }
        series.append(.init(name: "p50", glyph: "▪", asciiGlyph: "x", points: curve.points.compactMap { p in p.p50S.map { (p.rateRPS, $0) } }))
        series.append(.init(name: "p99", glyph: "●", asciiGlyph: "o", points: curve.points.compactMap { p in p.p99S.map { (p.rateRPS, $0) } }))
        // Scale to what was measured, or before any point is in, to theory up to 90% of saturation: the knee stays visible.
        let measured = curve.points.compactMap(\.p99S).max()
        let shownTheory = (theoryP99.isEmpty ? theoryMean : theoryP99)
            .filter { $0.0 <= (curve.saturationRPS ?? .infinity) * 0.9 }.map(\.1).max()
        let top = max(measured ?? 0, shownTheory ?? 0)
        return TextChart(title: "Latency against offered load", series: series, width: width, height: height, xLabel: "req/s",
                         yLimit: top > 0 ? top * 1.05 : nil,
                         xRange: curve.rates.first!...curve.rates.last!, formatX: Units.formatRate, formatY: Units.formatDuration)
    }

    /// A rendered chart as lines, each glyph in its role: theory dim, measured points accented, clipped points critical.
    static func chart(_ chart: TextChart) -> [ViewLine] {
        chart.rendered().components(separatedBy: "\n").enumerated().map { index, text in
            if index == 0 { return ViewLine(text, .accent, bold: true) }
            var parts: [(String, CellStyle)] = []
            for character in text {
                let style: CellStyle
                switch character {
                case "·": style = CellStyle(.dim)
                case "●": style = CellStyle(.ok, bold: true)
                case "▪": style = CellStyle(.warn, bold: true)
                case "↑": style = CellStyle(.critical, bold: true)
                default: style = CellStyle(.normal)
                }
                if let last = parts.last, last.1 == style { parts[parts.count - 1].0.append(character) } else { parts.append((String(character), style)) }
            }
            return ViewLine(parts: parts)
        }
    }
}

enum LoadCurveTheoryText {
    static func mean(_ curve: LoadCurveState, rate: Double, theory: LoadCurveTheory?) -> String {
        if let saturation = curve.saturationRPS, rate >= saturation { return "saturated" }
        guard let theory else { return "—" }
        return theory.meanS.map(Units.formatDuration) ?? "saturated"
    }
}
