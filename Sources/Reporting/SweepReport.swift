import Foundation
import Model
import SimCore
import Analysis
import Layout

/// `sdw sweep` output: a table, two charts (throughput and latency against the swept value), JSON and CSV.
extension SweepResult {
    public static let jsonVersion = 1

    var axisLabel: String {
        let unit = plan.axis.unit
        return plan.axis.name + (unit.isEmpty || unit == "s" ? "" : " (\(unit))")
    }

    public func text(ascii: Bool = false, chartWidth: Int = 60) -> String {
        var out: [String] = []
        let first = plan.values.first!, last = plan.values.last!
        let fixedRate = plan.axis == .rate ? "" : " at \(Units.formatRate(plan.rateRPS)) req/s"
        out.append("\(plan.design.name) — sweep of \(plan.axis.name) \(plan.axis.format(first))..\(plan.axis.format(last))\(fixedRate),"
                   + " \(points.count) points")
        out.append("each \(Units.formatDuration(plan.options.durationS)) simulated, first \(Units.formatDuration(plan.options.warmupS))"
                   + " excluded · seed \(plan.options.seed) · \(String(format: "%.1f", wallS)) s wall")
        out.append("theory: \(model)\(modelNotes.isEmpty ? "" : " — " + modelNotes.joined(separator: "; "))")
        out.append("")
        var columns: [(String, TextTable.Alignment)] = [(plan.axis.name, .right)]
        if plan.axis != .rate { columns.append(("rate", .right)) }
        columns += [("throughput", .right), ("errors", .right), ("mean", .right), ("p50", .right), ("p99", .right),
                    ("busiest", .left), ("theory thr", .right), ("theory mean", .right), ("theory p99", .right)]
        var table = TextTable(columns)
        for point in points {
            let latency = point.result.latency
            let busiest = point.result.components.max { $0.utilization < $1.utilization }
            var row = [plan.axis.format(point.value)]
            if plan.axis != .rate { row.append(Units.formatRate(point.rateRPS)) }
            row += [
                Units.formatRate(point.result.throughputRPS), Units.formatPercent(point.errorFraction),
                latency.count > 0 ? Units.formatDuration(latency.mean) : "—", latency.count > 0 ? Units.formatDuration(latency.p50) : "—",
                latency.count > 0 ? Units.formatDuration(latency.p99) : "—",
                busiest.map { "\($0.id) \(Units.formatPercent($0.utilization))" } ?? "—",
                Units.formatRate(point.theory.throughputRPS), point.theory.meanS.map(Units.formatDuration) ?? "saturated",
                point.theory.p99S.map(Units.formatDuration) ?? (point.theory.meanS == nil ? "saturated" : "—"),
            ]
            table.add(row)
        }
        out.append(table.rendered())
        out.append("")
        out.append(throughputChart(ascii: ascii, width: chartWidth).rendered())
        out.append("")
        out.append(latencyChart(ascii: ascii, width: chartWidth).rendered())
        if curve.contains(where: { $0.meanS == nil }) {
            out.append("")
            out.append("Past saturation the queues grow for as long as the run lasts: theory has no steady state there,"
                       + " and the simulated latency depends on the run's length.")
        }
        return out.joined(separator: "\n")
    }

    func throughputChart(ascii: Bool, width: Int) -> TextChart {
        TextChart(
            title: "Throughput (req/s) against \(axisLabel)",
            series: [
                .init(name: "theory min(λ, saturation)", glyph: "·", asciiGlyph: ".",
                      points: curve.map { ($0.value, $0.throughputRPS) }, curve: true),
                .init(name: "simulated", glyph: "●", asciiGlyph: "o", points: points.map { ($0.value, $0.result.throughputRPS) }),
            ],
            width: width, ascii: ascii, xLabel: axisLabel, formatX: plan.axis.format, formatY: Units.formatRate)
    }

    func latencyChart(ascii: Bool, width: Int) -> TextChart {
        let measured = points.filter { $0.result.latency.count > 0 }
        var series: [TextChart.Series] = []
        let theoryP99 = curve.compactMap { point in point.p99S.map { (point.value, $0) } }
        if !theoryP99.isEmpty {
            series.append(.init(name: "theory p99", glyph: "·", asciiGlyph: ".", points: theoryP99, curve: true))
        } else {
            let theoryMean = curve.compactMap { point in point.meanS.map { (point.value, $0) } }
            let exact = curve.allSatisfy(\.exact)
            series.append(.init(name: exact ? "theory mean" : "approximate theory mean", glyph: "·", asciiGlyph: ".",
                                points: theoryMean, curve: true))
            series.append(.init(name: "mean", glyph: "◆", asciiGlyph: "+", points: measured.map { ($0.value, $0.result.latency.mean) }))
        }
        series.append(.init(name: "p50", glyph: "▪", asciiGlyph: "x", points: measured.map { ($0.value, $0.result.latency.p50) }))
        series.append(.init(name: "p99", glyph: "●", asciiGlyph: "o", points: measured.map { ($0.value, $0.result.latency.p99) }))
        let highest = measured.map(\.result.latency.p99).max() ?? 1
        return TextChart(title: "Latency against \(axisLabel)", series: series, width: width, ascii: ascii, xLabel: axisLabel,
                         yLimit: highest * 1.05, formatX: plan.axis.format, formatY: Units.formatDuration)
    }

    public var json: JSONValue {
        func ms(_ seconds: Double?) -> JSONValue { .num(seconds.map { $0 * 1000 }) }
        let rows: [JSONValue] = points.map { point in
            let latency = point.result.latency, measured = latency.count > 0
            let busiest = point.result.components.max { $0.utilization < $1.utilization }
            return .object([
                ("value", .num(point.value)), ("rate_rps", .num(point.rateRPS)),
                ("offered", .int(point.result.requests.offered)), ("completed", .int(point.result.requests.completed)),
                ("throughput_rps", .num(point.result.throughputRPS)), ("error_fraction", .num(point.errorFraction)),
                ("latency_ms", .object([("mean", measured ? ms(latency.mean) : .null), ("p50", measured ? ms(latency.p50) : .null),
                                        ("p99", measured ? ms(latency.p99) : .null)])),
                ("busiest", busiest.map { .string($0.id) } ?? .null), ("max_utilization", .num(busiest?.utilization)),
                ("theory", Self.theoryJSON(point.theory)),
            ])
        }
        return .object([
            ("sdw_sweep", .int(Self.jsonVersion)), ("design", .string(plan.design.name)), ("source", .string(plan.design.source)),
            ("axis", .string(plan.axis.name)), ("unit", .string(plan.axis.unit)),
            ("rate_rps", plan.axis == .rate ? .null : .num(plan.rateRPS)), ("seed", .uint(plan.options.seed)),
            ("duration_s", .num(plan.options.durationS)), ("warmup_s", .num(plan.options.warmupS)),
            ("model", .string(model)), ("notes", .array(modelNotes.map(JSONValue.string))),
            ("points", .array(rows)), ("theory_curve", .array(curve.map(Self.theoryJSON))),
        ])
    }

    static func theoryJSON(_ theory: TheoryPoint) -> JSONValue {
        .object([
            ("value", .num(theory.value)), ("throughput_rps", .num(theory.throughputRPS)),
            ("mean_ms", .num(theory.meanS.map { $0 * 1000 })), ("p99_ms", .num(theory.p99S.map { $0 * 1000 })),
            ("exact", .bool(theory.exact)),
        ])
    }

    /// One row per point; empty cells where there is no value. Times in milliseconds.
    public var csv: String {
        func number(_ value: Double?) -> String { value.map { $0.isFinite ? "\($0)" : "" } ?? "" }
        var lines = ["\(plan.axis.name),rate_rps,throughput_rps,error_fraction,mean_ms,p50_ms,p99_ms,busiest,max_utilization,"
                     + "theory_throughput_rps,theory_mean_ms,theory_p99_ms"]
        for point in points {
            let latency = point.result.latency, measured = latency.count > 0
            let busiest = point.result.components.max { $0.utilization < $1.utilization }
            lines.append([
                number(point.value), number(point.rateRPS), number(point.result.throughputRPS), number(point.errorFraction),
                measured ? number(latency.mean * 1000) : "", measured ? number(latency.p50 * 1000) : "",
                measured ? number(latency.p99 * 1000) : "", busiest?.id ?? "", number(busiest?.utilization),
                number(point.theory.throughputRPS), number(point.theory.meanS.map { $0 * 1000 }),
                number(point.theory.p99S.map { $0 * 1000 }),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }
}
