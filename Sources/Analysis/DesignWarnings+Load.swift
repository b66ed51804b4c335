import Foundation
import Model

/// Rules about load: saturation, rate limits, queues, hot shards and autoscaling.
extension DesignWarnings {
    /// ρ ≥ 1 (critical) and ρ ≥ 0.8 (warning) at the rate, with the instances for ρ ≤ 70%; and ρ ≥ 1 at the
    /// pattern's peak when the base rate is fine. Autoscaling groups count their maximum instances.
    static func saturation(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        var flagged: Set<String> = []
        for component in context.components {
            guard let station = context.station(component.id), station.arrivalRateRPS > 0 else { continue }
            let (rho, scale) = effectiveUtilization(component, station.utilization)
            guard rho >= nearSaturation else { continue }
            flagged.insert(component.id)
            let work = station.arrivalRateRPS * station.holdTimeS
            let at = "ρ = \(number(rho)) at \(rate(station.arrivalRateRPS)) \(component.kind == .queue ? "msg" : "req")/s"
            let fix = sizing(component, work: work, scale: scale)
            if rho >= 1 {
                if component.kind == .queue {
                    let servers = component.servers.groups
                    found.append(DesignWarning(
                        id: "queue-lag-grows", severity: .critical, component: component.id,
                        message: "'\(component.id)' consumers cannot keep up: \(at)",
                        reason: "\(rate(station.arrivalRateRPS)) msg/s arrive but \(plural(servers, "consumer")) at \(duration(station.holdTimeS)) each "
                            + "process at most \(rate(Double(servers) / station.holdTimeS)) msg/s: the lag grows without bound until the "
                            + "queue's capacity (\(count((component.queue ?? QueueSettings()).capacity))) is full",
                        suggestion: fix, noteID: "consumer-groups-partitions"))
                } else {
                    found.append(DesignWarning(
                        id: "saturated", severity: .critical, component: component.id,
                        message: "'\(component.id)' is saturated: \(at)",
                        reason: "it needs \(number(work)) busy slots on average (λ × hold = \(rate(station.arrivalRateRPS))/s × "
                            + "\(duration(station.holdTimeS))) but has \(slotsText(component, scale)); its queue grows until it rejects requests",
                        suggestion: fix, noteID: "utilization-knee"))
                }
            } else {
                var reason = "waiting time grows as ρ/(1−ρ) = \(number(rho / (1 - rho)))"
                if let wait = station.waitS, station.holdTimeS > 0 {
                    reason += ": mean wait ≈ \(duration(wait)) (\(number(wait / station.holdTimeS))× its hold of \(duration(station.holdTimeS)))"
                }
                if scale == 1, case .success(let mu) = Capacity.p99Model(component),
                   let p99 = QueueFormulas.mmcResponseQuantile(0.99, lambda: station.arrivalRateRPS / Double(component.servers.groups),
                                                                mu: mu, servers: component.servers.perGroup) {
                    reason += "; p99 at the component ≈ \(duration(p99)) (\(number(p99 * mu))× the mean service time, Erlang C)"
                }
                let growth = (1 - rho) / rho
                reason += "; \(percent(growth)) more load saturates it, and bursts already queue"
                found.append(DesignWarning(
                    id: "near-saturated", severity: .warning, component: component.id,
                    message: "'\(component.id)' is near saturation: \(at)", reason: reason, suggestion: fix, noteID: "utilization-knee"))
            }
        }
        let pattern = context.design.workload.pattern
        let peak = pattern.peak(base: context.rate)
        if peak > context.rate, let atPeak = NetworkAnalyzer.analyze(context.design, rateRPS: peak) {
            for component in context.components where !flagged.contains(component.id) && component.autoscale == nil {
                guard let station = atPeak.station(component.id), station.utilization >= 1 else { continue }
                let work = station.arrivalRateRPS * station.holdTimeS
                found.append(DesignWarning(
                    id: "saturated-at-peak", severity: .warning, component: component.id,
                    message: "'\(component.id)' saturates at the \(pattern.kind) pattern's peak: ρ = \(number(station.utilization)) at "
                        + "\(rate(peak)) req/s into the entry (×\(number(peak / context.rate)) the base rate)",
                    reason: "for as long as the peak lasts it gets more work than its \(slotsText(component, 1)) can do, so its queue "
                        + "grows and requests wait or are rejected",
                    suggestion: sizing(component, work: work, scale: 1) + " at the peak, or autoscale it", noteID: "plan-for-growth"))
            }
        }
        return found
    }

    /// ρ with an autoscaling group at its maximum, and the factor applied.
    static func effectiveUtilization(_ component: Component, _ rho: Double) -> (Double, Double) {
        guard let auto = component.autoscale, auto.maxInstances > component.instances else { return (rho, 1) }
        let scale = Double(component.instances) / Double(auto.maxInstances)
        return (rho * scale, scale)
    }

    static func slotsText(_ component: Component, _ scale: Double) -> String {
        switch component.kind {
        case .queue: return plural(component.servers.groups, "busy consumer") + " at most"
        case .database: return "\(component.instances) node\(component.instances == 1 ? "" : "s") × \(component.workers) connections"
        default:
            let instances = scale < 1 ? component.autoscale!.maxInstances : component.instances
            return "\(instances) × \(component.workers) slots" + (scale < 1 ? " (autoscale max)" : "")
        }
    }

    /// What to scale to for ρ ≤ 70%, in the block's own terms.
    static func sizing(_ component: Component, work: Double, scale: Double) -> String {
        let target = percent(targetUtilization)
        switch component.kind {
        case .queue:
            let needed = Capacity.instancesFor(utilization: targetUtilization, offeredWork: work, workers: 1)
            let settings = component.queue ?? QueueSettings()
            return "run \(needed) consumers (now \(settings.consumers)) over at least \(needed) partitions (now \(settings.partitions)) "
                + "for ρ ≤ \(target)"
        case .database:
            let needed = Capacity.instancesFor(utilization: targetUtilization, offeredWork: work, workers: component.workers)
            return "\(needed) nodes of \(component.workers) connections (now \(component.instances)) for ρ ≤ \(target): "
                + "add read replicas if reads dominate, shards if writes do, or cache in front"
        default:
            let needed = Capacity.instancesFor(utilization: targetUtilization, offeredWork: work, workers: component.workers)
            if scale < 1 { return "raise its autoscale max to \(needed) (now \(component.autoscale!.maxInstances)) for ρ ≤ \(target)" }
            return "run \(needed) instances (now \(component.instances)) for ρ ≤ \(target)"
        }
    }

    /// A limit below the offered load (requests refused) or above what the components behind it can serve.
    static func rateLimits(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        for component in context.components {
            guard let limit = component.rateLimit else { continue }
            let total = limit.perClient ? limit.ratePerS * Double(limit.clients) : limit.ratePerS
            let offered = context.arrival(component.id)
            guard offered > 0 else { continue }
            let limitText = limit.perClient ? "\(rate(limit.ratePerS)) req/s per client × \(count(limit.clients)) clients" : "\(rate(total)) req/s"
            let admitted = TrafficFlows.admittedRate(limit, arriving: offered, keys: context.design.workload.keys)
            if admitted < offered * 0.9999 {
                let refused = 1 - admitted / offered
                found.append(DesignWarning(
                    id: "rate-limit-below-load", severity: refused > 0.5 ? .warning : .info, component: component.id,
                    message: "'\(component.id)' admits ≈ \(rate(admitted)) of the \(rate(offered)) req/s offered (\(limitText))",
                    reason: "≈ \(percent(refused)) of requests get 429 Too Many Requests at steady state"
                        + (limit.perClient ? ", from the clients that send more than \(rate(limit.ratePerS)) req/s each" : "")
                        + "; the burst of \(number(limit.burst)) only absorbs short spikes",
                    suggestion: limit.perClient
                        ? "fine if throttling heavy clients is the intent; otherwise raise the per-client rate or give heavy clients their own quota"
                        : "raise the rate above \(rate(offered)) req/s if the components behind it can take it, or shed that load on purpose "
                            + "(and tell clients to back off)", noteID: "token-bucket"))
            }
            var weakest: (id: String, capacity: Double)?
            for target in downstream(of: component.id, context.design) {
                guard let station = context.station(target), station.arrivalRateRPS > 0, station.capacityRPS.isFinite else { continue }
                let serviceRate = station.capacityRPS * station.visits  // requests/s the component can serve
                let capacity = serviceRate * admitted / station.arrivalRateRPS
                if capacity < (weakest?.capacity ?? .infinity) { weakest = (target, capacity) }
            }
            if let weakest, total > weakest.capacity {
                found.append(DesignWarning(
                    id: "rate-limit-above-capacity", severity: limit.perClient ? .info : .warning, component: component.id,
                    message: "'\(component.id)' admits up to \(limitText) but '\(weakest.id)' behind it saturates at "
                        + "\(rate(weakest.capacity)) req/s of admitted traffic",
                    reason: (limit.perClient ? "if every client used its quota (\(rate(total)) req/s in all) " : "")
                        + "the limit would trip only after '\(weakest.id)' is overloaded, so it protects nothing: queues build behind it "
                        + "instead of fast 429s at the edge",
                    suggestion: "set the rate to about \(percent(targetUtilization)) of that, \(rate(weakest.capacity * targetUtilization)) req/s"
                        + (limit.perClient ? " in total" : "") + ", or add capacity behind it", noteID: "rate-limiting-overview"))
            }
        }
        return found
    }

    /// Components reached from `id` by any hand-over, `id` excluded.
    static func downstream(of id: String, _ design: Design) -> [String] {
        var seen: Set<String> = [id]
        var order: [String] = []
        var stack = [id]
        while let next = stack.popLast() {
            for edge in design.component(next)?.outgoing ?? [] where !seen.contains(edge.to) {
                seen.insert(edge.to)
                order.append(edge.to)
                stack.append(edge.to)
            }
        }
        return order
    }

    /// Idle consumers (more consumers than partitions) and messages dropped without a dead-letter queue.
    static func queues(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        for component in context.components {
            guard component.kind == .queue, let settings = component.queue else { continue }
            if settings.consumers > settings.partitions {
                let idle = settings.consumers - settings.partitions
                found.append(DesignWarning(
                    id: "idle-consumers", severity: .info, component: component.id,
                    message: "'\(component.id)' has \(plural(settings.consumers, "consumer")) for \(plural(settings.partitions, "partition")): "
                        + "\(idle) sit idle",
                    reason: "each partition is consumed by one consumer of the group, in order, so parallelism is "
                        + "min(consumers, partitions) = \(settings.partitions)",
                    suggestion: "raise partitions to \(settings.consumers), or run \(settings.partitions) consumers",
                    noteID: "consumer-groups-partitions"))
            }
            let isDeadLetter = context.components.contains { $0.queue?.deadLetter == component.id }
            if settings.overflow == .drop, settings.deadLetter == nil, !isDeadLetter {
                let arrival = context.arrival(component.id)
                let lostShare = pow(settings.failureProbability, Double(settings.maxRetries + 1))
                var reason = "a message refused by a full queue (capacity \(count(settings.capacity))) is dropped"
                if settings.failureProbability > 0 {
                    reason += ", and one that fails \(settings.maxRetries + 1) deliveries in a row (\(number(settings.failureProbability))^"
                        + "\(settings.maxRetries + 1) = \(percent(lostShare)) of messages, ≈ \(rate(arrival * lostShare)) msg/s) is discarded"
                }
                reason += ": lost without a trace to inspect or replay"
                found.append(DesignWarning(
                    id: "drop-without-dead-letter", severity: settings.failureProbability > 0 ? .warning : .info, component: component.id,
                    message: "'\(component.id)' drops messages (overflow: drop) and has no dead_letter",
                    reason: reason,
                    suggestion: "add a dead_letter queue for failed messages, and overflow: block (backpressure) where producers can wait",
                    noteID: "dead-letter-queues"))
            }
        }
        return found
    }

    /// A hot key on a sharded database: the utilisation of the shard that owns it.
    static func hotShards(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        for component in context.components {
            guard let settings = component.database, settings.shards > 1, settings.hotKeyShare > 0,
                  let station = context.station(component.id), station.arrivalRateRPS > 0 else { continue }
            let shards = Double(settings.shards)
            let share = settings.hotKeyShare + (1 - settings.hotKeyShare) / shards
            let hotRho = station.utilization * shards * share
            let coldRho = station.utilization * shards * (1 - settings.hotKeyShare) / shards
            found.append(DesignWarning(
                id: "hot-shard", severity: hotRho >= 1 ? .critical : hotRho >= nearSaturation ? .warning : .info, component: component.id,
                message: "'\(component.id)' hot shard runs at ρ = \(number(hotRho)) (the others at \(number(coldRho)); "
                    + "the average of \(number(station.utilization)) hides it)",
                reason: "one key takes \(percent(settings.hotKeyShare)) of requests and all of them land on its shard, which gets "
                    + "\(percent(share)) of the load (even share \(percent(1 / shards))); adding shards does not move the hot key",
                suggestion: "cache the hot key in front of the database, split it across shards (key salting), or serve its reads from replicas",
                noteID: "hot-keys"))
        }
        return found
    }

    /// Slow boots (boot > 2 × interval) and a maximum below what the pattern's peak needs.
    static func autoscaling(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        let pattern = context.design.workload.pattern
        let peak = pattern.peak(base: context.rate)
        let atPeak = peak > context.rate ? NetworkAnalyzer.analyze(context.design, rateRPS: peak) : context.analysis
        for component in context.components {
            guard let auto = component.autoscale, context.arrival(component.id) > 0 else { continue }
            if auto.bootS > 2 * auto.intervalS {
                found.append(DesignWarning(
                    id: "autoscale-slow-boot", severity: .warning, component: component.id,
                    message: "'\(component.id)' boots instances in \(duration(auto.bootS)), \(number(auto.bootS / auto.intervalS))× its "
                        + "\(duration(auto.intervalS)) scaling interval",
                    reason: "a surge is met by new instances at least interval + boot = \(duration(auto.intervalS + auto.bootS)) after it "
                        + "starts; until then the running instances take it all and queue",
                    suggestion: "shorten the boot (smaller images, warm pools), scale ahead of known peaks, or lower the target so there "
                        + "is headroom while instances boot", noteID: "auto-scaling"))
            }
            guard let station = atPeak?.station(component.id), station.arrivalRateRPS > 0 else { continue }
            let work = station.arrivalRateRPS * station.holdTimeS
            let forTarget = Capacity.instancesFor(utilization: auto.targetUtilisation, offeredWork: work, workers: component.workers)
            let toKeepUp = Int((work / Double(component.workers)).rounded(.down)) + 1
            guard auto.maxInstances < forTarget else { continue }
            let what = peak > context.rate ? "the \(pattern.kind) pattern's peak of \(rate(peak)) req/s" : "\(rate(peak)) req/s"
            found.append(DesignWarning(
                id: "autoscale-max-too-low", severity: auto.maxInstances < toKeepUp ? .critical : .warning, component: component.id,
                message: "'\(component.id)' autoscales to at most \(auto.maxInstances) instances; \(what) needs \(forTarget) at its "
                    + "\(percent(auto.targetUtilisation)) target",
                reason: auto.maxInstances < toKeepUp
                    ? "\(toKeepUp) are needed just to keep up (λ × hold = \(number(work)) busy workers of \(component.workers) each): at the "
                        + "maximum it is saturated and the queue grows"
                    : "at the maximum it runs above its target, at ρ = \(number(work / Double(auto.maxInstances * component.workers))), "
                        + "where waiting grows steeply",
                suggestion: "raise autoscale max to \(forTarget)", noteID: "auto-scaling"))
        }
        return found
    }
}
