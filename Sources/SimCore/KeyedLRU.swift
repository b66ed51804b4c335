/// A least-recently-used cache over dense integer keys `0..<keyspace`, with an optional TTL and
/// a dirty bit per entry for write-behind.
///
/// Models one cache node key by key, so hit ratios come from the access pattern rather than a
/// fixed probability (checked against Che's approximation in the tests). The recency list is
/// doubly linked through flat `Int32` arrays indexed by key, so no operation allocates and all
/// are O(1); `removeAll` (a cold restart) is O(1) by bumping an epoch instead of clearing arrays.
///
/// Memory: 20 bytes per key of the keyspace, whatever the capacity — two `Int32` links, a
/// `Double` fill time and a `UInt32` stamp (epoch and dirty bit): 10⁶ keys ≈ 20 MB, 10⁷ ≈ 200 MB.
/// Keyspaces are limited to `Int32.max` keys.
public struct KeyedLRU {
    public enum LookupResult: Equatable, Sendable {
        /// Present and fresh; `ageS` is the time since it was filled.
        case hit(ageS: Double)
        case miss
        /// Present but older than the TTL: removed, to be refilled by the caller.
        case expired
    }

    public let keyspace: Int
    /// Changing it applies at the next lookup: entries older than the new TTL expire then.
    public var ttlS: Double?
    public private(set) var count = 0
    public private(set) var dirtyCount = 0
    /// Dirty entries removed by eviction, expiry, shrinking or invalidation (not `removeAll`).
    public private(set) var droppedDirty = 0

    /// Entries held at most; shrinking evicts the least recently used at once.
    public var capacity: Int {
        didSet {
            if capacity < 0 { capacity = 0 }
            while count > capacity { _ = evictLeastRecent() }
        }
    }

    private static let none: Int32 = -1
    private var previous: [Int32]
    private var next: [Int32]
    private var filledAt: [Double]
    /// `epoch << 1 | dirty`; an entry is present when its epoch is the current one.
    private var stamp: [UInt32]
    private var epoch: UInt32 = 1
    private var head: Int32 = Self.none  // most recent
    private var tail: Int32 = Self.none  // least recent

    public init(keyspace: Int, capacity: Int, ttlS: Double?) {
        precondition(keyspace >= 0 && keyspace <= Int(Int32.max), "keyspace must fit Int32 links")
        precondition(ttlS.map { $0 > 0 } ?? true, "a TTL must be positive")
        self.keyspace = keyspace
        self.capacity = max(0, capacity)
        self.ttlS = ttlS
        previous = Array(repeating: Self.none, count: keyspace)
        next = Array(repeating: Self.none, count: keyspace)
        filledAt = Array(repeating: 0, count: keyspace)
        stamp = Array(repeating: 0, count: keyspace)
    }

    @inline(__always)
    public func contains(_ key: Int) -> Bool { stamp[key] >> 1 == epoch }

    @inline(__always)
    public func isDirty(_ key: Int) -> Bool { stamp[key] == epoch << 1 | 1 }

    /// The key `insert` would evict next, if any.
    public var leastRecentKey: Int? { tail == Self.none ? nil : Int(tail) }

    /// Looks a key up at time `now`: a hit moves it to the front; an expired entry is removed.
    public mutating func lookup(_ key: Int, now: Double) -> LookupResult {
        guard contains(key) else { return .miss }
        let age = now - filledAt[key]
        if let ttlS, age >= ttlS {
            remove(key)
            return .expired
        }
        moveToFront(Int32(key))
        return .hit(ageS: age)
    }

    /// Inserts a key, or refreshes it, at the front with fill time `now` (a refresh keeps its
    /// dirty bit). When full, evicts and returns the least recently used key.
    @discardableResult
    public mutating func insert(_ key: Int, now: Double) -> Int? {
        if contains(key) {
            filledAt[key] = now
            moveToFront(Int32(key))
            return nil
        }
        guard capacity > 0 else { return nil }
        var evicted: Int?
        if count >= capacity { evicted = evictLeastRecent() }
        stamp[key] = epoch << 1
        filledAt[key] = now
        linkAtFront(Int32(key))
        count += 1
        return evicted
    }

    /// Removes a key if present (e.g. after a write elsewhere).
    public mutating func invalidate(_ key: Int) {
        if contains(key) { remove(key) }
    }

    /// Marks a present key as written but not yet persisted; returns false when it is absent.
    @discardableResult
    public mutating func markDirty(_ key: Int) -> Bool {
        guard contains(key) else { return false }
        if stamp[key] & 1 == 0 {
            stamp[key] |= 1
            dirtyCount += 1
        }
        return true
    }

    /// Clears the dirty bit once the write has been persisted.
    public mutating func clean(_ key: Int) {
        guard isDirty(key) else { return }
        stamp[key] &= ~1
        dirtyCount -= 1
    }

    /// Empties the cache (a cold restart) in O(1); returns the dirty entries lost.
    @discardableResult
    public mutating func removeAll() -> Int {
        let lost = dirtyCount
        if epoch == UInt32.max >> 1 {
            // Once every 2³¹ restarts: clear the stamps so old epochs cannot come back.
            for index in stamp.indices { stamp[index] = 0 }
            epoch = 1
        } else {
            epoch += 1
        }
        head = Self.none
        tail = Self.none
        count = 0
        dirtyCount = 0
        return lost
    }

    /// Keys from most to least recently used (O(count); for tests and inspection).
    public var keysByRecency: [Int] {
        var keys: [Int] = []
        keys.reserveCapacity(count)
        var cursor = head
        while cursor != Self.none {
            keys.append(Int(cursor))
            cursor = next[Int(cursor)]
        }
        return keys
    }

    // MARK: - List surgery

    private mutating func evictLeastRecent() -> Int? {
        guard tail != Self.none else { return nil }
        let victim = Int(tail)
        remove(victim)
        return victim
    }

    private mutating func remove(_ key: Int) {
        unlink(Int32(key))
        if stamp[key] & 1 == 1 {
            dirtyCount -= 1
            droppedDirty += 1
        }
        stamp[key] = 0
        count -= 1
    }

    @inline(__always)
    private mutating func moveToFront(_ key: Int32) {
        guard head != key else { return }
        unlink(key)
        linkAtFront(key)
    }

    @inline(__always)
    private mutating func unlink(_ key: Int32) {
        let before = previous[Int(key)], after = next[Int(key)]
        if before == Self.none { head = after } else { next[Int(before)] = after }
        if after == Self.none { tail = before } else { previous[Int(after)] = before }
    }

    @inline(__always)
    private mutating func linkAtFront(_ key: Int32) {
        previous[Int(key)] = Self.none
        next[Int(key)] = head
        if head == Self.none { tail = key } else { previous[Int(head)] = key }
        head = key
    }
}
