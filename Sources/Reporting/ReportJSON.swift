import Model
import SimCore
import Analysis

/// The `sdw run --json` document (see docs/FORMAT.md, "Run report"). Times are milliseconds, rates per second.
extension RunReport {
    public static let jsonVersion = 1

    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("sdw_report", .int(Self.jsonVersion)),
            ("design", .string(design.name)),
            ("source", .string(design.source)),
            ("seed", .uint(seed)),
            ("replications", .int(replications)),
            ("duration_s", .num(durationS)),
            ("warmup_s", .num(warmupS)),
            ("rate_rps", .num(rateRPS)),
            ("events", .int(Int(events))),
            ("wall_s", .num(wallS)),
            ("events_per_s", .num(eventsPerSecond)),
            ("fingerprint", .string(fingerprint)),
            ("requests", .object([
                ("offered", .int(requests.offered)), ("completed", .int(requests.completed)),
                ("rejected", .int(requests.rejected)), ("timed_out", .int(requests.timedOut)),
                ("failed", .int(requests.failed)), ("rate_limited", .int(requests.rateLimited)),
            ])),
            ("throughput_rps", .num(throughputRPS)),
            ("latency_ms", Self.latencyJSON(latency, ci95: latencyMeanCI95)),
            ("mean_in_system", .num(meanInSystem)),
            ("async", .object([("completed", .int(asyncCompleted)), ("failed", .int(asyncFailed))])),
            ("cost", .object([("usd_per_month", .num(simulatedCost.monthly)),
                              ("usd_per_million_requests", .num(simulatedCost.perMillion)),
                              ("basis", .string("list prices at the simulated load of each component; an estimate"))])),
        ]
        pairs.append(("components", .object(components.map { component in
            (component.id, .object([
                ("kind", .string(component.kind.rawValue)),
                ("instances", .int(component.instances)),
                ("workers", .int(component.workers)),
                ("throughput_rps", .num(component.throughputRPS)),
                ("utilization", .num(component.utilization)),
                ("mean_queue_length", .num(component.meanQueueLength)),
                ("wait_ms", Self.latencyJSON(component.wait, ci95: nil)),
                ("response_ms", Self.latencyJSON(component.response, ci95: nil)),
                ("rejected", .int(component.rejected)),
                ("timed_out", .int(component.timedOut)),
                ("failed", .int(component.failed)),
                ("async_calls", .int(component.asyncCalls)),
                ("blocks", .object(component.blocks.named.filter { $0.1 != 0 }.map { ($0.0, JSONValue.int($0.1)) })),
                ("async_latency_ms", component.asyncLatency.map { Self.latencyJSON($0, ci95: nil) } ?? .null),
                ("instance_served", .array(component.instanceServed.map { JSONValue.int($0) })),
                ("breaker_timeline", .array(component.breakerTimeline.map {
                    JSONValue.object([("time_s", .num($0.time)), ("target", .string($0.target)), ("state", .string($0.state))])
                })),
                ("instance_timeline", .array(component.instanceTimeline.map {
                    JSONValue.object([("time_s", .num($0.time)), ("instances", .int($0.instances))])
                })),
            ]))
        })))
        pairs.append(("classes", .object(classes.map { ($0.name, Self.latencyJSON($0.latency, ci95: nil)) })))
        pairs.append(("analysis", analysis.map(Self.analysisJSON) ?? .null))
        pairs.append(("warnings", .array(warnings.map(JSONValue.string))))
        pairs.append(("design_warnings", .array(designWarnings.map(AnalysisReport.warningJSON))))
        return .object(pairs)
    }

    static func latencyJSON(_ summary: LatencySummary, ci95: Double?) -> JSONValue {
        let empty = summary.count == 0
        func ms(_ seconds: Double) -> JSONValue { empty ? .null : .num(seconds * 1000) }
        return .object([
            ("count", .int(summary.count)),
            ("mean", ms(summary.mean)), ("mean_ci95", ci95.map { empty ? .null : .num($0 * 1000) } ?? .null),
            ("p50", ms(summary.p50)), ("p90", ms(summary.p90)), ("p95", ms(summary.p95)),
            ("p99", ms(summary.p99)), ("p999", ms(summary.p999)), ("max", ms(summary.max)),
        ])
    }

    static func analysisJSON(_ analysis: DesignAnalysis) -> JSONValue {
        .object([
            ("model", .string(analysis.model)),
            ("exact", .bool(analysis.exact)),
            ("stable", .bool(analysis.stable)),
            ("latency_ms_mean", .num(analysis.latencyMeanS.map { $0 * 1000 })),
            ("latency_ms_p99", .num(analysis.latencyP99S.map { $0 * 1000 })),
            ("utilization", .object(analysis.stations.map { ($0.id, .num($0.utilization)) })),
            ("response_ms", .object(analysis.stations.map { ($0.id, .num($0.responseS.map { $0 * 1000 })) })),
            ("bottleneck", .string(analysis.bottleneck)),
            ("max_throughput_rps", .num(analysis.maxThroughputRPS)),
            ("notes", .array(analysis.notes.map(JSONValue.string))),
        ])
    }
}
