import Model

/// Databases: shard by key (hash, range, directory, consistent hash) with a hot key, writes to the primary, reads
/// to lagging replicas (stale reads counted), failover to a replica when the primary crashes.
extension Simulation {
    func databaseNode(_ job: Int, station: Int) -> Int {
        let database = databases[station]!
        let settings = database.settings
        if settings.hotKeyShare > 0, routingRNG[station].uniform() < settings.hotKeyShare {
            jobs[job].key = 0  // the hottest key (rank 0 in the key model)
        }
        let key = jobs[job].key
        let shards = settings.shards
        let shard = ShardPlacement.shard(of: key, shards: shards, strategy: settings.sharding, keyCount: database.keyCount,
                                         ring: database.ring)
        let nodes = settings.nodesPerShard
        let base = Int(shape.instanceBase[station]) + shard * nodes
        let requestClass = Int(jobs[job].requestClass)
        let isWrite = requestClass >= 0 && shape.writeClass[requestClass]
        if isWrite {
            if metrics.measuring { metrics.blocks[station].writes += 1 }
            failOverIfDue(station: station, shard: shard, base: base)
            return base + database.primary[shard]
        }
        if metrics.measuring { metrics.blocks[station].reads += 1 }
        let primary = base + database.primary[shard]
        var node = primary
        switch settings.readFrom {
        case .primary:
            break
        case .replicas where nodes > 1:
            // Round robin over the shard's replicas, skipping crashed ones once a health check has seen them.
            for _ in 0..<nodes {
                database.replicaCursor[shard] = (database.replicaCursor[shard] + 1) % nodes
                let candidate = base + database.replicaCursor[shard]
                if candidate != primary, !(down[candidate] && now >= downSince[candidate] + healthCheckDelayS) {
                    node = candidate
                    break
                }
            }
        case .any:
            node = base + Int(routingRNG[station].next() % UInt64(nodes))
        default:
            break
        }
        if node != primary, metrics.measuring, now - database.lastWrite[database.slot(key)] < settings.replicationLagS {
            metrics.blocks[station].staleReads += 1
        }
        return node
    }

    /// A write is committed on the primary: replicas see it after the replication lag.
    func databaseServed(_ job: Int, station: Int) {
        let requestClass = Int(jobs[job].requestClass)
        guard requestClass >= 0, shape.writeClass[requestClass] else { return }
        let database = databases[station]!
        database.lastWrite[database.slot(jobs[job].key)] = now
    }

    /// Promotes a live replica once the crashed primary has been detected and the failover time has passed.
    func failOverIfDue(station: Int, shard: Int, base: Int) {
        let database = databases[station]!
        let primary = base + database.primary[shard]
        guard down[primary], let failover = database.settings.failoverS,
              now >= downSince[primary] + healthCheckDelayS + failover else { return }
        for offset in 0..<database.settings.nodesPerShard where !down[base + offset] {
            database.primary[shard] = offset
            if metrics.measuring { metrics.blocks[station].failovers += 1 }
            notices.append(EngineNotice(time: now, message: "\(shape.ids[station]) shard \(shard): replica #\(offset) promoted to primary"))
            return
        }
    }
}
