import Model

extension EditReducer {
    /// A new block of a kind with settings that run as they are; nil when the kind needs a backing block the design
    /// does not have yet (a cache or CDN reads through to a database or service).
    static func defaultBlock(_ kind: ComponentKind, id: String, in design: Design) -> Component? {
        // A balancer or gateway starts routing to the first service (`c` adds more), so the design stays valid.
        let firstService = design.components.first { $0.kind == .service }?.id
        switch kind {
        case .service:
            return Component(id: id, kind: .service, instances: 1, workers: 4, serviceTime: .exponential(meanS: 0.005))
        case .loadBalancer:
            guard let firstService else { return nil }
            return Component(id: id, kind: .loadBalancer, serviceTime: .exponential(meanS: 0.0001), routes: [firstService],
                             algorithm: .roundRobin)
        case .apiGateway:
            guard let firstService else { return nil }
            var gateway = Component(id: id, kind: .apiGateway, serviceTime: .constant(S: 0.0005), routes: [firstService],
                                    algorithm: .roundRobin)
            gateway.rateLimit = RateLimit(ratePerS: 1000, burst: 100)
            return gateway
        case .rateLimiter:
            var limiter = Component(id: id, kind: .rateLimiter, serviceTime: .constant(S: 0))
            limiter.rateLimit = RateLimit(ratePerS: 1000, burst: 100)
            return limiter
        case .cache, .cdn:
            let backing = design.components.first { $0.kind == .database }
                ?? design.components.first { $0.kind == .service }
            guard let backing else { return nil }
            var cache = Component(id: id, kind: kind, serviceTime: kind.defaultServiceTime!,
                                  balancing: kind == .cache ? .consistentHash : .random)
            cache.cache = CacheSettings(hitRatio: kind == .cache ? 0.8 : 0.9, backing: backing.id,
                                        strategy: kind == .cache ? .cacheAside : .readThrough)
            return cache
        case .queue:
            var queue = Component(id: id, kind: .queue, serviceTime: .exponential(meanS: 0.01))
            queue.queue = QueueSettings(partitions: 4, consumers: 4)
            queue.instances = queue.engineInstances
            return queue
        case .database:
            var database = Component(id: id, kind: .database, workers: 10, serviceTime: .exponential(meanS: 0.005))
            database.database = DatabaseSettings()
            return database
        }
    }
}
