import Model

/// Inspector rows of caches, CDNs, queues, databases, rate limits, autoscaling, regions and resilient calls.
/// Keys are the design file's keys, so `:set NAME.KEY VALUE` reads like the file; values are shown in the form
/// the editor accepts back.
extension InspectorFields {
    static func blockFields(_ c: Component) -> [InspectorField] {
        var rows: [InspectorField] = []
        func row(_ key: String, _ label: String, _ value: String, _ hint: String) {
            rows.append(InspectorField(key: key, label: label, value: value, editable: true, hint: hint))
        }
        if let cache = c.cache {
            row("hit_ratio", "hit ratio", cache.hitRatio.map(Units.trim) ?? "—",
                "a fixed share 0…1 or %, e.g. 0.9 (replaces capacity)")
            row("capacity", "capacity", cache.capacity.map { "\($0)" } ?? "—",
                "entries per instance ≥ 1: the key model over the workload's keys (replaces hit_ratio)")
            row("ttl", "ttl", cache.ttlS.map(Units.formatDuration) ?? "—", "e.g. 20s; - for never (key model only)")
            if c.kind == .cache {
                row("strategy", "strategy", cache.strategy.rawValue, CacheStrategy.allCases.map(\.rawValue).joined(separator: " | "))
                row("on_miss", "on miss", cache.backing, "the backing store misses go to (c also sets it)")
            } else {
                row("origin", "origin", cache.backing, "the component that serves misses (c also sets it)")
                row("shield_hit_ratio", "shield hit", cache.shieldHitRatio.map(Units.trim) ?? "—",
                    "share 0…1 of edge misses an origin shield catches; - for none")
            }
        }
        if let queue = c.queue {
            row("partitions", "partitions", "\(queue.partitions)", "ordered logs ≥ 1 (restarts the run)")
            row("consumers", "consumers", "\(queue.consumers)", "consumers in the group ≥ 1; partition p goes to consumer p mod consumers")
            row("capacity", "capacity", "\(queue.capacity)", "messages held across partitions, ≥ partitions")
            row("overflow", "overflow", queue.overflow.rawValue, "drop (refuse the message) | block (the producer waits)")
            row("failure_probability", "fail prob.", Units.trim(queue.failureProbability), "share 0…1 of processing failures (retried)")
            row("max_retries", "max retries", "\(queue.maxRetries)", "redeliveries before the dead-letter queue, ≥ 0")
            row("retry_delay", "retry delay", Units.formatDuration(queue.retryDelayS), "wait before a failed message is redelivered, e.g. 1s")
            row("dead_letter", "dead letter", queue.deadLetter ?? "—", "a component name, or - (dead letters are counted and dropped)")
            row("ack_loss", "ack loss", Units.trim(queue.ackLoss), "share 0…1 (below 1) of acks lost: redelivered (at-least-once)")
            row("idempotent", "idempotent", queue.idempotent ? "true" : "false", "true | false: consumers skip redelivered work")
        }
        if let database = c.database {
            row("shards", "shards", "\(database.shards)", "≥ 1, each a primary and its replicas (restarts the run)")
            row("sharding", "sharding", database.sharding.rawValue, ShardingStrategy.allCases.map(\.rawValue).joined(separator: " | "))
            row("replicas", "replicas", "\(database.replicas)", "read replicas per shard ≥ 0 (restarts the run)")
            row("replication_lag", "repl. lag", Units.formatDuration(database.replicationLagS), "e.g. 100ms; reads sooner after a write are stale")
            row("read_from", "read from", database.readFrom.rawValue, ReadPolicy.allCases.map(\.rawValue).joined(separator: " | "))
            row("hot_key", "hot key", Units.trim(database.hotKeyShare), "share 0…1 of requests for one single key")
            row("failover", "failover", database.failoverS.map(Units.formatDuration) ?? "—",
                "promote a replica this long after the primary is down, e.g. 10s; - for none")
        }
        return rows
    }

    /// Rows every block of a kind may have but most leave empty: shown after the calls.
    static func optionalFields(_ c: Component) -> [InspectorField] {
        var rows: [InspectorField] = []
        func row(_ key: String, _ label: String, _ value: String, _ hint: String) {
            rows.append(InspectorField(key: key, label: label, value: value, editable: true, hint: hint))
        }
        if c.kind == .rateLimiter || c.kind == .apiGateway || c.kind == .service {
            row("rate_limit", "rate limit", c.rateLimit.map(rateLimitText) ?? "—",
                "500 burst=50 [per=client clients=100]; - for none" + (c.kind == .rateLimiter ? " (a rate_limiter needs one)" : ""))
        }
        if c.kind == .service {
            row("autoscale", "autoscale", c.autoscale.map(autoscaleText) ?? "—",
                "min=2 max=10 [target=60% interval=15s boot=30s]; - for none")
        }
        row("region", "region", c.region ?? "—", "a region name, e.g. eu-west; - for none (calls across regions pay the network latency)")
        return rows
    }

    static func resilienceFields(_ call: Call) -> [InspectorField] {
        func row(_ key: String, _ label: String, _ value: String, _ hint: String) -> InspectorField {
            InspectorField(key: "link." + key, label: label, value: value, editable: true, hint: hint)
        }
        return [
            row("retries", "retries", call.retry.map(retryText) ?? "—",
                "3 [backoff=100ms multiplier=2 cap=10s jitter=full]; - for none (sync calls)"),
            row("breaker", "breaker", call.breaker.map(breakerText) ?? "—",
                "on · ratio=50% min=20 window=10s open_for=5s probes=3; - for none (sync calls)"),
            row("bulkhead", "bulkhead", call.bulkhead.map { "\($0)" } ?? "—", "calls in flight at most, ≥ 1; - for none (sync calls)"),
            row("hedge_after", "hedge after", call.hedgeAfterS.map(Units.formatDuration) ?? "—",
                "send a second copy after e.g. 50ms; - for none (sync calls)"),
            row("latency", "latency", Units.formatDuration(call.latencyS), "one-way network latency, e.g. 2ms (0 for none)"),
            row("jitter", "jitter", Units.formatDuration(call.jitterS), "uniform extra latency up to e.g. 1ms (0 for none)"),
        ]
    }

    // MARK: Text forms

    /// `500 burst=50 per=client clients=100`.
    public static func rateLimitText(_ limit: RateLimit) -> String {
        var text = "\(Units.formatRate(limit.ratePerS)) burst=\(Units.trim(limit.burst))"
        if limit.perClient { text += " per=client clients=\(limit.clients)" }
        return text
    }

    /// `min=2 max=10 target=60% interval=15s boot=30s`.
    public static func autoscaleText(_ a: Autoscaling) -> String {
        "min=\(a.minInstances) max=\(a.maxInstances) target=\(Units.trim(a.targetUtilisation * 100))% "
            + "interval=\(Units.formatDuration(a.intervalS)) boot=\(Units.formatDuration(a.bootS))"
    }

    /// `3 backoff=50ms jitter=full`: the count, then only what differs from the defaults.
    public static func retryText(_ r: RetrySettings) -> String {
        let defaults = RetrySettings(maxRetries: r.maxRetries)
        var text = "\(r.maxRetries)"
        if r.backoffS != defaults.backoffS { text += " backoff=\(Units.formatDuration(r.backoffS))" }
        if r.multiplier != defaults.multiplier { text += " multiplier=\(Units.trim(r.multiplier))" }
        if r.capS != defaults.capS { text += " cap=\(Units.formatDuration(r.capS))" }
        if r.jitter != defaults.jitter { text += " jitter=\(r.jitter.rawValue)" }
        return text
    }

    /// `on` with the defaults, else the settings that differ: `ratio=30% open_for=10s`.
    public static func breakerText(_ b: BreakerSettings) -> String {
        let defaults = BreakerSettings()
        var parts: [String] = []
        if b.failureRatio != defaults.failureRatio { parts.append("ratio=\(Units.trim(b.failureRatio * 100))%") }
        if b.minimumRequests != defaults.minimumRequests { parts.append("min=\(b.minimumRequests)") }
        if b.windowS != defaults.windowS { parts.append("window=\(Units.formatDuration(b.windowS))") }
        if b.openForS != defaults.openForS { parts.append("open_for=\(Units.formatDuration(b.openForS))") }
        if b.halfOpenProbes != defaults.halfOpenProbes { parts.append("probes=\(b.halfOpenProbes)") }
        return parts.isEmpty ? "on" : parts.joined(separator: " ")
    }
}
