import Foundation
import Model
import Analysis
import SimCore

/// `sdw analyze`: the closed-form view of a design — per-component load and queueing, capacity answers, and cost.
public struct AnalysisReport: Sendable {
    public var design: Design
    public var rateRPS: Double
    public var analysis: DesignAnalysis
    public var capacity: CapacityAnalysis
    /// Design-level warnings at the rate (`DesignWarnings.check`), most severe first.
    public var warnings: [DesignWarning]

    public init?(design: Design, rateRPS: Double? = nil, targetUtilization: Double = 0.7, targetP99S: Double? = nil) {
        let rate = rateRPS ?? design.workload.rateRPS
        guard let analysis = NetworkAnalyzer.analyze(design, rateRPS: rate),
              let capacity = Capacity.analyze(design, rateRPS: rate, targetUtilization: targetUtilization, targetP99S: targetP99S)
        else { return nil }
        self.design = design
        self.rateRPS = rate
        self.analysis = analysis
        self.capacity = capacity
        warnings = DesignWarnings.check(design, rateRPS: rate)
    }

    public static let jsonVersion = 1

    /// "≈" before figures that come from an approximation rather than an exact closed form.
    var approx: String { analysis.exact ? "" : "≈" }

    public var text: String {
        var out: [String] = []
        out.append("\(design.name) — analysis at \(Units.formatRate(rateRPS)) req/s (\(design.workload.arrivals.rawValue) arrivals into '\(design.workload.entry)')")
        out.append("")
        out.append("Model: \(analysis.model)\(analysis.exact ? " — exact for this design" : "")")
        if !analysis.notes.isEmpty {
            out.append("  assumptions that do not hold here:")
            for note in analysis.notes { out.append("  - \(note)") }
            out.append("  Figures marked ≈ are approximations; λ (from the traffic equations), the bottleneck bound and Little's law hold regardless.")
        }
        out.append("")
        out.append(componentTable())
        out.append("  visits: mean arrivals per external request · hold: time a worker is busy (service + sync calls) · ρ = λ·hold/(instances·workers)")
        out.append("")
        out.append("End to end")
        if let mean = analysis.latencyMeanS {
            var line = "  mean latency \(approx)\(Units.formatDuration(mean))"
            if let p99 = analysis.latencyP99S { line += " · p99 \(Units.formatDuration(p99)) (Erlang C response-time quantile)" }
            else { line += " · p99: no closed form (only for a single M/M/c station)" }
            out.append(line)
            out.append("  Little's law  L = λW = \(Units.formatRate(rateRPS)) req/s × \(Units.formatDuration(mean)) = "
                       + "\(approx)\(Units.trim(rateRPS * mean)) requests in the system on average")
        } else {
            out.append("  no steady state: '\(capacity.bottleneck)' is saturated, so queues grow until they reject requests")
        }
        out.append("")
        out.append("Capacity")
        out.append(contentsOf: saturationLines())
        out.append(sizingTable())
        for note in capacity.notes { out.append("  note: \(note)") }
        let sharding = shardingLines
        if !sharding.isEmpty {
            out.append("")
            out.append("Sharding")
            out += sharding
        }
        out.append("")
        out.append(costText())
        out.append("")
        out.append(contentsOf: warningLines)
        return out.joined(separator: "\n")
    }

    /// The "Warnings" section: each warning with its reason, suggestion and note.
    var warningLines: [String] {
        guard !warnings.isEmpty else { return ["Warnings: none"] }
        var out = ["Warnings (\(warnings.count))"]
        for warning in warnings {
            out.append("  \(warning.severity.rawValue) [\(warning.id)] \(warning.message)")
            out.append("    why: \(warning.reason)")
            out.append("    fix: \(warning.suggestion)")
            if let note = warning.noteID { out.append("    read: sdw notes \(note)") }
        }
        return out
    }

    func saturationLines() -> [String] {
        guard capacity.saturationRateRPS.isFinite else {
            return ["  no component limits the rate: every component on the request path takes no time"]
        }
        var bottleneckLine = "  bottleneck '\(capacity.bottleneck)': the design saturates at \(Units.formatRate(capacity.saturationRateRPS)) req/s"
        if capacity.bottleneck != capacity.boundComponent {
            // The component that runs out first is not the one with the least capacity: its workers wait on sync calls.
            bottleneckLine += ", when '\(capacity.bottleneck)' runs out of workers waiting on its sync calls — below the"
                + " \(Units.formatRate(capacity.boundRPS)) req/s that '\(capacity.boundComponent)' alone could take (bound min cμ/V)"
        } else {
            bottleneckLine += " (bound min cμ/V = \(Units.formatRate(capacity.boundRPS)) req/s)"
        }
        if capacity.headroom >= 0 {
            return [bottleneckLine, "  headroom \(Units.formatPercent(capacity.headroom)) of the saturation rate: the load can grow"
                    + " ×\(Units.trim(capacity.saturationRateRPS / rateRPS)) before it saturates"]
        }
        return [bottleneckLine, "  over capacity: the offered \(Units.formatRate(rateRPS)) req/s is ×\(Units.trim(rateRPS / capacity.saturationRateRPS))"
                + " what the design can serve"]
    }

    /// Instances each component needs for the target utilisation and, when asked, the target p99.
    func sizingTable() -> String {
        var columns: [(String, TextTable.Alignment)] = [("instances", .left), ("now", .right),
                                                        ("for ρ ≤ \(Units.formatPercent(capacity.targetUtilization))", .right)]
        if let target = capacity.targetP99S { columns.append(("for p99 ≤ \(Units.formatDuration(target))", .right)) }
        var table = TextTable(columns)
        var reasons: [String] = []
        for component in capacity.components where component.arrivalRateRPS > 0 {
            var row = [component.id, "\(component.instances)", component.instancesForTargetUtilization.map(String.init) ?? "—"]
            if capacity.targetP99S != nil {
                row.append(component.instancesForTargetP99.map(String.init) ?? "—")
                if let note = component.p99Note { reasons.append("  \(component.id): \(note)") }
            }
            table.add(row)
        }
        var text = table.rendered(indent: "  ")
        if capacity.targetP99S != nil {
            text += "\n  p99 is of the time at the component (queue + service), per instance as M/M/c with c = workers (Erlang C)"
        }
        return ([text] + reasons).joined(separator: "\n")
    }

    func componentTable() -> String {
        var table = TextTable([
            ("component", .left), ("kind", .left), ("inst×wrk", .right), ("visits", .right), ("λ req/s", .right),
            ("hold", .right), ("ρ", .right), ("wait", .right), ("response", .right), ("saturates at", .right), ("headroom", .right),
        ])
        for station in analysis.stations {
            guard let component = design.component(station.id), let sized = capacity.component(station.id) else { continue }
            let idle = station.arrivalRateRPS == 0
            table.add([
                station.id, component.kind.rawValue, "\(component.instances)×\(component.workers)", Units.trim(station.visits),
                Units.formatRate(station.arrivalRateRPS), Units.formatDuration(station.holdTimeS), Units.formatPercent(station.utilization),
                idle ? "—" : station.waitS.map { approx + Units.formatDuration($0) } ?? "∞",
                idle ? "—" : station.responseS.map { approx + Units.formatDuration($0) } ?? "∞",
                station.capacityRPS.isFinite ? Units.formatRate(station.capacityRPS) + " req/s" : "—",
                Units.formatPercent(sized.headroom),
            ])
        }
        return table.rendered()
    }

    /// For each database: how its keys spread and what adding a shard would move (measured through the engine's own
    /// placement: hash mod N moves N/(N+1) of the keys, a consistent-hash ring about 1/(N+1)).
    var shardingLines: [String] {
        design.components.compactMap { component -> String? in
            guard let settings = component.database else { return nil }
            let shards = settings.shards
            let keyCount = design.workload.keys?.count
            var line = "  \(component.id): \(shards) shard\(shards == 1 ? "" : "s") by \(settings.sharding.rawValue)"
                + " × \(settings.nodesPerShard) node\(settings.nodesPerShard == 1 ? "" : "s")"
            if settings.hotKeyShare > 0 {
                line += " · hot key \(Units.formatPercent(settings.hotKeyShare)) of requests: its shard gets "
                    + Units.formatPercent(settings.hotKeyShare + (1 - settings.hotKeyShare) / Double(shards))
                    + " of the load (even share \(Units.formatPercent(1 / Double(shards))))"
            }
            var moves: [String] = []
            for strategy in [settings.sharding] + ShardingStrategy.allCases.filter({ $0 != settings.sharding }) {
                let moved = ShardPlacement.movedShare(strategy: strategy, shards: shards, id: component.id,
                                                      keyCount: keyCount.map { min($0, 200_000) }, sample: 50_000)
                moves.append("\(strategy.rawValue) \(Units.formatPercent(moved))")
            }
            return line + "\n    adding shard \(shards + 1) moves: " + moves.joined(separator: " · ")
        }
    }

    func costText() -> String {
        let rates = analysis.arrivalRates
        var table = TextTable([("component", .left), ("kind", .left), ("instances", .right), ("req/s", .right), ("$/month", .right)])
        for component in design.components {
            table.add([component.id, component.kind.rawValue, "\(component.instances)", Units.formatRate(rates[component.id] ?? 0),
                       String(format: "%.2f", CostModel.monthlyUSD(component, requestsPerS: rates[component.id] ?? 0))])
        }
        let monthly = CostModel.monthlyUSD(design, requestsPerS: rates)
        table.add(["total", "", "", "", String(format: "%.2f", monthly)])
        var text = "Cost per month (estimate: \(CostModel.source); \(Units.trim(CostModel.hoursPerMonth)) h a month)\n"
            + table.rendered(indent: "  ")
        if let perMillion = CostModel.perMillionRequestsUSD(monthly: monthly, entryRateRPS: design.workload.rateRPS) {
            text += "\n  per million requests: $" + String(format: "%.3f", perMillion)
        }
        // The price lines of the kinds this design uses.
        let kinds = Set(design.components.map(\.kind.rawValue))
        let used = CostModel.assumptions.filter { line in
            line.prefix { $0 != ":" }.split(separator: ",").contains { kinds.contains($0.trimmingCharacters(in: .whitespaces)) }
        }
        return text + "\n" + used.map { "  · " + $0 }.joined(separator: "\n")
    }

    public var json: JSONValue {
        func ms(_ seconds: Double?) -> JSONValue { .num(seconds.map { $0 * 1000 }) }
        let components: [(String, JSONValue)] = analysis.stations.compactMap { station in
            guard let component = design.component(station.id), let sized = capacity.component(station.id) else { return nil }
            return (station.id, .object([
                ("kind", .string(component.kind.rawValue)), ("instances", .int(component.instances)), ("workers", .int(component.workers)),
                ("visits", .num(station.visits)), ("arrival_rate_rps", .num(station.arrivalRateRPS)),
                ("hold_ms", ms(station.holdTimeS)), ("utilization", .num(station.utilization)),
                ("wait_ms", ms(station.waitS)), ("response_ms", ms(station.responseS)),
                ("saturates_at_rps", .num(station.capacityRPS)), ("headroom", .num(sized.headroom)),
                ("instances_for_target_utilization", sized.instancesForTargetUtilization.map { .int($0) } ?? .null),
                ("instances_for_target_p99", sized.instancesForTargetP99.map { .int($0) } ?? .null),
                ("p99_note", sized.p99Note.map(JSONValue.string) ?? .null),
                ("cost_usd_per_month", .num(CostModel.monthlyUSD(component, requestsPerS: station.arrivalRateRPS))),
            ]))
        }
        return .object([
            ("sdw_analysis", .int(Self.jsonVersion)), ("design", .string(design.name)), ("source", .string(design.source)),
            ("rate_rps", .num(rateRPS)), ("model", .string(analysis.model)), ("exact", .bool(analysis.exact)),
            ("notes", .array(analysis.notes.map(JSONValue.string))), ("stable", .bool(analysis.stable)),
            ("latency_ms_mean", ms(analysis.latencyMeanS)), ("latency_ms_p99", ms(analysis.latencyP99S)),
            ("mean_in_system", .num(analysis.latencyMeanS.map { $0 * rateRPS })),
            ("components", .object(components)),
            ("capacity", .object([
                ("bottleneck", .string(capacity.bottleneck)), ("saturation_rps", .num(capacity.saturationRateRPS)),
                ("bound_rps", .num(capacity.boundRPS)), ("bound_component", .string(capacity.boundComponent)),
                ("headroom", .num(capacity.headroom)), ("target_utilization", .num(capacity.targetUtilization)),
                ("target_p99_ms", ms(capacity.targetP99S)), ("notes", .array(capacity.notes.map(JSONValue.string))),
            ])),
            ("cost", .object([
                ("usd_per_month", .num(CostModel.monthlyUSD(design, requestsPerS: analysis.arrivalRates))), ("hours_per_month", .num(CostModel.hoursPerMonth)),
                ("source", .string(CostModel.source)),
            ])),
            ("warnings", .array(warnings.map(Self.warningJSON))),
        ])
    }

    static func warningJSON(_ warning: DesignWarning) -> JSONValue {
        .object([
            ("id", .string(warning.id)), ("severity", .string(warning.severity.rawValue)),
            ("component", warning.component.map(JSONValue.string) ?? .null), ("message", .string(warning.message)),
            ("reason", .string(warning.reason)), ("suggestion", .string(warning.suggestion)),
            ("note", warning.noteID.map(JSONValue.string) ?? .null),
        ])
    }
}
