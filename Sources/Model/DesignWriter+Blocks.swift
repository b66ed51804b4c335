/// Writing the settings of the block kinds beyond services and load balancers, resilient calls and failures.
extension DesignWriter {
    static func blockSettings(_ component: Component) -> [String] {
        var out: [String] = []
        func key(_ name: String, _ value: String) { out.append("    \(name): \(value)") }
        if let cache = component.cache {
            let isCDN = component.kind == .cdn
            key(isCDN ? "origin" : "on_miss", text(cache.backing))
            if let hitRatio = cache.hitRatio { key("hit_ratio", number(hitRatio)) }
            if let capacity = cache.capacity { key("capacity", "\(capacity)") }
            if let ttl = cache.ttlS { key("ttl", duration(ttl)) }
            let defaults = CacheSettings(backing: cache.backing)
            if !isCDN {
                if cache.strategy != .cacheAside { key("strategy", cache.strategy.rawValue) }
                if cache.flushAfterS != defaults.flushAfterS { key("flush_after", duration(cache.flushAfterS)) }
                if cache.refreshAt != defaults.refreshAt { key("refresh_at", number(cache.refreshAt)) }
            } else {
                if let shield = cache.shieldHitRatio { key("shield_hit_ratio", number(shield)) }
                if cache.shieldLatencyS != defaults.shieldLatencyS { key("shield_latency", duration(cache.shieldLatencyS)) }
            }
        }
        if let queue = component.queue {
            let defaults = QueueSettings()
            if queue.partitions != defaults.partitions { key("partitions", "\(queue.partitions)") }
            if queue.consumers != defaults.consumers { key("consumers", "\(queue.consumers)") }
            if queue.capacity != defaults.capacity { key("capacity", "\(queue.capacity)") }
            if queue.overflow != defaults.overflow { key("overflow", queue.overflow.rawValue) }
            if queue.failureProbability != defaults.failureProbability { key("failure_probability", number(queue.failureProbability)) }
            if queue.maxRetries != defaults.maxRetries { key("max_retries", "\(queue.maxRetries)") }
            if queue.retryDelayS != defaults.retryDelayS { key("retry_delay", duration(queue.retryDelayS)) }
            if let deadLetter = queue.deadLetter { key("dead_letter", text(deadLetter)) }
            if queue.ackLoss != defaults.ackLoss { key("ack_loss", number(queue.ackLoss)) }
            if queue.idempotent { key("idempotent", "true") }
        }
        if let database = component.database {
            let defaults = DatabaseSettings()
            if database.shards != defaults.shards { key("shards", "\(database.shards)") }
            if database.sharding != defaults.sharding { key("sharding", database.sharding.rawValue) }
            if database.replicas != defaults.replicas { key("replicas", "\(database.replicas)") }
            if database.replicationLagS != defaults.replicationLagS { key("replication_lag", duration(database.replicationLagS)) }
            if database.readFrom != defaults.readFrom { key("read_from", database.readFrom.rawValue) }
            if database.hotKeyShare != defaults.hotKeyShare { key("hot_key", number(database.hotKeyShare)) }
            if database.directoryLookupS != defaults.directoryLookupS { key("directory_lookup", duration(database.directoryLookupS)) }
            if let failover = database.failoverS { key("failover", duration(failover)) }
        }
        if let limit = component.rateLimit {
            var pairs = [("rate", rate(limit.ratePerS)), ("burst", number(limit.burst))]
            if limit.perClient { pairs += [("per", "client"), ("clients", "\(limit.clients)")] }
            key("rate_limit", flowMapping(pairs))
        }
        if let scaling = component.autoscale {
            key("autoscale", flowMapping([("min", "\(scaling.minInstances)"), ("max", "\(scaling.maxInstances)"),
                                          ("target", number(scaling.targetUtilisation)), ("interval", duration(scaling.intervalS)),
                                          ("boot", duration(scaling.bootS))]))
        }
        return out
    }

    static func resilience(_ call: Call) -> [(String, String)] {
        var pairs: [(String, String)] = []
        if let retry = call.retry {
            pairs.append(("retries", flowMapping([("max", "\(retry.maxRetries)"), ("backoff", duration(retry.backoffS)),
                                                  ("multiplier", number(retry.multiplier)), ("cap", duration(retry.capS)),
                                                  ("jitter", retry.jitter.rawValue)])))
        }
        if let breaker = call.breaker {
            pairs.append(("breaker", flowMapping([("failure_ratio", number(breaker.failureRatio)),
                                                  ("min_requests", "\(breaker.minimumRequests)"), ("window", duration(breaker.windowS)),
                                                  ("open_for", duration(breaker.openForS)), ("probes", "\(breaker.halfOpenProbes)")])))
        }
        if let bulkhead = call.bulkhead { pairs.append(("bulkhead", "\(bulkhead)")) }
        if let hedge = call.hedgeAfterS { pairs.append(("hedge_after", duration(hedge))) }
        if call.latencyS != 0 { pairs.append(("latency", duration(call.latencyS))) }
        if call.jitterS != 0 { pairs.append(("jitter", duration(call.jitterS))) }
        return pairs
    }

    static func failure(_ event: FailureEvent) -> String {
        var pairs: [(String, String)] = [("at", duration(event.atS))]
        switch event.action {
        case .crash(let component, let instance):
            pairs.append(("crash", text(component, flow: true)))
            if let instance { pairs.append(("instance", "\(instance)")) }
        case .slow(let component, let factor):
            pairs += [("slow", text(component, flow: true)), ("factor", number(factor))]
        case .drop(let from, let to, let fraction):
            pairs += [("drop", text(from, flow: true)), ("to", text(to, flow: true)), ("fraction", number(fraction))]
        case .partition(let region):
            pairs.append(("partition", text(region, flow: true)))
        }
        if let until = event.untilS { pairs.append(("until", duration(until))) }
        return flowMapping(pairs)
    }
}
