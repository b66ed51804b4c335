import Model
import SimCore
import Analysis

/// The `sdw run` table that puts theory's prediction beside the simulated figure, per component.
extension RunReport {
    func predictedBesideSimulated(_ analysis: DesignAnalysis) -> String {
        let mark = analysis.exact ? "" : "≈"
        var table = TextTable([
            ("predicted vs simulated", .left), ("λ theory", .right), ("λ sim", .right), ("ρ theory", .right), ("ρ sim", .right),
            ("resp theory", .right), ("resp sim", .right), ("diff", .right),
        ])
        for station in analysis.stations {
            guard let simulated = components.first(where: { $0.id == station.id }) else { continue }
            let measured = simulated.response.count > 0
            var difference = "—"
            if let predicted = station.responseS, predicted > 0, measured {
                difference = Self.signedPercent(simulated.response.mean / predicted - 1)
            }
            table.add([
                station.id, Units.formatRate(station.arrivalRateRPS), Units.formatRate(simulated.throughputRPS),
                Self.percent(station.utilization), Self.percent(simulated.utilization),
                station.arrivalRateRPS == 0 ? "—" : station.responseS.map { mark + Self.ms($0) } ?? "saturated",
                measured ? Self.ms(simulated.response.mean) : "—", difference,
            ])
        }
        var text = table.rendered(indent: "  ")
        if !analysis.exact {
            text += "\n  ≈: the model's assumptions do not all hold here (see the notes); λ follows from the traffic equations alone (with estimated cache hit ratios, and without failures), ρ and times are approximate"
        }
        return text
    }
}
