/// Settings of the block kinds beyond plain services and load balancers, and of resilient calls.
/// Each kind reads only its own group; `Component` holds them as optionals.

/// How a cache (or CDN) is kept in step with its backing store.
public enum CacheStrategy: String, Sendable, CaseIterable {
    /// The caller reads the cache, on a miss reads the store itself and fills the cache; writes go to the store
    /// and invalidate the cached entry. The cache's worker is not held while the store answers.
    case cacheAside = "cache_aside"
    /// The cache loads misses itself (its worker waits for the store); writes go to the store and invalidate.
    case readThrough = "read_through"
    /// Reads as read-through; a write updates the store synchronously, then the cache.
    case writeThrough = "write_through"
    /// Reads as read-through; a write updates the cache and is acknowledged at once, the store later.
    /// Dirty entries not yet flushed are lost if the cache crashes.
    case writeBehind = "write_behind"
    /// Reads as read-through; a hit on an entry older than `refreshAt × ttl` reloads it in the background.
    case refreshAhead = "refresh_ahead"
}

/// A cache or CDN edge: a fixed hit ratio, or the key model (LRU capacity and TTL over the workload's keys).
public struct CacheSettings: Sendable, Equatable {
    /// Fixed hit ratio in 0...1; nil means the key model decides.
    public var hitRatio: Double?
    /// Key model: entries held by each instance (LRU).
    public var capacity: Int?
    /// Key model: how long an entry stays valid after it is filled; nil means for ever.
    public var ttlS: Double?
    /// The backing store (cache) or origin (CDN) that misses go to.
    public var backing: String
    public var strategy: CacheStrategy
    /// Write-behind: how long a dirty entry waits before it is written to the store.
    public var flushAfterS: Double
    /// Refresh-ahead: the fraction of the TTL after which a hit triggers a background reload.
    public var refreshAt: Double
    /// CDN only: an origin shield (a regional mid-tier cache) with this hit ratio in front of the origin.
    public var shieldHitRatio: Double?
    /// CDN only: the extra time a request spends reaching the shield.
    public var shieldLatencyS: Double

    public init(hitRatio: Double? = nil, capacity: Int? = nil, ttlS: Double? = nil, backing: String,
                strategy: CacheStrategy = .cacheAside, flushAfterS: Double = 1, refreshAt: Double = 0.8,
                shieldHitRatio: Double? = nil, shieldLatencyS: Double = 0.01) {
        self.hitRatio = hitRatio
        self.capacity = capacity
        self.ttlS = ttlS
        self.backing = backing
        self.strategy = strategy
        self.flushAfterS = flushAfterS
        self.refreshAt = refreshAt
        self.shieldHitRatio = shieldHitRatio
        self.shieldLatencyS = shieldLatencyS
    }

    public var usesKeyModel: Bool { hitRatio == nil }
}

/// What a full queue does with a new message.
public enum OverflowPolicy: String, Sendable, CaseIterable {
    /// The message is refused and counted as dropped.
    case drop
    /// The producer waits (its worker held) until there is room: backpressure.
    case block
}

/// A queue or topic: partitions consumed by a consumer group, with retries and a dead-letter queue.
public struct QueueSettings: Sendable, Equatable {
    public var partitions: Int
    /// Consumers in the group; each partition is consumed by one consumer, in order.
    public var consumers: Int
    /// Messages held across all partitions (retention).
    public var capacity: Int
    public var overflow: OverflowPolicy
    /// Probability that processing a message fails (then it is retried).
    public var failureProbability: Double
    /// Deliveries after the first before a message goes to the dead-letter queue.
    public var maxRetries: Int
    /// Wait before a failed message is delivered again.
    public var retryDelayS: Double
    /// Where messages go after `maxRetries` failures; nil: they are counted as dead-lettered and dropped.
    public var deadLetter: String?
    /// Probability that an acknowledgement is lost after successful processing, so the message is delivered
    /// again (at-least-once delivery).
    public var ackLoss: Double
    /// Idempotent consumers recognise a redelivered message and skip its work.
    public var idempotent: Bool

    public init(partitions: Int = 1, consumers: Int = 1, capacity: Int = 100_000, overflow: OverflowPolicy = .drop,
                failureProbability: Double = 0, maxRetries: Int = 3, retryDelayS: Double = 1, deadLetter: String? = nil,
                ackLoss: Double = 0, idempotent: Bool = false) {
        self.partitions = partitions
        self.consumers = consumers
        self.capacity = capacity
        self.overflow = overflow
        self.failureProbability = failureProbability
        self.maxRetries = maxRetries
        self.retryDelayS = retryDelayS
        self.deadLetter = deadLetter
        self.ackLoss = ackLoss
        self.idempotent = idempotent
    }
}

/// How a database spreads keys over shards.
public enum ShardingStrategy: String, Sendable, CaseIterable {
    /// shard = hash(key) mod shards: even spread, but adding a shard moves almost every key.
    case hash
    /// Contiguous key ranges: range scans stay on one shard, popular (low-numbered) keys crowd the first shard.
    case range
    /// A lookup table maps each key to a shard (an extra lookup per request; keys can be moved one by one).
    case directory
    /// A ring with virtual nodes: adding a shard moves about 1/shards of the keys.
    case consistentHash = "consistent_hash"
}

/// Where a database serves reads.
public enum ReadPolicy: String, Sendable, CaseIterable {
    case primary
    case replicas
    /// Any node of the shard, primary included.
    case any
}

/// A database: shards, each with a primary for writes and read replicas that lag behind it.
public struct DatabaseSettings: Sendable, Equatable {
    public var shards: Int
    public var sharding: ShardingStrategy
    public var replicas: Int
    public var replicationLagS: Double
    public var readFrom: ReadPolicy
    /// The share of requests that go to one single hot key (a celebrity row).
    public var hotKeyShare: Double
    /// Directory sharding: time to look the shard up.
    public var directoryLookupS: Double
    /// After the primary is detected down, a replica is promoted this long later; nil: no automatic failover.
    public var failoverS: Double?

    public init(shards: Int = 1, sharding: ShardingStrategy = .hash, replicas: Int = 0, replicationLagS: Double = 0.1,
                readFrom: ReadPolicy = .replicas, hotKeyShare: Double = 0, directoryLookupS: Double = 0.0005,
                failoverS: Double? = nil) {
        self.shards = shards
        self.sharding = sharding
        self.replicas = replicas
        self.replicationLagS = replicationLagS
        self.readFrom = readFrom
        self.hotKeyShare = hotKeyShare
        self.directoryLookupS = directoryLookupS
        self.failoverS = failoverS
    }

    /// Nodes per shard: the primary and its replicas.
    public var nodesPerShard: Int { 1 + replicas }
}

/// A token bucket in front of a block: `rate` tokens per second, up to `burst` saved up.
public struct RateLimit: Sendable, Equatable {
    public var ratePerS: Double
    public var burst: Double
    /// One bucket per client (the request key decides the client) instead of one for everyone.
    public var perClient: Bool
    public var clients: Int

    public init(ratePerS: Double, burst: Double, perClient: Bool = false, clients: Int = 1) {
        self.ratePerS = ratePerS
        self.burst = burst
        self.perClient = perClient
        self.clients = clients
    }
}

/// An autoscaling group: instances between `min` and `max`, steered toward a target utilisation.
public struct Autoscaling: Sendable, Equatable {
    public var minInstances: Int
    public var maxInstances: Int
    public var targetUtilisation: Double
    public var intervalS: Double
    /// Cold start: time from the decision to add an instance until it takes traffic.
    public var bootS: Double

    public init(minInstances: Int, maxInstances: Int, targetUtilisation: Double = 0.6, intervalS: Double = 15,
                bootS: Double = 30) {
        self.minInstances = minInstances
        self.maxInstances = maxInstances
        self.targetUtilisation = targetUtilisation
        self.intervalS = intervalS
        self.bootS = bootS
    }
}

/// Random spread added to backoff delays.
public enum RetryJitter: String, Sendable, CaseIterable { case none, full, equal, decorrelated }

/// Retries of a failed or timed-out sync call, with exponential backoff.
public struct RetrySettings: Sendable, Equatable {
    public var maxRetries: Int
    public var backoffS: Double
    public var multiplier: Double
    public var capS: Double
    public var jitter: RetryJitter

    public init(maxRetries: Int, backoffS: Double = 0.1, multiplier: Double = 2, capS: Double = 10, jitter: RetryJitter = .full) {
        self.maxRetries = maxRetries
        self.backoffS = backoffS
        self.multiplier = multiplier
        self.capS = capS
        self.jitter = jitter
    }
}

/// A circuit breaker on a call: opens when too many calls fail, fails fast while open, probes when half-open.
public struct BreakerSettings: Sendable, Equatable {
    public var failureRatio: Double
    public var minimumRequests: Int
    public var windowS: Double
    public var openForS: Double
    public var halfOpenProbes: Int

    public init(failureRatio: Double = 0.5, minimumRequests: Int = 20, windowS: Double = 10, openForS: Double = 5,
                halfOpenProbes: Int = 3) {
        self.failureRatio = failureRatio
        self.minimumRequests = minimumRequests
        self.windowS = windowS
        self.openForS = openForS
        self.halfOpenProbes = halfOpenProbes
    }
}

/// The key model: every request carries a key drawn from a Zipf distribution over `count` keys.
public struct KeyModel: Sendable, Equatable {
    public var count: Int
    /// Zipf exponent s: 0 is uniform; around 0.8–1.2 is typical of web caches.
    public var zipf: Double

    public init(count: Int, zipf: Double) {
        self.count = count
        self.zipf = zipf
    }
}

/// Network settings of the whole design.
public struct NetworkSettings: Sendable, Equatable {
    /// One-way latency added to calls between components in different regions.
    public var crossRegionLatencyS: Double

    public init(crossRegionLatencyS: Double = 0.07) {
        self.crossRegionLatencyS = crossRegionLatencyS
    }
}
