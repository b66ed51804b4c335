import Model

/// Parsing the inspector rows of caches, CDNs, queues, databases, rate limits, autoscaling, regions and resilient
/// calls, with the design file's ranges (see ComponentBuilder+Blocks).
extension FieldParser {
    /// Most slots a queue or database may take in the workbench (as for `instances`).
    static let maximumSlots = 1000

    static func isNone(_ text: String) -> Bool { text == "-" || text == "—" || text.isEmpty || text == "none" }

    /// `0.6` or `60%`: a share, with the file's range rules.
    static func share(_ text: String, _ what: String, allowZero: Bool = true, allowOne: Bool = true) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value = trimmed.hasSuffix("%") ? Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 }
                                           : Double(trimmed)
        guard let value, value.isFinite else { throw Refusal.invalid("\(what) must be a share such as 0.6 or 60%, not '\(text)'") }
        let low = allowZero ? value >= 0 : value > 0
        let high = allowOne ? value <= 1 : value < 1
        guard low, high else {
            let range = (allowZero ? "0" : "more than 0") + (allowOne ? " to 1 (100%)" : " and below 1 (100%)")
            throw Refusal.invalid("\(what) must be from \(range), not '\(text)'")
        }
        return value
    }

    static func boolean(_ text: String, _ what: String) throws -> Bool {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw Refusal.invalid("\(what) must be true or false, not '\(text)'")
        }
    }

    static func name(_ text: String, _ what: String) throws -> String {
        guard !text.isEmpty, !text.contains(" ") else { throw Refusal.invalid("\(what) must be one name without spaces") }
        return text
    }

    /// `key=value` words after an optional leading value; unknown keys are refused with the known ones.
    static func keyValues(_ words: ArraySlice<String>, known: [String], _ what: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, known.contains(parts[0]) else {
                throw Refusal.invalid("'\(word)' is not understood in \(what); use " + known.map { $0 + "=" }.joined(separator: ", "))
            }
            values[parts[0]] = parts[1]
        }
        return values
    }

    /// Applies a kind-specific key; false when the key is not one of them.
    static func applyBlock(_ key: String, _ text: String, _ c: inout Component) throws -> Bool {
        if c.cache != nil, try applyCache(key, text, &c) { return true }
        if c.queue != nil, try applyQueue(key, text, &c) { return true }
        if c.database != nil, try applyDatabase(key, text, &c) { return true }
        switch key {
        case "rate_limit" where c.kind == .rateLimiter || c.kind == .apiGateway || c.kind == .service:
            if isNone(text) {
                guard c.kind != .rateLimiter else { throw Refusal.invalid("a rate_limiter needs a rate_limit, e.g. 500 burst=50") }
                c.rateLimit = nil
            } else {
                c.rateLimit = try rateLimit(text)
            }
        case "autoscale" where c.kind == .service:
            if isNone(text) { c.autoscale = nil; return true }
            let scaling = try autoscale(text)
            c.autoscale = scaling
            // The instances are the starting count: keep them inside the range.
            c.instances = min(max(c.instances, scaling.minInstances), scaling.maxInstances)
        case "region":
            c.region = isNone(text) ? nil : try name(text, "region")
        default:
            return false
        }
        return true
    }

    static func applyCache(_ key: String, _ text: String, _ c: inout Component) throws -> Bool {
        var cache = c.cache!
        let what = c.kind.rawValue
        switch key {
        case "hit_ratio":
            guard !isNone(text) else { throw Refusal.invalid("a \(what) needs hit_ratio or capacity: set capacity instead") }
            cache.hitRatio = try share(text, "hit_ratio")
            cache.capacity = nil
        case "capacity":
            guard !isNone(text) else { throw Refusal.invalid("a \(what) needs hit_ratio or capacity: set hit_ratio instead") }
            cache.capacity = try integer(text, minimum: 1, maximum: 1_000_000_000, "capacity (entries per instance)")
            cache.hitRatio = nil
        case "ttl":
            cache.ttlS = isNone(text) ? nil : try duration(text, "ttl")
        case "strategy" where c.kind == .cache:
            cache.strategy = try choice(text, CacheStrategy.self, "strategy")
        case "on_miss" where c.kind == .cache, "origin" where c.kind == .cdn:
            cache.backing = try name(text, key)
        case "shield_hit_ratio" where c.kind == .cdn:
            cache.shieldHitRatio = isNone(text) ? nil : try share(text, "shield_hit_ratio")
        default:
            return false
        }
        if cache.strategy == .refreshAhead, cache.ttlS == nil, cache.hitRatio == nil {
            throw Refusal.invalid("refresh_ahead needs a ttl: entries never age, so there is nothing to refresh")
        }
        c.cache = cache
        return true
    }

    static func applyQueue(_ key: String, _ text: String, _ c: inout Component) throws -> Bool {
        var queue = c.queue!
        switch key {
        case "partitions":
            queue.partitions = try integer(text, minimum: 1, maximum: maximumSlots, "partitions")
        case "consumers": queue.consumers = try integer(text, minimum: 1, maximum: maximumSlots, "consumers")
        case "capacity": queue.capacity = try integer(text, minimum: 1, maximum: 1_000_000_000, "capacity (messages)")
        case "overflow": queue.overflow = try choice(text, OverflowPolicy.self, "overflow")
        case "failure_probability": queue.failureProbability = try share(text, "failure_probability")
        case "max_retries": queue.maxRetries = try integer(text, minimum: 0, "max_retries")
        case "retry_delay": queue.retryDelayS = try duration(text, "retry_delay", allowZero: true)
        case "dead_letter": queue.deadLetter = isNone(text) ? nil : try name(text, "dead_letter")
        case "ack_loss": queue.ackLoss = try share(text, "ack_loss", allowOne: false)
        case "idempotent": queue.idempotent = try boolean(text, "idempotent")
        default: return false
        }
        guard queue.capacity >= queue.partitions else {
            throw Refusal.invalid("the queue would hold \(queue.capacity) messages in \(queue.partitions) partitions; capacity must be at least one message per partition")
        }
        c.queue = queue
        c.instances = c.engineInstances
        return true
    }

    static func applyDatabase(_ key: String, _ text: String, _ c: inout Component) throws -> Bool {
        var database = c.database!
        switch key {
        case "shards": database.shards = try integer(text, minimum: 1, maximum: maximumSlots, "shards")
        case "replicas": database.replicas = try integer(text, minimum: 0, maximum: maximumSlots, "replicas")
        case "sharding": database.sharding = try choice(text, ShardingStrategy.self, "sharding")
        case "replication_lag": database.replicationLagS = try duration(text, "replication_lag", allowZero: true)
        case "read_from": database.readFrom = try choice(text, ReadPolicy.self, "read_from")
        case "hot_key": database.hotKeyShare = try share(text, "hot_key (the share of requests for one key)")
        case "failover": database.failoverS = isNone(text) ? nil : try duration(text, "failover", allowZero: true)
        default: return false
        }
        if database.failoverS != nil, database.replicas == 0 {
            throw Refusal.invalid(key == "replicas" ? "failover needs at least one replica to promote (set failover - first)"
                                                    : "failover needs replicas to promote: set replicas first")
        }
        let nodes = database.shards * database.nodesPerShard
        guard nodes <= maximumSlots else {
            throw Refusal.invalid("\(database.shards) shards × \(database.nodesPerShard) nodes is \(nodes) nodes; at most \(maximumSlots)")
        }
        c.database = database
        c.instances = c.engineInstances
        return true
    }

    /// `500 burst=50 per=client clients=100`.
    static func rateLimit(_ text: String) throws -> RateLimit {
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first, let rate = Units.parseRate(first), rate > 0 else {
            throw Refusal.invalid("rate_limit starts with a rate in tokens per second greater than 0, e.g. 500 burst=50")
        }
        let values = try keyValues(words.dropFirst(), known: ["burst", "per", "clients"], "rate_limit")
        var limit = RateLimit(ratePerS: rate, burst: max(1, rate / 10))
        if let burst = values["burst"] {
            guard let value = Double(burst), value > 0 else { throw Refusal.invalid("burst must be a number greater than 0") }
            limit.burst = value
        }
        switch values["per"] {
        case nil, "global"?: limit.perClient = false
        case "client"?: limit.perClient = true
        case let other?: throw Refusal.invalid("per must be 'global' or 'client', not '\(other)'")
        }
        limit.clients = try values["clients"].map { try integer($0, minimum: 1, "clients") } ?? (limit.perClient ? 100 : 1)
        return limit
    }

    /// `min=2 max=10 target=60% interval=15s boot=30s`.
    static func autoscale(_ text: String) throws -> Autoscaling {
        let words = text.split(separator: " ").map(String.init)
        let values = try keyValues(words[...], known: ["min", "max", "target", "interval", "boot"], "autoscale")
        guard let low = values["min"], let high = values["max"] else {
            throw Refusal.invalid("autoscale needs min= and max=, e.g. min=2 max=10 target=60%")
        }
        var scaling = Autoscaling(minInstances: try integer(low, minimum: 1, maximum: 1000, "min"),
                                  maxInstances: try integer(high, minimum: 1, maximum: 1000, "max"))
        guard scaling.maxInstances >= scaling.minInstances else {
            throw Refusal.invalid("max of autoscale (\(scaling.maxInstances)) is below its min (\(scaling.minInstances))")
        }
        if let target = values["target"] { scaling.targetUtilisation = try share(target, "target", allowZero: false, allowOne: false) }
        if let interval = values["interval"] { scaling.intervalS = try duration(interval, "interval") }
        if let boot = values["boot"] { scaling.bootS = try duration(boot, "boot", allowZero: true) }
        return scaling
    }

    // MARK: Calls

    static func applyResilience(_ key: String, _ text: String, _ call: inout Call) throws -> Bool {
        let syncOnly = ["link.retries", "link.breaker", "link.bulkhead", "link.hedge_after"]
        if syncOnly.contains(key), !isNone(text), call.mode != .sync {
            throw Refusal.invalid("\(key.dropFirst(5)) applies only to sync calls (the call to \(call.to) is \(call.mode.rawValue))")
        }
        switch key {
        case "link.retries": call.retry = isNone(text) ? nil : try retries(text)
        case "link.breaker": call.breaker = isNone(text) ? nil : try breaker(text)
        case "link.bulkhead": call.bulkhead = isNone(text) ? nil : try integer(text, minimum: 1, "bulkhead (calls in flight)")
        case "link.hedge_after": call.hedgeAfterS = isNone(text) ? nil : try duration(text, "hedge_after")
        case "link.latency": call.latencyS = isNone(text) ? 0 : try duration(text, "latency", allowZero: true)
        case "link.jitter": call.jitterS = isNone(text) ? 0 : try duration(text, "jitter", allowZero: true)
        default: return false
        }
        return true
    }

    /// `3 backoff=50ms multiplier=2 cap=10s jitter=full`.
    static func retries(_ text: String) throws -> RetrySettings {
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first else { throw Refusal.invalid("give the number of retries, e.g. 3 backoff=50ms") }
        var settings = RetrySettings(maxRetries: try integer(first, minimum: 1, maximum: 100, "retries"))
        let values = try keyValues(words.dropFirst(), known: ["backoff", "multiplier", "cap", "jitter"], "retries")
        if let backoff = values["backoff"] { settings.backoffS = try duration(backoff, "backoff", allowZero: true) }
        if let multiplier = values["multiplier"] {
            guard let value = Double(multiplier), (1...100).contains(value) else {
                throw Refusal.invalid("multiplier must be a number from 1 to 100, not '\(multiplier)'")
            }
            settings.multiplier = value
        }
        if let cap = values["cap"] { settings.capS = try duration(cap, "cap") }
        if let jitter = values["jitter"] { settings.jitter = try choice(jitter, RetryJitter.self, "jitter") }
        return settings
    }

    /// `on`, or `ratio=50% min=20 window=10s open_for=5s probes=3` (any of them).
    static func breaker(_ text: String) throws -> BreakerSettings {
        var words = text.split(separator: " ").map(String.init)
        if words.first == "on" { words.removeFirst() }
        let values = try keyValues(words[...], known: ["ratio", "failure_ratio", "min", "min_requests", "window", "open_for", "probes"], "breaker")
        var settings = BreakerSettings()
        if let ratio = values["ratio"] ?? values["failure_ratio"] {
            settings.failureRatio = try share(ratio, "failure_ratio", allowZero: false)
        }
        if let minimum = values["min"] ?? values["min_requests"] { settings.minimumRequests = try integer(minimum, minimum: 1, "min_requests") }
        if let window = values["window"] { settings.windowS = try duration(window, "window") }
        if let open = values["open_for"] { settings.openForS = try duration(open, "open_for") }
        if let probes = values["probes"] { settings.halfOpenProbes = try integer(probes, minimum: 1, "probes") }
        return settings
    }
}
