/// Catalogue entries of the kinds beyond services and load balancers.
extension BlockCatalog {
    static let callResilience = BlockParameter(
        key: "calls[] resilience", type: "retries, breaker, bulkhead, …", defaultValue: "none",
        meaning: "sync calls: retries {max, backoff, multiplier, cap, jitter none|full|equal|decorrelated}; breaker {failure_ratio, min_requests, window, open_for, probes}; bulkhead (calls in flight); hedge_after; one-way latency and jitter")
    static let rateLimit = BlockParameter(
        key: "rate_limit", type: "{rate, burst, per global|client, clients}", defaultValue: "none",
        meaning: "a token bucket in front of the block; refused requests count as rate-limited (429), not as errors")
    static let autoscale = BlockParameter(
        key: "autoscale", type: "{min, max, target, interval, boot}", defaultValue: "none",
        meaning: "instances follow utilisation toward target (default 60%) every interval (15s); new ones take traffic after boot (30s)")
    static func station(_ serviceTime: String, _ meaning: String) -> BlockParameter {
        BlockParameter(key: "service_time", type: "{dist, mean, …}", defaultValue: serviceTime, meaning: meaning)
    }
    static let cacheCommon: [BlockParameter] = [
        BlockParameter(key: "hit_ratio", type: "share 0…1 or %", defaultValue: "—",
                       meaning: "a fixed hit ratio; or instead give capacity (the key model)"),
        BlockParameter(key: "capacity", type: "entries ≥ 1", defaultValue: "—",
                       meaning: "key model: LRU entries per instance over the workload's Zipf keys; hits emerge, warm-up and stampedes too"),
        BlockParameter(key: "ttl", type: "duration", defaultValue: "never",
                       meaning: "key model: an entry expires this long after it was filled"),
    ]
    static let routed: [BlockParameter] = [
        BlockParameter(key: "routes", type: "list of component names", defaultValue: "(required)",
                       meaning: "backends; one instance among all their instances is picked"),
        BlockParameter(key: "algorithm", type: BalancingAlgorithm.allCases.map(\.rawValue).joined(separator: "|"),
                       defaultValue: "round_robin", meaning: "how a backend instance is picked"),
        BlockParameter(key: "weights", type: "list of numbers", defaultValue: "none", meaning: "with algorithm weighted: one per route"),
    ]
    static let stationCommon = common.filter { ["kind", "description", "position", "region"].contains($0.key) }

    static let moreBlocks: [BlockInfo] = [
        BlockInfo(kind: .apiGateway, summary: ComponentKind.apiGateway.summary,
                  parameters: common + [station("constant 0", "the gateway's own time per request")] + routed + [rateLimit]),
        BlockInfo(kind: .rateLimiter, summary: ComponentKind.rateLimiter.summary, parameters: common + [
            station("constant 0", "the limiter's own time per request"),
            BlockParameter(key: "rate_limit", type: "{rate, burst, per global|client, clients}", defaultValue: "(required)",
                           meaning: "token bucket: rate tokens/s, up to burst saved; per client: one bucket per client key"),
            BlockParameter(key: "calls", type: "list of calls", defaultValue: "none", meaning: "where admitted requests go"),
        ]),
        BlockInfo(kind: .cache, summary: ComponentKind.cache.summary, parameters: common + [
            station("constant 0.5ms", "time of one lookup"),
            BlockParameter(key: "on_miss", type: "component name", defaultValue: "(required)", meaning: "the backing store"),
        ] + cacheCommon + [
            BlockParameter(key: "strategy", type: CacheStrategy.allCases.map(\.rawValue).joined(separator: "|"), defaultValue: "cache_aside",
                           meaning: "how reads fill and writes update the cache (write classes: workload classes with write: true)"),
            BlockParameter(key: "flush_after", type: "duration", defaultValue: "1s",
                           meaning: "write_behind: delay before a dirty entry is written to the store (the loss window)"),
            BlockParameter(key: "refresh_at", type: "share 0…1", defaultValue: "0.8",
                           meaning: "refresh_ahead: a hit on an entry older than this share of the ttl reloads it in the background"),
        ]),
        BlockInfo(kind: .cdn, summary: ComponentKind.cdn.summary, parameters: common + [
            station("constant 10ms", "edge latency of a hit"),
            BlockParameter(key: "origin", type: "component name", defaultValue: "(required)", meaning: "where misses go"),
        ] + cacheCommon + [
            BlockParameter(key: "shield_hit_ratio", type: "share 0…1", defaultValue: "none",
                           meaning: "an origin shield between edges and origin catching this share of edge misses"),
            BlockParameter(key: "shield_latency", type: "duration", defaultValue: "10ms", meaning: "time to reach the shield"),
        ]),
        BlockInfo(kind: .queue, summary: ComponentKind.queue.summary, parameters: stationCommon + [
            station("(required)", "a consumer's processing time per message"),
            BlockParameter(key: "partitions", type: "count ≥ 1", defaultValue: "1", meaning: "ordered logs; a message's key picks its partition"),
            BlockParameter(key: "consumers", type: "count ≥ 1", defaultValue: "1",
                           meaning: "consumers in the group; partition p is consumed by consumer p mod consumers, in order"),
            BlockParameter(key: "capacity", type: "messages ≥ 1", defaultValue: "100000", meaning: "retention across partitions"),
            BlockParameter(key: "overflow", type: "drop|block", defaultValue: "drop",
                           meaning: "full queue: refuse the message, or make the producer wait (backpressure)"),
            BlockParameter(key: "failure_probability", type: "share 0…1", defaultValue: "0", meaning: "processing failures (then retried)"),
            BlockParameter(key: "max_retries", type: "count ≥ 0", defaultValue: "3", meaning: "redeliveries before the dead-letter queue"),
            BlockParameter(key: "retry_delay", type: "duration", defaultValue: "1s", meaning: "wait before a failed message is redelivered"),
            BlockParameter(key: "dead_letter", type: "component name", defaultValue: "none (counted)", meaning: "where messages go after max_retries"),
            BlockParameter(key: "ack_loss", type: "share 0…1", defaultValue: "0",
                           meaning: "acks lost after processing: the message is delivered again (at-least-once)"),
            BlockParameter(key: "idempotent", type: "true|false", defaultValue: "false", meaning: "consumers skip the work of redelivered messages"),
            BlockParameter(key: "calls", type: "list of calls", defaultValue: "none", meaning: "what a consumer calls for each message"),
        ]),
        BlockInfo(kind: .database, summary: ComponentKind.database.summary, parameters: stationCommon + [
            station("(required)", "time of one query"),
            BlockParameter(key: "connections", type: "count ≥ 1", defaultValue: "10",
                           meaning: "connection pool per node: queries served at once; the rest wait for a connection"),
            BlockParameter(key: "queue_capacity", type: "count ≥ 0", defaultValue: "\(Component.defaultQueueCapacity)",
                           meaning: "queries waiting for a connection, per node"),
            BlockParameter(key: "shards", type: "count ≥ 1", defaultValue: "1", meaning: "each shard has a primary and its replicas"),
            BlockParameter(key: "sharding", type: ShardingStrategy.allCases.map(\.rawValue).joined(separator: "|"), defaultValue: "hash",
                           meaning: "how a request's key picks its shard"),
            BlockParameter(key: "hot_key", type: "share 0…1", defaultValue: "0", meaning: "share of requests for one single key"),
            BlockParameter(key: "replicas", type: "count ≥ 0", defaultValue: "0", meaning: "read replicas per shard"),
            BlockParameter(key: "replication_lag", type: "duration", defaultValue: "100ms",
                           meaning: "a write reaches replicas this long after the primary; reads sooner are stale"),
            BlockParameter(key: "read_from", type: ReadPolicy.allCases.map(\.rawValue).joined(separator: "|"), defaultValue: "replicas",
                           meaning: "where reads go (writes: workload classes with write: true, always the primary)"),
            BlockParameter(key: "directory_lookup", type: "duration", defaultValue: "0.5ms", meaning: "directory sharding: lookup time"),
            BlockParameter(key: "failover", type: "duration", defaultValue: "none",
                           meaning: "after a crashed primary is detected, a replica is promoted this much later"),
        ]),
    ]
}
