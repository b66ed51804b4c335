import Model

/// Caches and CDNs: hits, misses that go to the backing store and fill the cache, write strategies, cold restarts.
extension Simulation {
    func cacheServed(_ job: Int, station: Int) {
        let cache = caches[station]!
        let requestClass = Int(jobs[job].requestClass)
        if requestClass >= 0, shape.writeClass[requestClass] {
            cacheWrite(job, station: station, cache)
            return
        }
        let key = Int(truncatingIfNeeded: jobs[job].key)
        var hit: Bool
        var age = 0.0
        if let ratio = cache.settings.hitRatio {
            hit = routingRNG[station].uniform() < ratio
        } else {
            switch cache.lru!.lookup(key, now: now) {
            case .hit(let ageS): hit = true; age = ageS
            case .miss: hit = false
            case .expired:
                hit = false
                if metrics.measuring { metrics.blocks[station].expired += 1 }
            }
        }
        if hit {
            if metrics.measuring { metrics.blocks[station].hits += 1 }
            if cache.settings.strategy == .refreshAhead, cache.lru != nil, let ttl = cache.settings.ttlS,
               age > cache.settings.refreshAt * ttl {
                // Reload in the background; re-stamping now keeps other hits from starting the same reload.
                cache.lru!.insert(key, now: now)
                if metrics.measuring { metrics.blocks[station].refreshes += 1 }
                let child = allocateJob(role: .asyncChild, requestClass: jobs[job].requestClass, key: jobs[job].key)
                jobs[child].fill = Int32(station)
                metrics.asyncStarted(station)
                arrive(child, at: cache.backing)
            }
            continueCalls(job)
            return
        }
        if metrics.measuring { metrics.blocks[station].misses += 1 }
        if cache.isCDN, let shield = cache.settings.shieldHitRatio {
            if routingRNG[station].uniform() < shield {
                // The shield has it: the edge fills and answers after the trip to the shield.
                cache.lru?.insert(key, now: now)
                events.push(time: now + cache.settings.shieldLatencyS, kind: .delayedLeave, job: UInt32(job),
                            generation: jobs[job].generation)
                return
            }
            loadThrough(job, station: station, cache, extraDelay: cache.settings.shieldLatencyS)
            return
        }
        if !cache.isCDN, cache.settings.strategy == .cacheAside {
            // The caller reads the store itself and fills the cache: the cache's worker is free meanwhile.
            jobs[job].fill = Int32(station)
            handOn(job, from: station, to: cache.backing)
            return
        }
        loadThrough(job, station: station, cache, extraDelay: 0)
    }

    func cacheWrite(_ job: Int, station: Int, _ cache: CacheRuntime) {
        let key = Int(truncatingIfNeeded: jobs[job].key)
        switch cache.isCDN ? .readThrough : cache.settings.strategy {
        case .writeThrough:
            // The store first, then the cache (filled when the store answers).
            loadThrough(job, station: station, cache, extraDelay: 0)
        case .writeBehind:
            cache.lru?.insert(key, now: now)
            _ = cache.lru?.markDirty(key)
            cache.pendingFlushes += 1
            events.push(time: now + cache.settings.flushAfterS, kind: .flush, job: UInt32(station),
                        generation: cache.epoch, token: UInt32(truncatingIfNeeded: jobs[job].key))
            continueCalls(job)
        case .cacheAside, .readThrough, .refreshAhead:
            cache.lru?.invalidate(key)
            handOn(job, from: station, to: cache.backing)
        }
    }

    /// The cache loads from its backing store while its worker waits; the answer fills the cache.
    func loadThrough(_ job: Int, station: Int, _ cache: CacheRuntime, extraDelay: Double) {
        let child = allocateJob(role: .syncChild, requestClass: jobs[job].requestClass, key: jobs[job].key)
        jobs[child].parent = Int32(job)
        jobs[child].parentGeneration = jobs[job].generation
        jobs[child].fill = Int32(station)
        jobs[job].child = UInt32(child)
        jobs[job].childGeneration = jobs[child].generation
        jobs[job].callIndex = callEnd[station]
        if extraDelay > 0 {
            events.push(time: now + extraDelay, kind: .delayedArrival, job: UInt32(child), generation: jobs[child].generation,
                        token: UInt32(cache.backing))
        } else {
            arrive(child, at: cache.backing)
        }
    }

    /// Frees the worker and passes the request on (its answer goes to the original caller).
    func handOn(_ job: Int, from station: Int, to target: Int) {
        freeWorker(job, station: station)
        metrics.recordResponse(station, now - jobs[job].stationArrival, now: now)
        arrive(job, at: target)
    }

    func fillCache(_ job: Int) {
        let station = Int(jobs[job].fill)
        jobs[job].fill = -1
        caches[station]?.lru?.insert(Int(truncatingIfNeeded: jobs[job].key), now: now)
    }

    func flush(station: Int, epoch: UInt32, key: UInt32) {
        let cache = caches[station]!
        guard epoch == cache.epoch else { return }  // lost in a crash, counted then
        cache.pendingFlushes -= 1
        cache.lru?.clean(Int(key))
        if metrics.measuring { metrics.blocks[station].flushes += 1 }
        let child = allocateJob(role: .asyncChild, requestClass: shape.firstWriteClass, key: UInt64(key))
        metrics.asyncStarted(station)
        arrive(child, at: cache.backing)
    }

    /// A crashed cache comes back empty: every entry and every unflushed write is gone.
    func coldRestart(_ station: Int, instance: Int?) {
        guard let cache = caches[station] else { return }
        let instances = Int(shape.instanceCount[station])
        if instance == nil || instances == 1 {
            if metrics.measuring { metrics.blocks[station].lostWrites += cache.pendingFlushes }
            cache.pendingFlushes = 0
            cache.epoch &+= 1
            _ = cache.lru?.removeAll()
        } else if let offset = instance, cache.lru != nil {
            // Keys are spread over instances by hash: the crashed one's share is lost.
            for key in cache.lru!.keysByRecency where Int(StableHash.mix(UInt64(key)) % UInt64(instances)) == offset {
                cache.lru!.invalidate(key)
            }
        }
    }
}
