import Foundation
import Yams

/// Reading the settings of caches, CDNs, queues, databases, rate limits, autoscaling and resilient calls.
extension ComponentBuilder {
    /// Reads the kind-specific groups into `component`; false when something required is missing or wrong.
    func blockSettings(of component: inout Component, _ map: KeyedNode, _ what: String) -> Bool {
        var complete = true
        if let node = map.take("rate_limit") {
            component.rateLimit = rateLimit(node, what)
            if component.rateLimit == nil { complete = false }
        } else if component.kind == .rateLimiter {
            reader.error(map.node, "\(what) is missing 'rate_limit' (e.g. { rate: 100, burst: 20 })")
            complete = false
        }
        if let node = map.take("autoscale") {
            component.autoscale = autoscaling(node, what, instances: component.instances)
            if component.autoscale == nil { complete = false }
        }
        switch component.kind {
        case .cache, .cdn:
            component.cache = cache(map, what, kind: component.kind)
            if component.cache == nil { complete = false }
        case .queue:
            component.queue = queue(map, what, id: component.id)
            if component.queue == nil { complete = false }
        case .database:
            component.database = database(map, what)
            if component.database == nil { complete = false }
        default:
            break
        }
        return complete
    }

    /// `0.6` or `60%`: a share between 0 and 1.
    func fraction(_ node: Node, _ what: String, allowZero: Bool = true, allowOne: Bool = true) -> Double? {
        guard let text = reader.scalarText(node, what, expected: "a share such as 0.6 or 60%") else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: Double?
        if trimmed.hasSuffix("%") {
            value = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 }
        } else {
            value = Double(trimmed)
        }
        guard let value, value.isFinite else {
            reader.error(node, "\(what) must be a share such as 0.6 or 60%, found '\(text)'")
            return nil
        }
        let low = allowZero ? value >= 0 : value > 0
        let high = allowOne ? value <= 1 : value < 1
        guard low, high else {
            let range = (allowZero ? "0" : "more than 0") + (allowOne ? " to 1 (100%)" : " and below 1 (100%)")
            reader.error(node, "\(what) must be from \(range), found '\(text)'")
            return nil
        }
        return value
    }

    func boolean(_ node: Node, _ what: String) -> Bool? {
        guard let text = reader.scalarText(node, what, expected: "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            reader.error(node, "\(what) must be true or false, found '\(text)'")
            return nil
        }
    }

    // MARK: Kinds

    func cache(_ map: KeyedNode, _ what: String, kind: ComponentKind) -> CacheSettings? {
        let backingKey = kind == .cdn ? "origin" : "on_miss"
        let backingNode = map.require(backingKey, hint: kind == .cdn ? "the component that serves misses, e.g. origin"
                                                                     : "the backing store misses go to, e.g. db")
        let backing = backingNode.flatMap { reader.string($0, "\(backingKey) of \(what)") }
        if let backingNode { reader.remember("\(map.what).backing", backingNode) }
        let hitNode = map.take("hit_ratio"), capacityNode = map.take("capacity")
        var settings = CacheSettings(backing: backing ?? "")
        var ok = backing != nil
        switch (hitNode, capacityNode) {
        case (let hitNode?, nil):
            settings.hitRatio = fraction(hitNode, "hit_ratio of \(what)")
            ok = ok && settings.hitRatio != nil
        case (nil, let capacityNode?):
            settings.capacity = reader.integer(capacityNode, "capacity of \(what) (entries per instance)", minimum: 1)
            ok = ok && settings.capacity != nil
        case (nil, nil):
            reader.error(map.node, "\(what) needs either 'hit_ratio' (e.g. 0.9) or 'capacity' (entries per instance, with the workload's 'keys' model)")
            ok = false
        case (_?, let capacityNode?):
            reader.error(capacityNode, "\(what): give 'hit_ratio' or 'capacity', not both (a fixed hit ratio or the key model)")
            ok = false
        }
        if let ttlNode = map.take("ttl") {
            settings.ttlS = reader.duration(ttlNode, "ttl of \(what)")
            if settings.ttlS == nil { ok = false }
            if settings.hitRatio != nil { reader.warning(at: reader.location(ttlNode), "ttl of \(what) is ignored with a fixed hit_ratio") }
        }
        if kind == .cache {
            settings.strategy = map.take("strategy").flatMap { reader.choice($0, "strategy of \(what)", CacheStrategy.self) } ?? .cacheAside
            if let node = map.take("flush_after") {
                settings.flushAfterS = reader.duration(node, "flush_after of \(what)", allowZero: true) ?? settings.flushAfterS
                if settings.strategy != .writeBehind { reader.warning(at: reader.location(node), "flush_after of \(what) applies only to strategy write_behind") }
            }
            if let node = map.take("refresh_at") {
                settings.refreshAt = fraction(node, "refresh_at of \(what)", allowZero: false, allowOne: false) ?? settings.refreshAt
                if settings.strategy != .refreshAhead { reader.warning(at: reader.location(node), "refresh_at of \(what) applies only to strategy refresh_ahead") }
            }
            if settings.strategy == .refreshAhead, settings.ttlS == nil, settings.hitRatio == nil {
                reader.error(map.node, "\(what) uses refresh_ahead but has no 'ttl': entries never age, so there is nothing to refresh")
                ok = false
            }
        } else {
            settings.strategy = .readThrough
            if let node = map.take("shield_hit_ratio") {
                settings.shieldHitRatio = fraction(node, "shield_hit_ratio of \(what)")
            }
            if let node = map.take("shield_latency") {
                settings.shieldLatencyS = reader.duration(node, "shield_latency of \(what)", allowZero: true) ?? settings.shieldLatencyS
            }
        }
        return ok ? settings : nil
    }

    func queue(_ map: KeyedNode, _ what: String, id: String) -> QueueSettings? {
        var settings = QueueSettings()
        var ok = true
        func integer(_ key: String, minimum: Int, _ apply: (Int) -> Void) {
            guard let node = map.take(key) else { return }
            if let value = reader.integer(node, "\(key) of \(what)", minimum: minimum) { apply(value) } else { ok = false }
        }
        integer("partitions", minimum: 1) { settings.partitions = $0 }
        integer("consumers", minimum: 1) { settings.consumers = $0 }
        integer("capacity", minimum: 1) { settings.capacity = $0 }
        integer("max_retries", minimum: 0) { settings.maxRetries = $0 }
        if let node = map.take("overflow") {
            if let value = reader.choice(node, "overflow of \(what)", OverflowPolicy.self) { settings.overflow = value } else { ok = false }
        }
        if let node = map.take("failure_probability") {
            if let value = fraction(node, "failure_probability of \(what)") { settings.failureProbability = value } else { ok = false }
        }
        if let node = map.take("ack_loss") {
            if let value = fraction(node, "ack_loss of \(what)", allowOne: false) { settings.ackLoss = value } else { ok = false }
        }
        if let node = map.take("retry_delay") {
            if let value = reader.duration(node, "retry_delay of \(what)", allowZero: true) { settings.retryDelayS = value } else { ok = false }
        }
        if let node = map.take("dead_letter") {
            settings.deadLetter = reader.string(node, "dead_letter of \(what)")
            reader.remember("\(id).dead_letter", node)
        }
        if let node = map.take("idempotent") {
            if let value = boolean(node, "idempotent of \(what)") { settings.idempotent = value } else { ok = false }
        }
        if settings.capacity < settings.partitions {
            reader.error(map.node, "\(what) holds \(settings.capacity) messages in \(settings.partitions) partitions; capacity must be at least one message per partition")
            ok = false
        }
        return ok ? settings : nil
    }

    func database(_ map: KeyedNode, _ what: String) -> DatabaseSettings? {
        var settings = DatabaseSettings()
        var ok = true
        if let node = map.take("shards") {
            if let value = reader.integer(node, "shards of \(what)", minimum: 1) { settings.shards = value } else { ok = false }
        }
        if let node = map.take("replicas") {
            if let value = reader.integer(node, "replicas of \(what)", minimum: 0) { settings.replicas = value } else { ok = false }
        }
        if let node = map.take("sharding") {
            if let value = reader.choice(node, "sharding of \(what)", ShardingStrategy.self) { settings.sharding = value } else { ok = false }
        }
        if let node = map.take("replication_lag") {
            if let value = reader.duration(node, "replication_lag of \(what)", allowZero: true) { settings.replicationLagS = value } else { ok = false }
        }
        if let node = map.take("read_from") {
            if let value = reader.choice(node, "read_from of \(what)", ReadPolicy.self) { settings.readFrom = value } else { ok = false }
        }
        if let node = map.take("hot_key") {
            if let value = fraction(node, "hot_key of \(what) (the share of requests for one key)") { settings.hotKeyShare = value } else { ok = false }
        }
        if let node = map.take("directory_lookup") {
            if let value = reader.duration(node, "directory_lookup of \(what)", allowZero: true) { settings.directoryLookupS = value } else { ok = false }
        }
        if let node = map.take("failover") {
            if let value = reader.duration(node, "failover of \(what)", allowZero: true) { settings.failoverS = value } else { ok = false }
            if settings.replicas == 0 { reader.error(node, "\(what) has failover but no replicas to promote"); ok = false }
        }
        if settings.readFrom == .replicas, settings.replicas == 0, map.has("read_from") {
            reader.warning(at: map.location, "\(what) reads from replicas but has none; reads go to the primary")
        }
        return ok ? settings : nil
    }

    func rateLimit(_ node: Node, _ what: String) -> RateLimit? {
        let owner = "rate_limit of \(what)"
        guard let map = reader.mapping(node, owner) else { return nil }
        defer { map.finish(valid: ["rate", "burst", "per", "clients"]) }
        let rate = map.require("rate", hint: "tokens per second, e.g. 100 or 1k").flatMap { reader.rate($0, "rate of \(owner)") }
        let burst = map.take("burst").flatMap { reader.number($0, "burst of \(owner)", positive: true) }
        var perClient = false
        if let perNode = map.take("per"), let per = reader.scalarText(perNode, "per of \(owner)", expected: "global or client") {
            switch per {
            case "global": perClient = false
            case "client": perClient = true
            default: reader.error(perNode, "per of \(owner) must be 'global' or 'client', found '\(per)'")
            }
        }
        let clients = map.take("clients").flatMap { reader.integer($0, "clients of \(owner)", minimum: 1) } ?? (perClient ? 100 : 1)
        guard let rate else { return nil }
        return RateLimit(ratePerS: rate, burst: burst ?? max(1, rate / 10), perClient: perClient, clients: clients)
    }

    func autoscaling(_ node: Node, _ what: String, instances: Int) -> Autoscaling? {
        let owner = "autoscale of \(what)"
        guard let map = reader.mapping(node, owner) else { return nil }
        defer { map.finish(valid: ["min", "max", "target", "interval", "boot"]) }
        let low = map.require("min", hint: "the fewest instances, e.g. 2").flatMap { reader.integer($0, "min of \(owner)", minimum: 1) }
        let highNode = map.require("max", hint: "the most instances, e.g. 20")
        let high = highNode.flatMap { reader.integer($0, "max of \(owner)", minimum: 1) }
        var settings = Autoscaling(minInstances: low ?? 1, maxInstances: high ?? 1)
        if let node = map.take("target") {
            settings.targetUtilisation = fraction(node, "target of \(owner)", allowZero: false, allowOne: false) ?? settings.targetUtilisation
        }
        if let node = map.take("interval") { settings.intervalS = reader.duration(node, "interval of \(owner)") ?? settings.intervalS }
        if let node = map.take("boot") { settings.bootS = reader.duration(node, "boot of \(owner)", allowZero: true) ?? settings.bootS }
        guard let low, let high else { return nil }
        guard high >= low else { reader.error(highNode, "max of \(owner) (\(high)) is below its min (\(low))"); return nil }
        guard (low...high).contains(instances) else {
            reader.error(map.node, "\(what) starts with \(instances) instance\(instances == 1 ? "" : "s"), outside its autoscale range \(low)…\(high)")
            return nil
        }
        return settings
    }

    // MARK: Calls

    /// Retries, breaker, bulkhead, hedging and latency of one sync call.
    func resilience(of call: inout Call, _ map: KeyedNode) {
        let owner = "the call to \(call.to)"
        let retriesNode = map.take("retries")
        let breakerNode = map.take("breaker")
        let bulkheadNode = map.take("bulkhead")
        let hedgeNode = map.take("hedge_after")
        for (key, node) in [("retries", retriesNode), ("breaker", breakerNode), ("bulkhead", bulkheadNode), ("hedge_after", hedgeNode)] {
            if let node, call.mode != .sync {
                reader.error(node, "\(key) applies only to sync calls (\(owner) is \(call.mode.rawValue))")
            }
        }
        if let node = retriesNode { call.retry = retries(node, owner) }
        if let node = breakerNode { call.breaker = breaker(node, owner) }
        if let node = bulkheadNode { call.bulkhead = reader.integer(node, "bulkhead of \(owner) (calls in flight)", minimum: 1) }
        if let node = hedgeNode { call.hedgeAfterS = reader.duration(node, "hedge_after of \(owner)") }
        if let node = map.take("latency") { call.latencyS = reader.duration(node, "latency of \(owner)", allowZero: true) ?? 0 }
        if let node = map.take("jitter") { call.jitterS = reader.duration(node, "jitter of \(owner)", allowZero: true) ?? 0 }
    }

    func retries(_ node: Node, _ owner: String) -> RetrySettings? {
        // Shorthand: `retries: 3`.
        if case .scalar = node {
            return reader.integer(node, "retries of \(owner)", minimum: 1).map { RetrySettings(maxRetries: $0) }
        }
        let what = "retries of \(owner)"
        guard let map = reader.mapping(node, what) else { return nil }
        defer { map.finish(valid: ["max", "backoff", "multiplier", "cap", "jitter"]) }
        guard let max = map.require("max", hint: "retries after the first try, e.g. 3").flatMap({ reader.integer($0, "max of \(what)", minimum: 1) }) else { return nil }
        var settings = RetrySettings(maxRetries: max)
        if let node = map.take("backoff") { settings.backoffS = reader.duration(node, "backoff of \(what)", allowZero: true) ?? settings.backoffS }
        if let node = map.take("multiplier") { settings.multiplier = reader.number(node, "multiplier of \(what)", range: 1...100) ?? settings.multiplier }
        if let node = map.take("cap") { settings.capS = reader.duration(node, "cap of \(what)") ?? settings.capS }
        if let node = map.take("jitter") { settings.jitter = reader.choice(node, "jitter of \(what)", RetryJitter.self) ?? settings.jitter }
        return settings
    }

    func breaker(_ node: Node, _ owner: String) -> BreakerSettings? {
        let what = "breaker of \(owner)"
        guard let map = reader.mapping(node, what) else { return nil }
        defer { map.finish(valid: ["failure_ratio", "min_requests", "window", "open_for", "probes"]) }
        var settings = BreakerSettings()
        if let node = map.take("failure_ratio") {
            settings.failureRatio = fraction(node, "failure_ratio of \(what)", allowZero: false) ?? settings.failureRatio
        }
        if let node = map.take("min_requests") { settings.minimumRequests = reader.integer(node, "min_requests of \(what)", minimum: 1) ?? settings.minimumRequests }
        if let node = map.take("window") { settings.windowS = reader.duration(node, "window of \(what)") ?? settings.windowS }
        if let node = map.take("open_for") { settings.openForS = reader.duration(node, "open_for of \(what)") ?? settings.openForS }
        if let node = map.take("probes") { settings.halfOpenProbes = reader.integer(node, "probes of \(what)", minimum: 1) ?? settings.halfOpenProbes }
        return settings
    }
}
