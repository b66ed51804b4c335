#if canImport(Glibc)
import Glibc
#endif
import Model

/// The hit ratio the analysis assumes for a cache or CDN: its fixed `hit_ratio`, or, with the key model, Che's
/// approximation for an LRU of `capacity × instances` entries over the workload's Zipf keys (TTL not counted, so
/// an upper bound when entries expire).
public enum CacheEstimate {
    public static func hitRatio(_ component: Component, keys: KeyModel?) -> Double {
        guard let cache = component.cache else { return 0 }
        if let fixed = cache.hitRatio { return fixed }
        guard let capacity = cache.capacity, let keys else { return 0 }
        let key = CheKey(count: keys.count, zipf: keys.zipf, capacity: capacity * component.instances)
        if let known = memo.value(for: key) { return known }
        let popularities = CacheTheory.zipfPopularities(count: keys.count, exponent: keys.zipf)
        let value = CacheTheory.cheLRU(popularities: popularities, capacity: key.capacity).hitRatio
        memo.store(value, for: key)
        return value
    }

    struct CheKey: Hashable { var count: Int; var zipf: Double; var capacity: Int }

    /// Che's fixed point over a million keys takes milliseconds: remember the last few answers.
    final class Memo: @unchecked Sendable {
        private var values: [CheKey: Double] = [:]
        private let lock = NSLockLike()
        func value(for key: CheKey) -> Double? { lock.locked { values[key] } }
        func store(_ value: Double, for key: CheKey) {
            lock.locked {
                if values.count > 64 { values.removeAll() }
                values[key] = value
            }
        }
    }
    static let memo = Memo()
}

/// A tiny mutex without Foundation.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
