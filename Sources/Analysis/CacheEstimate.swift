import Foundation
import Model

/// The hit ratio the analysis assumes for a cache or CDN: its fixed `hit_ratio`, or, with the key model, Che's
/// approximation for an LRU of `capacity × instances` entries over the workload's Zipf keys — with a TTL, combined
/// with the expiry of entries at the cache's request rate (`CacheTheory.lruWithTTL`). Without the rate a TTL cannot
/// be counted, and the LRU figure is an upper bound.
public enum CacheEstimate {
    public static func hitRatio(_ component: Component, keys: KeyModel?, requestRate: Double? = nil) -> Double {
        guard let cache = component.cache else { return 0 }
        if let fixed = cache.hitRatio { return fixed }
        guard let capacity = cache.capacity, let keys else { return 0 }
        let ttl = requestRate != nil ? cache.ttlS : nil
        // Rates are remembered to 3 significant figures, enough for a fixed point between the flows and the hit ratio.
        let rate = ttl == nil ? 0 : Self.rounded(requestRate ?? 0)
        let key = CheKey(count: keys.count, zipf: keys.zipf, capacity: capacity * component.instances, ttlS: ttl ?? 0, rate: rate)
        if let known = memo.value(for: key) { return known }
        let popularities = CacheTheory.zipfPopularities(count: keys.count, exponent: keys.zipf)
        let value: Double
        if let ttl, rate > 0 {
            value = CacheTheory.lruWithTTL(popularities: popularities, capacity: key.capacity, requestRate: rate, ttlS: ttl)
        } else {
            value = CacheTheory.cheLRU(popularities: popularities, capacity: key.capacity).hitRatio
        }
        memo.store(value, for: key)
        return value
    }

    static func rounded(_ rate: Double) -> Double {
        guard rate > 0 else { return 0 }
        let scale = pow(10, floor(log10(rate)) - 2)
        return (rate / scale).rounded() * scale
    }

    struct CheKey: Hashable { var count: Int; var zipf: Double; var capacity: Int; var ttlS: Double; var rate: Double }

    /// Che's fixed point over a million keys takes milliseconds: remember the last few answers.
    final class Memo: @unchecked Sendable {
        private var values: [CheKey: Double] = [:]
        private let lock = NSLock()
        func value(for key: CheKey) -> Double? { lock.withLock { values[key] } }
        func store(_ value: Double, for key: CheKey) {
            lock.withLock {
                if values.count > 64 { values.removeAll() }
                values[key] = value
            }
        }
    }
    static let memo = Memo()
}
