import Foundation
import Model

/// Rules about data: caches (hot set, TTL, single instance, write-behind) and stale reads from replicas.
extension DesignWarnings {
    /// Share of requests whose keys to cover: the hot set is the most popular keys that make up this share.
    public static let hotSetShare = 0.8

    /// Keys (most popular first) that make up `share` of requests under Zipf popularities.
    static func keysCovering(_ share: Double, popularities: [Double]) -> Int {
        var total = 0.0
        for (rank, p) in popularities.enumerated() {
            total += p
            if total >= share - 1e-12 { return rank + 1 }
        }
        return popularities.count
    }

    static func caches(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        let keys = context.design.workload.keys
        for component in context.components {
            guard let cache = component.cache, let station = context.station(component.id), station.arrivalRateRPS > 0 else { continue }
            let hit = CacheEstimate.hitRatio(component, keys: keys)
            let (writes, reads) = context.writeReadRates(component.id)
            if component.kind == .cache, component.instances == 1, hit > 0, let stampede = stampede(context, component) {
                found.append(stampede)
            }
            if cache.usesKeyModel, let keys, let capacity = cache.capacity {
                let popularities = CacheTheory.zipfPopularities(count: keys.count, exponent: keys.zipf)
                let held = capacity * component.instances
                let hotSet = keysCovering(hotSetShare, popularities: popularities)
                if held < hotSet || hit < 0.5 {
                    var sized = component
                    sized.cache?.capacity = max(1, Int((Double(hotSet) / Double(component.instances)).rounded(.up)))
                    let hitAtHotSet = CacheEstimate.hitRatio(sized, keys: keys)
                    found.append(DesignWarning(
                        id: "cache-smaller-than-hot-set", severity: hit < 0.5 ? .warning : .info, component: component.id,
                        message: "'\(component.id)' holds \(count(held)) entries but \(percent(hotSetShare)) of requests go to the "
                            + "\(count(hotSet)) most popular keys",
                        reason: "Che's approximation for an LRU of \(count(held)) entries over \(count(keys.count)) Zipf(\(number(keys.zipf))) keys "
                            + "gives a hit ratio of \(percent(hit)): \(percent(1 - hit)) of reads (≈ \(rate(reads * (1 - hit))) req/s) go on "
                            + "to '\(cache.backing)'",
                        suggestion: "capacity: \(count(sized.cache!.capacity!)) per instance would hold the hot set (hit ratio ≈ "
                            + "\(percent(hitAtHotSet)))", noteID: "caching-layers"))
                }
                if let ttl = cache.ttlS, reads > 0 {
                    let median = keysCovering(0.5, popularities: popularities)
                    let interval = 1 / (popularities[median - 1] * reads)
                    if ttl < interval {
                        let ttlHit = CacheTheory.fixedTTL(popularities: popularities, requestRate: reads, ttlS: ttl)
                        found.append(DesignWarning(
                            id: "ttl-shorter-than-reuse", severity: .warning, component: component.id,
                            message: "'\(component.id)' TTL \(duration(ttl)) is shorter than the \(duration(interval)) between reads of its "
                                + "median key (#\(count(median)) of \(count(keys.count)))",
                            reason: "half of all reads go to keys read less often than every \(duration(interval)): their entries expire "
                                + "before the next read, so those reads miss; with this TTL even an unbounded cache hits only "
                                + "\(percent(ttlHit))",
                            suggestion: "raise ttl above \(duration(interval)) where staleness allows (invalidate on write instead of "
                                + "expiring), or accept the misses", noteID: "ttl-and-invalidation"))
                    }
                }
            }
            if component.kind == .cache, cache.strategy == .writeBehind, writes > 0 {
                let atRisk = writes * cache.flushAfterS
                found.append(DesignWarning(
                    id: "write-behind-loss-window", severity: .info, component: component.id,
                    message: "'\(component.id)' acknowledges writes before they reach '\(cache.backing)'",
                    reason: "a dirty entry waits flush_after = \(duration(cache.flushAfterS)) before it is written: at \(rate(writes)) "
                        + "writes/s about \(number(atRisk)) writes are held only in the cache at any moment, and a crash loses them",
                    suggestion: "use write_through for writes that must not be lost, shorten flush_after, or replicate the cache",
                    noteID: "write-behind"))
            }
        }
        return found
    }

    /// A single cache instance: when it restarts empty, every read goes to its store (the store's ρ with the cache cold).
    static func stampede(_ context: Context, _ component: Component) -> DesignWarning? {
        guard let cache = component.cache, let store = context.station(cache.backing), let index = context.design.index(of: component.id)
        else { return nil }
        var cold = context.design
        cold.components[index].cache?.hitRatio = 0
        guard let coldStore = NetworkAnalyzer.analyze(cold, rateRPS: context.rate)?.station(cache.backing) else { return nil }
        return DesignWarning(
            id: "single-cache-instance", severity: coldStore.utilization >= 1 ? .warning : .info, component: component.id,
            message: "'\(component.id)' is a single instance in front of '\(cache.backing)'",
            reason: "if it restarts it comes back empty and every read goes to '\(cache.backing)': its load rises from "
                + "\(rate(store.arrivalRateRPS)) req/s (ρ = \(number(store.utilization))) to \(rate(coldStore.arrivalRateRPS)) req/s "
                + "(ρ = \(number(coldStore.utilization))) until the cache refills" + (coldStore.utilization >= 1 ? ": a cache stampede" : ""),
            suggestion: "run 2 or more instances (a restart then empties only its share of the keys), and protect '\(cache.backing)' "
                + "with request coalescing or a rate limit", noteID: "cache-stampede")
    }

    /// A database with replicas serving reads while writes reach its primary: reads within the lag of a write are stale,
    /// including a client's read of its own write.
    static func staleReads(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        let classes = context.design.workload.classes
        for component in context.components {
            guard let settings = component.database, settings.replicas > 0, settings.readFrom != .primary,
                  let j = context.flows.index[component.id] else { continue }
            let (writes, reads) = context.writeReadRates(component.id)
            guard writes > 0, reads > 0 else { continue }
            func names(write: Bool) -> [String] {
                classes.enumerated().filter { $0.element.write == write && context.classRates[$0.offset][j] > 0 }.map { "'\($0.element.name)'" }
            }
            let writers = names(write: true).joined(separator: ", "), readers = names(write: false).joined(separator: ", ")
            let replicaShare = settings.readFrom == .replicas ? 1 : Double(settings.replicas) / Double(settings.nodesPerShard)
            var reason = "a read of a key written less than \(duration(settings.replicationLagS)) ago is served stale"
            if let keys = context.design.workload.keys {
                let popularities = CacheTheory.zipfPopularities(count: keys.count, exponent: keys.zipf)
                let window = writes * settings.replicationLagS
                var stale = 0.0
                for p in popularities { stale += p * -expm1(-p * window) }
                stale *= replicaShare
                reason += ": with \(count(keys.count)) Zipf(\(number(keys.zipf))) keys ≈ \(percent(stale)) of reads "
                    + "(≈ \(rate(reads * stale)) req/s)"
            }
            reason += " — and a client that writes and then reads (class \(writers) then \(readers)) does not see its own write"
            found.append(DesignWarning(
                id: "read-your-writes", severity: .warning, component: component.id,
                message: "'\(component.id)' serves reads from \(plural(settings.replicas, "replica")) lagging "
                    + "\(duration(settings.replicationLagS)) while \(rate(writes)) writes/s reach its primary",
                reason: reason,
                suggestion: "read a client's recent writes from the primary (read_from: primary for that path, or session consistency: "
                    + "pin a session to the primary for \(duration(settings.replicationLagS)) after it writes), or shrink the replication lag",
                noteID: "read-your-writes"))
        }
        return found
    }
}
