import Model

/// Run-time state of a cache or CDN.
final class CacheRuntime {
    var settings: CacheSettings
    let backing: Int
    let isCDN: Bool
    /// Key model: one LRU for the whole component (capacity × instances entries).
    var lru: KeyedLRU?
    /// Bumped by a crash: pending write-behind flushes of an older epoch are lost.
    var epoch: UInt32 = 0
    var pendingFlushes = 0

    init(_ component: Component, backing: Int, keyspace: Int?) {
        settings = component.cache!
        self.backing = backing
        isCDN = component.kind == .cdn
        if let capacity = settings.capacity, let keyspace {
            lru = KeyedLRU(keyspace: keyspace, capacity: capacity * component.instances, ttlS: settings.ttlS)
        }
    }
}

/// Run-time state of a queue: partitions (the station's instances), a consumer group and producers waiting for room.
final class QueueRuntime {
    var settings: QueueSettings
    let deadLetter: Int
    var consumerBusy: [Bool]
    /// Messages waiting in partitions (not being processed).
    var stored = 0
    /// Producers' messages waiting for room (overflow: block), oldest first.
    var blocked: [UInt32] = []
    var blockedHead = 0
    var roundRobin = 0

    init(_ settings: QueueSettings, deadLetter: Int) {
        self.settings = settings
        self.deadLetter = deadLetter
        consumerBusy = [Bool](repeating: false, count: settings.consumers)
    }

    var blockedCount: Int { blocked.count - blockedHead }

    func popBlocked() -> UInt32? {
        guard blockedHead < blocked.count else { return nil }
        let job = blocked[blockedHead]
        blockedHead += 1
        if blockedHead > 1024, blockedHead * 2 > blocked.count {
            blocked.removeFirst(blockedHead)
            blockedHead = 0
        }
        return job
    }
}

/// Run-time state of a database: which node of each shard is the primary, the ring, and recent writes per key.
final class DatabaseRuntime {
    var settings: DatabaseSettings
    var primary: [Int]
    var replicaCursor: [Int]
    let ring: ConsistentHashRing?
    /// Time of the last write per key slot (for stale reads on replicas).
    var lastWrite: [Double]
    let slotMask: UInt64
    let keyCount: Int?

    init(_ settings: DatabaseSettings, id: String, keyCount: Int?) {
        self.settings = settings
        primary = [Int](repeating: 0, count: settings.shards)
        replicaCursor = [Int](repeating: 0, count: settings.shards)
        ring = settings.sharding == .consistentHash ? ConsistentHashRing(names: (0..<settings.shards).map { "\(id)/shard\($0)" }) : nil
        self.keyCount = keyCount
        var slots = 1
        while slots < min(keyCount ?? 65_536, 1 << 20) { slots <<= 1 }
        lastWrite = [Double](repeating: -.infinity, count: slots)
        slotMask = UInt64(slots - 1)
    }

    @inline(__always)
    func slot(_ key: UInt64) -> Int {
        if let keyCount, keyCount <= lastWrite.count { return Int(key) }
        return Int(StableHash.mix(key) & slotMask)
    }
}

/// Run-time state of a rate limit: one bucket, or one per client.
struct LimiterRuntime {
    var buckets: [TokenBucket]
    let perClient: Bool

    init(_ limit: RateLimit) {
        perClient = limit.perClient
        buckets = (0..<(limit.perClient ? limit.clients : 1)).map { _ in TokenBucket(ratePerS: limit.ratePerS, burst: limit.burst) }
    }
}

/// Run-time state of an autoscaling group.
final class ScalingRuntime {
    var settings: Autoscaling
    /// Instances taking traffic, and instances booting.
    var online: Int
    var booting = 0
    var busyAtLastTick = 0.0
    var slotsAtLastTick = 0.0
    var timeline: [InstanceCount]

    init(_ settings: Autoscaling, initial: Int) {
        self.settings = settings
        online = initial
        timeline = [InstanceCount(time: 0, instances: initial)]
    }

    /// Notes the instance count; several changes at the same instant make one entry.
    func record(_ time: Double) {
        if let last = timeline.last, last.time == time {
            timeline[timeline.count - 1].instances = online
        } else {
            timeline.append(InstanceCount(time: time, instances: online))
        }
    }
}

/// Run-time state of a resilient call.
struct CallRuntime {
    var breaker: CircuitBreaker?
    var retry: RetryPolicy?
    var bulkhead: Int
    var hedgeAfterS: Double
    var inflight = 0
    /// Share of the call's requests lost on the way (failure timeline).
    var dropFraction = 0.0
    /// The breaker's state changes, in time order (at most `maxChanges`).
    var breakerChanges: [BreakerChange] = []
    static let maxChanges = 10_000

    init(_ call: Call?) {
        if let breaker = call?.breaker {
            self.breaker = CircuitBreaker(failureRatio: breaker.failureRatio, minimumRequests: breaker.minimumRequests,
                                          windowS: breaker.windowS, openForS: breaker.openForS, halfOpenProbes: breaker.halfOpenProbes)
        }
        if let retry = call?.retry {
            self.retry = RetryPolicy(maxRetries: retry.maxRetries, baseS: retry.backoffS, multiplier: retry.multiplier,
                                     capS: retry.capS, jitter: RetryPolicy.Jitter(rawValue: retry.jitter.rawValue) ?? .full)
        }
        bulkhead = call?.bulkhead ?? 0
        hedgeAfterS = call?.hedgeAfterS ?? 0
    }
}
