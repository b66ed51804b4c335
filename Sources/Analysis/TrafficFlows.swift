import Model

/// The traffic equations λ = γ + Pᵀλ of a design, one system per request class.
struct TrafficFlows {
    let design: Design
    let index: [String: Int]
    let entry: Int
    let externalRate: Double
    /// Share of external requests in each class (one class "all" when none are declared).
    let classShares: [Double]
    let classNames: [String?]
    /// Share of each station's arrivals that its rate limit lets through (1 without a limit).
    var admitted: [Double] = []
    /// Requests per second reaching each cache with a TTL, from the previous solution (the hit ratio depends on it).
    var cacheRates: [Int: Double] = [:]

    init(design: Design, rateRPS: Double) {
        self.design = design
        index = Dictionary(uniqueKeysWithValues: design.components.enumerated().map { ($1.id, $0) })
        entry = index[design.workload.entry] ?? 0
        externalRate = rateRPS
        let classes = design.workload.classes
        if classes.isEmpty {
            classShares = [1]
            classNames = [nil]
        } else {
            let total = classes.reduce(0) { $0 + $1.weight }
            classShares = classes.map { $0.weight / total }
            classNames = classes.map(\.name)
        }
    }

    func applies(_ call: Call, toClass c: Int) -> Bool {
        call.requestClass == nil || call.requestClass == classNames[c]
    }

    /// Where a request goes after finishing at `j` (forward calls and load-balancer routes), with probabilities.
    /// Each block kind's effect on offered load is one case here (e.g. a cache would pass on (1 − hit ratio) of its traffic).
    func onward(from j: Int, requestClass c: Int) -> [(Int, Double)] {
        let component = design.components[j]
        switch component.kind {
        case .loadBalancer, .apiGateway:
            let backends = component.routes.compactMap { route in design.component(route).map { (route, $0.instances) } }
            let totalInstances = Double(backends.reduce(0) { $0 + $1.1 })
            let totalWeight = component.weights?.reduce(0, +) ?? 0
            return backends.enumerated().map { offset, backend in
                let share = component.algorithm == .weighted && totalWeight > 0
                    ? component.weights![offset] / totalWeight : Double(backend.1) / totalInstances
                return (index[backend.0]!, share)
            }
        case .service, .rateLimiter, .queue:
            return component.calls.filter { $0.mode == .forward && applies($0, toClass: c) }.map { (index[$0.to]!, $0.probability) }
        case .cache, .cdn:
            // Cache-aside hands misses (and writes) on; the read-through family loads them while holding a worker,
            // which `loadThrough` gives instead.
            guard !holdsOnMiss(component, requestClass: c) else { return [] }
            return storeTraffic(from: j, requestClass: c)
        case .database:
            return []
        }
    }

    /// Requests a cache or CDN sends its backing store per request: misses, and writes (which always reach it).
    func storeTraffic(from j: Int, requestClass c: Int) -> [(Int, Double)] {
        let component = design.components[j]
        guard let cache = component.cache, let backing = index[cache.backing] else { return [] }
        let isWrite = c < design.workload.classes.count && design.workload.classes[c].write
        if isWrite, component.kind == .cache, cache.strategy == .writeBehind { return [(backing, 1)] }  // flushed later, async
        var share = isWrite ? 1 : 1 - CacheEstimate.hitRatio(component, keys: design.workload.keys, requestRate: cacheRates[j])
        if !isWrite, component.kind == .cdn, let shield = cache.shieldHitRatio { share *= 1 - shield }
        return [(backing, share)]
    }

    /// Whether the block's worker waits while the store answers (read-through, write-through, CDNs), so the store's
    /// time is part of the block's holding time, as for a sync call.
    func holdsOnMiss(_ component: Component, requestClass c: Int) -> Bool {
        guard let cache = component.cache else { return false }
        if component.kind == .cdn { return true }
        let isWrite = c < design.workload.classes.count && design.workload.classes[c].write
        switch cache.strategy {
        case .cacheAside: return false
        case .writeBehind: return !isWrite
        case .readThrough, .refreshAhead: return !isWrite
        case .writeThrough: return true
        }
    }

    /// Store traffic that holds the cache's worker (see `holdsOnMiss`).
    func loadThrough(from j: Int, requestClass c: Int) -> [(Int, Double)] {
        holdsOnMiss(design.components[j], requestClass: c) ? storeTraffic(from: j, requestClass: c) : []
    }

    /// One-way network delay of a call: its latency, half its jitter on average, and the cross-region latency.
    func oneWayDelay(_ call: Call, from component: Component) -> Double {
        var delay = call.latencyS + call.jitterS / 2
        if let from = component.region, let to = design.component(call.to)?.region, from != to {
            delay += design.network.crossRegionLatencyS
        }
        return delay
    }

    /// Requests sent from `j` to others per request at `j`: forwards, routes, and sync/async calls.
    func transfers(from j: Int, requestClass c: Int) -> [(Int, Double)] {
        let calls = design.components[j].calls.filter { $0.mode != .forward && applies($0, toClass: c) }
        let share = admitted.isEmpty ? 1 : admitted[j]
        return (onward(from: j, requestClass: c) + loadThrough(from: j, requestClass: c) + calls.map { (index[$0.to]!, $0.probability) })
            .map { ($0.0, $0.1 * share) }
    }

    /// Solves the traffic equations with rate limits: a limited station passes on at most its token rate, so its
    /// onward share is rate/λ when λ exceeds it. A few rounds settle chains of limiters.
    mutating func solveAdmitting() -> [[Double]]? {
        admitted = [Double](repeating: 1, count: design.components.count)
        let expiring = design.components.indices.filter { design.components[$0].cache?.ttlS != nil && design.components[$0].cache?.capacity != nil }
        guard design.components.contains(where: { $0.rateLimit != nil }) || !expiring.isEmpty else { return solve() }
        var rates = solve()
        for _ in 0..<6 {
            guard let current = rates else { return nil }
            var changed = false
            for j in expiring {
                let arriving = current.reduce(0) { $0 + $1[j] }
                if abs(arriving - (cacheRates[j] ?? -1)) > 1e-6 * max(arriving, 1) { cacheRates[j] = arriving; changed = true }
            }
            for (j, component) in design.components.enumerated() {
                guard let limit = component.rateLimit else { continue }
                let arriving = current.reduce(0) { $0 + $1[j] }
                let passed = Self.admittedRate(limit, arriving: arriving, keys: design.workload.keys)
                let share = arriving > 0 ? passed / arriving : 1
                if abs(share - admitted[j]) > 1e-12 { admitted[j] = share; changed = true }
            }
            if !changed { break }
            rates = solve()
        }
        return rates
    }

    /// Requests per second a token bucket lets through at steady state out of `arriving`. A global bucket passes at most
    /// its rate. Per client, each client's bucket passes at most the rate of that client's share: with the key model
    /// the key decides the client (approximated as key rank mod clients, so the most popular keys get buckets of their
    /// own); without it requests spread evenly over the clients.
    static func admittedRate(_ limit: RateLimit, arriving: Double, keys: KeyModel?) -> Double {
        guard limit.perClient, limit.clients > 1 else { return min(arriving, limit.ratePerS) }
        guard let keys, keys.count > 1 else { return min(arriving, limit.ratePerS * Double(limit.clients)) }
        var perClient = [Double](repeating: 0, count: limit.clients)
        for (rank, p) in CacheTheory.zipfPopularities(count: keys.count, exponent: keys.zipf).enumerated() {
            perClient[rank % limit.clients] += p
        }
        return perClient.reduce(0) { $0 + min($1 * arriving, limit.ratePerS) }
    }

    /// Arrival rate at each station, per class; nil when the equations have no solution (a closed loop).
    func solve() -> [[Double]]? {
        let n = design.components.count
        var result: [[Double]] = []
        for c in classShares.indices {
            // (I − Pᵀ) λ = γ by Gaussian elimination with partial pivoting.
            var matrix = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
            for i in 0..<n { matrix[i][i] = 1 }
            for j in 0..<n {
                for (k, probability) in transfers(from: j, requestClass: c) { matrix[k][j] -= probability }
            }
            matrix[entry][n] = externalRate * classShares[c]
            for column in 0..<n {
                let pivot = (column..<n).max { abs(matrix[$0][column]) < abs(matrix[$1][column]) }!
                guard abs(matrix[pivot][column]) > 1e-12 else { return nil }
                matrix.swapAt(column, pivot)
                for row in 0..<n where row != column {
                    let factor = matrix[row][column] / matrix[column][column]
                    if factor == 0 { continue }
                    for k in column...n { matrix[row][k] -= factor * matrix[column][k] }
                }
            }
            let rates = (0..<n).map { matrix[$0][n] / matrix[$0][$0] }
            if rates.contains(where: { $0 < -1e-9 || !$0.isFinite }) { return nil }
            result.append(rates.map { max($0, 0) })
        }
        return result
    }
}
