import Analysis
import Model
import SimCore

/// One line per component whose block behaviour counted something: hit ratios, lag, retries, 429s, stale reads…
extension RunReport {
    /// Monthly cost at the simulated load of each component, and per million requests offered.
    public var simulatedCost: (monthly: Double, perMillion: Double?) {
        let monthly = components.reduce(0.0) { total, result in
            guard let component = design.component(result.id) else { return total }
            return total + CostModel.monthlyUSD(component, requestsPerS: result.throughputRPS)
        }
        return (monthly, CostModel.perMillionRequestsUSD(monthly: monthly, entryRateRPS: rateRPS))
    }

    var costLine: String {
        let cost = simulatedCost
        var line = "Cost        ≈ $" + String(format: "%.0f", cost.monthly) + "/month at the simulated load"
        if let perMillion = cost.perMillion { line += " · $" + String(format: "%.3f", perMillion) + " per million requests" }
        return line + " (estimate: " + CostModel.source + ")"
    }

    /// How a database's shards or a queue's partitions share the work, when there are several.
    func loadShares(_ component: ComponentResult) -> String? {
        let total = component.instanceServed.reduce(0, +)
        guard total > 0, let spec = design.component(component.id) else { return nil }
        var groups: [Int] = []
        var what = ""
        if let database = spec.database, database.shards > 1 {
            let nodes = database.nodesPerShard
            groups = stride(from: 0, to: component.instanceServed.count, by: nodes).map { component.instanceServed[$0..<min($0 + nodes, component.instanceServed.count)].reduce(0, +) }
            what = "shards"
        } else if spec.kind == .queue, component.instanceServed.count > 1 {
            groups = component.instanceServed
            what = "partitions"
        } else {
            return nil
        }
        let shares = groups.map { Self.percent(Double($0) / Double(total)) }
        let shown = shares.count > 8 ? Array(shares.prefix(8)) + ["…"] : shares
        return "\(what) " + shown.joined(separator: " · ")
    }

    var blockLines: [String] {
        let seconds = max(measuredS, 1e-9)
        func rate(_ count: Int) -> String { Units.formatRate(Double(count) / seconds) + "/s" }
        func count(_ value: Int) -> String { Self.grouped(value) }
        var lines: [String] = []
        for component in components {
            let b = component.blocks
            var parts: [String] = []
            if let hitRatio = b.hitRatio {
                parts.append("hit ratio \(Self.percent(hitRatio)) (\(count(b.hits)) of \(count(b.hits + b.misses)))")
            }
            if b.expired > 0 { parts.append("expired \(count(b.expired))") }
            if b.refreshes > 0 { parts.append("refreshed ahead \(count(b.refreshes))") }
            if b.flushes > 0 { parts.append("flushed \(count(b.flushes))") }
            if b.lostWrites > 0 { parts.append("LOST writes \(count(b.lostWrites)) (unflushed at a crash)") }
            if b.published > 0 {
                parts.append("published \(count(b.published)) (\(rate(b.published)))")
                if component.wait.count > 0 { parts.append("lag mean \(Self.ms(component.wait.mean)) p99 \(Self.ms(component.wait.p99))") }
                if let async = component.asyncLatency, async.count > 0 {
                    parts.append("publish→done mean \(Self.ms(async.mean)) p99 \(Self.ms(async.p99))")
                }
            }
            if b.dropped > 0 { parts.append("dropped \(count(b.dropped)) (queue full)") }
            if b.blockedProducers > 0 { parts.append("producers blocked \(count(b.blockedProducers))") }
            if b.redelivered > 0 { parts.append("redelivered \(count(b.redelivered))") }
            if b.deadLettered > 0 { parts.append("dead-lettered \(count(b.deadLettered))") }
            if b.duplicatesProcessed > 0 { parts.append("duplicates processed \(count(b.duplicatesProcessed))") }
            if b.deduplicated > 0 { parts.append("duplicates skipped \(count(b.deduplicated)) (idempotent)") }
            if b.reads + b.writes > 0 {
                var text = "reads \(count(b.reads)) · writes \(count(b.writes))"
                if b.staleReads > 0 {
                    text += " · stale reads \(count(b.staleReads)) (\(Self.percent(Double(b.staleReads) / Double(max(b.reads, 1)))))"
                }
                parts.append(text)
            }
            if b.failovers > 0 { parts.append("failovers \(count(b.failovers))") }
            if let shares = loadShares(component) { parts.append(shares) }
            if b.rateLimited > 0 { parts.append("429s \(count(b.rateLimited)) (\(rate(b.rateLimited)))") }
            if b.retries > 0 { parts.append("retries \(count(b.retries)) (\(rate(b.retries)))") }
            if b.hedges > 0 { parts.append("hedges \(count(b.hedges))") }
            if b.breakerOpenings > 0 || b.breakerRejected > 0 {
                parts.append("breaker opened \(count(b.breakerOpenings))×, failed fast \(count(b.breakerRejected))")
            }
            if !component.breakerTimeline.isEmpty {
                let steps = component.breakerTimeline.map { "\($0.state)@\(Units.formatDuration($0.time))" }
                let shown = steps.count > 8 ? Array(steps.prefix(5)) + ["…(\(steps.count) changes)"] + Array(steps.suffix(2)) : steps
                parts.append("breaker " + shown.joined(separator: " → "))
            }
            if b.bulkheadRejected > 0 { parts.append("bulkhead full \(count(b.bulkheadRejected))") }
            if b.lostCalls > 0 { parts.append("calls lost on the network \(count(b.lostCalls))") }
            if component.instanceTimeline.count > 1 {
                let steps = component.instanceTimeline.map { "\($0.instances)@\(Units.formatDuration($0.time))" }
                let shown = steps.count > 8 ? Array(steps.prefix(4)) + ["…"] + Array(steps.suffix(3)) : steps
                parts.append("instances " + shown.joined(separator: " → "))
            }
            if !parts.isEmpty { lines.append("\(component.id): " + parts.joined(separator: " · ")) }
        }
        return lines
    }
}
