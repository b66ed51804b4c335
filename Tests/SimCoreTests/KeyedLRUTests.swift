import Testing
@testable import SimCore

@Suite struct KeyedLRUTests {
    @Test func keepsExactRecencyOrderAndEvictsTheLeastRecent() {
        var cache = KeyedLRU(keyspace: 10, capacity: 3, ttlS: nil)
        #expect(cache.lookup(1, now: 0) == .miss)
        #expect(cache.insert(1, now: 0) == nil)
        #expect(cache.insert(2, now: 1) == nil)
        #expect(cache.insert(3, now: 2) == nil)
        #expect(cache.keysByRecency == [3, 2, 1])
        #expect(cache.lookup(1, now: 5) == .hit(ageS: 5))
        #expect(cache.keysByRecency == [1, 3, 2])
        #expect(cache.leastRecentKey == 2)
        #expect(cache.insert(4, now: 6) == 2)  // 2 was least recent
        #expect(cache.keysByRecency == [4, 1, 3])
        #expect(cache.lookup(2, now: 6) == .miss)
        // Re-inserting a present key refreshes it in place: nothing evicted, new fill time.
        #expect(cache.insert(3, now: 7) == nil)
        #expect(cache.keysByRecency == [3, 4, 1])
        #expect(cache.lookup(3, now: 9) == .hit(ageS: 2))
        #expect(cache.insert(5, now: 10) == 1)
        #expect(cache.insert(6, now: 11) == 4)
        #expect(cache.keysByRecency == [6, 5, 3])
        #expect(cache.count == 3)
    }

    @Test func ttlExpiresOnLookupAndHitsDoNotRefresh() {
        var cache = KeyedLRU(keyspace: 4, capacity: 4, ttlS: 10)
        cache.insert(0, now: 100)
        #expect(cache.lookup(0, now: 109.5) == .hit(ageS: 9.5))
        // The hit at 109.5 did not restart the clock: at 110 it is 10 s old and expires.
        #expect(cache.lookup(0, now: 110) == .expired)
        #expect(cache.count == 0)
        #expect(!cache.contains(0))
        #expect(cache.lookup(0, now: 110) == .miss)
        // Refilling restarts the clock.
        cache.insert(0, now: 111)
        guard case .hit(let age) = cache.lookup(0, now: 120.9) else {
            Issue.record("a refilled entry should hit within its TTL")
            return
        }
        #expect(abs(age - 9.9) < 1e-9)
        cache.insert(0, now: 130)
        #expect(cache.lookup(0, now: 139) == .hit(ageS: 9))
    }

    @Test func invalidateUnlinksFromAnyPosition() {
        var cache = KeyedLRU(keyspace: 8, capacity: 5, ttlS: nil)
        for key in 0..<5 { cache.insert(key, now: Double(key)) }
        cache.invalidate(2)  // middle
        cache.invalidate(4)  // head
        cache.invalidate(0)  // tail
        cache.invalidate(7)  // absent: no effect
        #expect(cache.keysByRecency == [3, 1])
        #expect(cache.count == 2)
        #expect(cache.leastRecentKey == 1)
        cache.insert(6, now: 9)
        #expect(cache.keysByRecency == [6, 3, 1])
    }

    @Test func dirtyEntriesAreCountedAndLostOnRestart() {
        var cache = KeyedLRU(keyspace: 100, capacity: 10, ttlS: nil)
        for key in 0..<6 { cache.insert(key, now: 0) }
        #expect(cache.markDirty(1) == true)
        #expect(cache.markDirty(2) == true)
        #expect(cache.markDirty(2) == true)  // idempotent
        #expect(cache.markDirty(50) == false)  // absent
        #expect(cache.markDirty(3) == true)
        #expect(cache.dirtyCount == 3)
        cache.clean(2)
        cache.clean(2)
        #expect(cache.dirtyCount == 2)
        #expect(cache.isDirty(1) && !cache.isDirty(2))
        cache.insert(1, now: 1)  // a refresh keeps the write pending
        #expect(cache.isDirty(1))
        cache.invalidate(3)
        #expect(cache.dirtyCount == 1 && cache.droppedDirty == 1)
        cache.markDirty(4)
        #expect(cache.removeAll() == 2)
        #expect(cache.count == 0 && cache.dirtyCount == 0)
        #expect(cache.keysByRecency.isEmpty)
        for key in 0..<6 { #expect(!cache.contains(key) && !cache.isDirty(key)) }
        #expect(cache.lookup(1, now: 2) == .miss)
        // After a restart old entries stay gone and new ones start clean.
        cache.insert(1, now: 3)
        #expect(!cache.isDirty(1))
        #expect(cache.keysByRecency == [1])
        #expect(cache.removeAll() == 0)
    }

    @Test func evictingADirtyEntryIsCountedAsDropped() {
        var cache = KeyedLRU(keyspace: 10, capacity: 2, ttlS: 5)
        cache.insert(0, now: 0)
        cache.markDirty(0)
        cache.insert(1, now: 0)
        #expect(cache.insert(2, now: 1) == 0)
        #expect(cache.dirtyCount == 0 && cache.droppedDirty == 1)
        cache.markDirty(1)
        #expect(cache.lookup(1, now: 5) == .expired)
        #expect(cache.droppedDirty == 2)
    }

    @Test func shrinkingEvictsLeastRecentAndZeroCapacityHoldsNothing() {
        var cache = KeyedLRU(keyspace: 20, capacity: 6, ttlS: nil)
        for key in [5, 9, 1, 7, 3, 8] { cache.insert(key, now: 0) }
        _ = cache.lookup(5, now: 1)
        #expect(cache.keysByRecency == [5, 8, 3, 7, 1, 9])
        cache.capacity = 3
        #expect(cache.keysByRecency == [5, 8, 3])
        #expect(cache.count == 3)
        cache.capacity = 5
        cache.insert(0, now: 2)
        #expect(cache.keysByRecency == [0, 5, 8, 3])
        cache.capacity = 0
        #expect(cache.count == 0)
        #expect(cache.insert(4, now: 3) == nil)
        #expect(cache.lookup(4, now: 3) == .miss)
        cache.capacity = -2
        #expect(cache.capacity == 0)
    }
}
