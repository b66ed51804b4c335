/// What the block behaviours counted at one component during the measured window.
public struct BlockCounters: Sendable, Equatable {
    // Caches and CDNs
    public var hits = 0
    public var misses = 0
    /// Misses on entries that had expired (TTL), included in `misses`.
    public var expired = 0
    /// Refresh-ahead reloads started.
    public var refreshes = 0
    /// Write-behind entries written to the store.
    public var flushes = 0
    /// Write-behind entries lost because the cache crashed before they were flushed.
    public var lostWrites = 0
    // Rate limiting
    public var rateLimited = 0
    // Calls made by this component
    public var retries = 0
    public var hedges = 0
    public var breakerRejected = 0
    public var bulkheadRejected = 0
    public var breakerOpenings = 0
    /// Calls lost on the network (drop or partition failures).
    public var lostCalls = 0
    // Queues
    public var published = 0
    public var dropped = 0
    public var redelivered = 0
    public var deadLettered = 0
    /// Redelivered messages processed again (at-least-once without idempotency).
    public var duplicatesProcessed = 0
    /// Redelivered messages an idempotent consumer recognised and skipped.
    public var deduplicated = 0
    /// Producers that had to wait for room (overflow: block).
    public var blockedProducers = 0
    // Databases
    public var reads = 0
    public var writes = 0
    public var staleReads = 0
    public var failovers = 0

    public init() {}

    /// Counts of several replications added up.
    public static func + (lhs: BlockCounters, rhs: BlockCounters) -> BlockCounters {
        var sum = lhs
        sum.hits += rhs.hits
        sum.misses += rhs.misses
        sum.expired += rhs.expired
        sum.refreshes += rhs.refreshes
        sum.flushes += rhs.flushes
        sum.lostWrites += rhs.lostWrites
        sum.rateLimited += rhs.rateLimited
        sum.retries += rhs.retries
        sum.hedges += rhs.hedges
        sum.breakerRejected += rhs.breakerRejected
        sum.bulkheadRejected += rhs.bulkheadRejected
        sum.breakerOpenings += rhs.breakerOpenings
        sum.lostCalls += rhs.lostCalls
        sum.published += rhs.published
        sum.dropped += rhs.dropped
        sum.redelivered += rhs.redelivered
        sum.deadLettered += rhs.deadLettered
        sum.duplicatesProcessed += rhs.duplicatesProcessed
        sum.deduplicated += rhs.deduplicated
        sum.blockedProducers += rhs.blockedProducers
        sum.reads += rhs.reads
        sum.writes += rhs.writes
        sum.staleReads += rhs.staleReads
        sum.failovers += rhs.failovers
        return sum
    }

    /// Every counter by its report name, in declaration order.
    public var named: [(String, Int)] {
        [("hits", hits), ("misses", misses), ("expired", expired), ("refreshes", refreshes), ("flushes", flushes), ("lost_writes", lostWrites), ("rate_limited", rateLimited), ("retries", retries), ("hedges", hedges), ("breaker_rejected", breakerRejected), ("bulkhead_rejected", bulkheadRejected), ("breaker_openings", breakerOpenings), ("lost_calls", lostCalls), ("published", published), ("dropped", dropped), ("redelivered", redelivered), ("dead_lettered", deadLettered), ("duplicates_processed", duplicatesProcessed), ("deduplicated", deduplicated), ("blocked_producers", blockedProducers), ("reads", reads), ("writes", writes), ("stale_reads", staleReads), ("failovers", failovers)]
    }

    /// Hits over lookups, nil before any lookup.
    public var hitRatio: Double? { hits + misses > 0 ? Double(hits) / Double(hits + misses) : nil }
}
