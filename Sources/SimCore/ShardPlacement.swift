import Model

/// Which shard a key lands on, exactly as the engine places it, and how many keys move when a shard is added.
public enum ShardPlacement {
    /// The shard of `key` among `shards` for a strategy (`keyCount`: the key model's size, for range sharding).
    public static func shard(of key: UInt64, shards: Int, strategy: ShardingStrategy, keyCount: Int?,
                             ring: ConsistentHashRing? = nil) -> Int {
        switch strategy {
        case .hash, .directory:
            return Int(StableHash.mix(key) % UInt64(shards))
        case .range:
            if let keyCount { return min(shards - 1, Int(key) * shards / keyCount) }
            return Int(StableHash.mix(key) % UInt64(shards))
        case .consistentHash:
            return (ring ?? ConsistentHashRing(names: (0..<shards).map { "db/shard\($0)" })).lookup(StableHash.mix(key))
        }
    }

    /// The share of `sample` keys whose shard changes when `shards` grows by one (measured, not assumed).
    /// Directory sharding moves only what the operator chooses: about 1/(shards+1) to fill the new shard evenly.
    public static func movedShare(strategy: ShardingStrategy, shards: Int, id: String = "db", keyCount: Int? = nil,
                                  sample: Int = 100_000) -> Double {
        if strategy == .directory { return 1 / Double(shards + 1) }
        let before = strategy == .consistentHash ? ConsistentHashRing(names: (0..<shards).map { "\(id)/shard\($0)" }) : nil
        let after = strategy == .consistentHash ? ConsistentHashRing(names: (0...shards).map { "\(id)/shard\($0)" }) : nil
        let keys = keyCount ?? sample
        let step = max(1, keys / sample)
        var moved = 0, total = 0
        var key = 0
        while key < keys {
            let old = shard(of: UInt64(key), shards: shards, strategy: strategy, keyCount: keyCount, ring: before)
            let new = shard(of: UInt64(key), shards: shards + 1, strategy: strategy, keyCount: keyCount, ring: after)
            if old != new { moved += 1 }
            total += 1
            key += step
        }
        return Double(moved) / Double(total)
    }
}
