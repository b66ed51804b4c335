import Model
import Workbench

/// The live lines that matter for a block's kind: hit ratio, queue lag, reads and writes, 429s, retries, breakers,
/// autoscaling. A pure function of the design and the captured figures.
enum BlockLive {
    static func lines(_ component: Component, _ figures: LiveMetrics.ComponentFigures) -> [(String, Style)] {
        let block = figures.block
        func rate(_ counter: KeyPath<BlockCounts, Int>) -> String { Units.formatRate(block.perSecond(counter)) + "/s" }
        var lines: [(String, Style)] = []
        if let cache = component.cache {
            let hit = block.hitRatio.map(Units.formatPercent) ?? "—"
            lines.append(("hit \(hit)  misses \(rate(\.misses))", .normal))
            var extra: [String] = []
            if cache.usesKeyModel, cache.ttlS != nil { extra.append("expired \(rate(\.expired))") }
            if let shield = cache.shieldHitRatio, component.kind == .cdn { extra.append("shield \(Units.formatPercent(shield))") }
            if cache.strategy == .refreshAhead { extra.append("refresh \(rate(\.refreshes))") }
            if cache.strategy == .writeBehind { extra.append("flush \(rate(\.flushes)) lost \(block.totals.lostWrites)") }
            if !extra.isEmpty { lines.append((extra.joined(separator: "  "), block.totals.lostWrites > 0 ? .critical : .normal)) }
        }
        if component.queue != nil {
            lines.append(("lag \(block.waiting) msgs  p99 \(Health.duration(block.lagP99S ?? 0))", block.waiting > 0 ? .warn : .normal))
            lines.append(("published \(rate(\.published))  dropped \(rate(\.dropped))", block.totals.dropped > 0 ? .critical : .normal))
            lines.append(("dead letters \(block.totals.deadLettered)  redeliv \(rate(\.redelivered))",
                          block.totals.deadLettered > 0 ? .warn : .normal))
        }
        if let database = component.database {
            lines.append(("reads \(rate(\.reads))  writes \(rate(\.writes))", .normal))
            if database.replicas > 0 {
                let stale = block.staleShare.map(Units.formatPercent) ?? "—"
                lines.append(("stale reads \(stale)" + (block.totals.failovers > 0 ? "  failovers \(block.totals.failovers)" : ""),
                              block.window.staleReads > 0 ? .warn : .normal))
            }
        }
        if component.rateLimit != nil {
            lines.append(("429s \(rate(\.rateLimited))", block.window.rateLimited > 0 ? .warn : .normal))
        }
        if component.calls.contains(where: { $0.retry != nil || $0.hedgeAfterS != nil || $0.bulkhead != nil || $0.breaker != nil }) {
            var parts = ["retries \(rate(\.retries))"]
            // Calls an open breaker failed at once, over the same second as the other rates.
            if component.calls.contains(where: { $0.breaker != nil }) { parts.append("fast-fail \(rate(\.breakerRejected))") }
            if component.calls.contains(where: { $0.hedgeAfterS != nil }) { parts.append("hedges \(rate(\.hedges))") }
            if component.calls.contains(where: { $0.bulkhead != nil }) { parts.append("full \(rate(\.bulkheadRejected))") }
            let trouble = block.window.retries > 0 || block.window.bulkheadRejected > 0 || block.window.breakerRejected > 0
            lines.append((parts.joined(separator: "  "), trouble ? .warn : .normal))
        }
        for breaker in block.breakers {
            let style: Style = breaker.state == .open ? .critical : breaker.state == .halfOpen ? .warn : .normal
            let marker = breaker.state == .open ? "✗ " : breaker.state == .halfOpen ? "⚠ " : ""
            let opened = block.breakers.count == 1 && block.totals.breakerOpenings > 0 ? "  opened \(block.totals.breakerOpenings)×" : ""
            lines.append(("\(marker)breaker → \(breaker.to) \(breaker.state.rawValue)" + opened, style))
        }
        if let online = block.online {
            lines.append(("instances \(online) online" + (block.booting > 0 ? ", \(block.booting) booting" : ""), .normal))
        }
        return lines
    }

    /// The canvas box's second line for kinds with one figure that tells the story.
    static func boxLine(_ component: Component, _ figures: LiveMetrics.ComponentFigures) -> String? {
        if component.cache != nil, let hit = figures.block.hitRatio {
            return "\(component.kind.rawValue) hit \(Units.formatPercent(hit))"
        }
        if component.queue != nil { return "queue lag \(figures.block.waiting)" }
        if let online = figures.block.online {
            return "\(component.kind.rawValue) \(online) up" + (figures.block.booting > 0 ? " +\(figures.block.booting)" : "")
        }
        if figures.block.breakers.contains(where: { $0.state == .open }) { return "✗ breaker open" }
        return nil
    }
}
