import Foundation
import Model
import SimCore
import Analysis

/// The human-readable report of `sdw run`.
extension RunReport {
    public var text: String {
        var out: [String] = []
        let runs = replications > 1 ? "\(replications) replications × " : ""
        out.append("\(design.name)")
        out.append("seed \(seed) · \(runs)\(Units.formatDuration(durationS)) simulated, first \(Units.formatDuration(warmupS)) excluded as warm-up"
                   + " · offered \(Units.formatRate(rateRPS)) req/s")
        out.append("\(Self.grouped(Int(events))) events in \(String(format: "%.2f", wallS)) s (\(Units.formatRate(eventsPerSecond)) events/s) · fingerprint \(fingerprint)")
        out.append("")

        let errors = requests.offered > 0 ? Double(errorCount) / Double(requests.offered) : 0
        out.append("Requests    offered \(Self.grouped(requests.offered)) · completed \(Self.grouped(requests.completed))"
                   + " · rejected \(Self.grouped(requests.rejected)) · timed out \(Self.grouped(requests.timedOut))"
                   + " · failed \(Self.grouped(requests.failed)) (errors \(Self.percent(errors)))"
                   + (requests.rateLimited > 0 ? " · rate-limited \(Self.grouped(requests.rateLimited)) (429, not errors)" : ""))
        out.append("Throughput  \(Units.formatRate(throughputRPS)) req/s")
        if latency.count > 0 {
            let ci = latencyMeanCI95.isFinite ? " ± \(Self.ms(latencyMeanCI95))" : ""
            let how = replications > 1 ? "across replications" : "batch means"
            out.append("Latency     mean \(Self.ms(latency.mean))\(ci) (95% CI, \(how))")
            out.append("            p50 \(Self.ms(latency.p50)) · p90 \(Self.ms(latency.p90)) · p95 \(Self.ms(latency.p95))"
                       + " · p99 \(Self.ms(latency.p99)) · p99.9 \(Self.ms(latency.p999)) · max \(Self.ms(latency.max))")
        } else {
            out.append("Latency     no request completed after the warm-up")
        }
        for requestClass in classes where requestClass.latency.count > 0 {
            out.append("  \(requestClass.name.padding(toLength: 9, withPad: " ", startingAt: 0)) mean \(Self.ms(requestClass.latency.mean))"
                       + " · p99 \(Self.ms(requestClass.latency.p99)) · \(Self.grouped(requestClass.latency.count)) requests")
        }
        if asyncCompleted + asyncFailed > 0 {
            out.append("Async       \(Self.grouped(asyncCompleted)) background requests completed, \(Self.grouped(asyncFailed)) failed")
        }
        out.append(costLine)
        out.append("")

        var table = TextTable([
            ("component", .left), ("kind", .left), ("inst×wrk", .right), ("req/s", .right), ("util", .right),
            ("queue", .right), ("wait p99", .right), ("resp mean", .right), ("resp p99", .right),
            ("rejected", .right), ("timeouts", .right),
        ])
        for component in components {
            table.add([
                component.id, component.kind.rawValue, Self.instancesText(component),
                Units.formatRate(component.throughputRPS), Self.percent(component.utilization),
                String(format: "%.2f", component.meanQueueLength),
                component.wait.count > 0 ? Self.ms(component.wait.p99) : "—",
                component.response.count > 0 ? Self.ms(component.response.mean) : "—",
                component.response.count > 0 ? Self.ms(component.response.p99) : "—",
                Self.grouped(component.rejected), Self.grouped(component.timedOut),
            ])
        }
        out.append(table.rendered())
        let behaviour = blockLines
        if !behaviour.isEmpty {
            out.append("")
            out.append("Block behaviour (after warm-up)")
            out += behaviour.map { "  " + $0 }
        }

        if let analysis {
            out.append("")
            out.append("Theory: \(analysis.model)\(analysis.exact ? " — exact for this design" : "")")
            if let predicted = analysis.latencyMeanS {
                var line = "  mean latency \(Self.ms(predicted))"
                if latency.count > 0 {
                    line += " (simulated \(Self.ms(latency.mean)), \(Self.signedPercent(latency.mean / predicted - 1)))"
                }
                if let p99 = analysis.latencyP99S {
                    line += " · p99 \(Self.ms(p99))"
                    if latency.count > 0 { line += " (simulated \(Self.ms(latency.p99)))" }
                }
                out.append(line)
            } else {
                out.append("  no steady state: some component is saturated")
            }
            let inSystem = throughputRPS * latency.mean
            if latency.count > 0, requests.rejected + requests.timedOut + requests.failed == 0 {
                out.append("  Little's law  L = \(String(format: "%.3f", meanInSystem)) in system · λW = \(String(format: "%.3f", inSystem))")
            }
            out.append("  bottleneck '\(analysis.bottleneck)' · saturates at \(Units.formatRate(analysis.maxThroughputRPS)) req/s")
            out.append(predictedBesideSimulated(analysis))
            for note in analysis.notes { out.append("  note: \(note)") }
        }
        // The design file's own warnings went to standard error when it was read; the text report repeats only the
        // analysis's and the run's.
        let reported = warnings.dropFirst(fileWarnings.count)
        if !reported.isEmpty {
            out.append("")
            for warning in reported { out.append("warning: \(warning)") }
        }
        return out.joined(separator: "\n")
    }

    static func ms(_ seconds: Double) -> String { Units.formatDuration(seconds) }

    static func percent(_ fraction: Double) -> String { Units.formatPercent(fraction) }

    static func signedPercent(_ fraction: Double) -> String {
        String(format: "%+.1f%%", fraction * 100)
    }

    static func grouped(_ value: Int) -> String { Units.formatGrouped(value) }

    /// `4×8`, or for an autoscaling group the range it covered: `2–9×8`.
    static func instancesText(_ component: ComponentResult) -> String {
        let counts = component.instanceTimeline.map(\.instances)
        if let low = counts.min(), let high = counts.max(), high > low { return "\(low)–\(high)×\(component.workers)" }
        return "\(component.instances)×\(component.workers)"
    }
}
