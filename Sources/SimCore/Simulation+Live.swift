import Model

/// Something the engine noticed by itself, for the workbench's event log.
public struct EngineNotice: Sendable, Equatable {
    public var time: Double
    public var message: String
}

/// Changes made while a run goes on: failures, recoveries and parameter edits take effect at the current time.
extension Simulation {
    // MARK: Failures

    /// Crashes one instance of a component (the first healthy one unless given): queued and in-progress requests
    /// there fail, new ones are refused until load balancers' health checks remove it. Returns the instance number.
    @discardableResult
    public func crash(_ componentID: String, instance: Int? = nil) -> Int? {
        guard let station = design.index(of: componentID) else { return nil }
        let instances = shape.instances(of: station)
        let offset = instance ?? instances.firstIndex { !down[$0] }.map { $0 - instances.lowerBound } ?? 0
        guard offset >= 0, offset < instances.count else { return nil }
        let global = instances.lowerBound + offset
        guard !down[global] else { return offset }
        down[global] = true
        downSince[global] = now
        detectedDown[global] = false
        anyDown = true
        // Waiting requests are lost with the instance.
        while queues[global].count > 0 {
            let job = Int(queues[global].pop())
            metrics.touch(station, now: now)
            metrics.queued[station] -= 1
            metrics.stationFailed(station, .failed, now: now)
            fail(job, .failed)
        }
        // So are those in progress; their pending completions go stale with the slot's generation.
        for job in 0..<jobs.count where jobs[job].live && jobs[job].holdsWorker && Int(jobs[job].instance) == global {
            kill(job, station: station)
        }
        return offset
    }

    func kill(_ job: Int, station: Int) {
        let child = Int(jobs[job].child)
        if child < jobs.count, jobs[child].live, jobs[child].generation == jobs[job].childGeneration,
           jobs[child].parent == Int32(job) {
            jobs[child].parent = -1
        }
        abandon(job, .failed)
    }

    /// Multiplies a component's service times by `factor` from now on (1 restores it).
    public func slow(_ componentID: String, factor: Double) {
        guard let station = design.index(of: componentID), factor > 0 else { return }
        slowFactor[station] = factor
    }

    /// Brings one crashed instance back.
    public func recover(_ componentID: String, instance offset: Int) {
        guard let station = design.index(of: componentID) else { return }
        let instances = shape.instances(of: station)
        guard offset >= 0, offset < instances.count else { return }
        down[instances.lowerBound + offset] = false
        detectedDown[instances.lowerBound + offset] = false
        anyDown = (0..<shape.totalInstances).contains { down[$0] }
    }

    /// Brings every instance of a component back and restores its speed.
    public func recover(_ componentID: String) {
        guard let station = design.index(of: componentID) else { return }
        slowFactor[station] = 1
        for instance in shape.instances(of: station) {
            down[instance] = false
            detectedDown[instance] = false
        }
        anyDown = (0..<shape.totalInstances).contains { down[$0] }
    }

    public func isDown(_ componentID: String) -> [Bool] {
        guard let station = design.index(of: componentID) else { return [] }
        return shape.instances(of: station).map { down[$0] }
    }

    /// Requests each instance of a component has started serving after the warm-up (shards: node by node).
    public func instanceServed(of componentID: String) -> [Int] {
        guard let station = design.index(of: componentID) else { return [] }
        return shape.instances(of: station).map { served[$0] }
    }

    public func slowFactor(of componentID: String) -> Double {
        design.index(of: componentID).map { slowFactor[$0] } ?? 1
    }

    public func drainNotices() -> [EngineNotice] {
        defer { notices.removeAll(keepingCapacity: true) }
        return notices
    }

    /// After a health check has noticed a crash, balancers pick another instance.
    func healthy(_ target: Target, among targets: [Target]) -> Target {
        let instance = Int(target.instance)
        guard down[instance], now >= downSince[instance] + healthCheckDelayS else { return target }
        if !detectedDown[instance] {
            detectedDown[instance] = true
            let station = Int(target.station)
            let offset = instance - Int(shape.instanceBase[station])
            notices.append(EngineNotice(time: now, message: "health check removed \(shape.ids[station])#\(offset) from rotation"))
        }
        let start = Int(StableHash.mix(jobs.count == 0 ? 0 : UInt64(eventsProcessed)) % UInt64(targets.count))
        for step in 0..<targets.count {
            let candidate = targets[(start + step) % targets.count]
            let index = Int(candidate.instance)
            if !down[index] || now < downSince[index] + healthCheckDelayS { return candidate }
        }
        return target
    }

    // MARK: Parameter edits

    /// Whether `other` has the same shape (components, kinds, instance counts, call targets and modes, routes),
    /// so that `apply` can switch to it without restarting.
    public func canApply(_ other: Design) -> Bool {
        Self.structure(of: other) == Self.structure(of: design)
    }

    /// What cannot change while a run goes on: the components, their kinds and slots (instances, partitions, shards ×
    /// replicas, an autoscaling group's maximum, consumers), who calls whom and how, caches' stores, dead-letter queues,
    /// the entry and the key model. Everything else — service times, workers, hit ratios, TTLs, strategies, retries,
    /// breakers, rate limits, lags — applies live.
    static func structure(of design: Design) -> [String] {
        design.components.map { component in
            "\(component.id)|\(component.kind.rawValue)|\(component.engineInstances)|\(component.instances)|"
                + "\(component.cache?.backing ?? "")|\(component.cache?.usesKeyModel == true)|\(component.queue?.deadLetter ?? "")|"
                + "\(component.queue?.consumers ?? 0)|\(component.autoscale?.maxInstances ?? 0)|\(component.region ?? "")|"
                + "\(component.rateLimit == nil)|"
                + component.calls.map { "\($0.to):\($0.mode.rawValue)" }.joined(separator: ",") + "|"
                + component.routes.joined(separator: ",")
        } + [design.workload.entry, String(describing: design.workload.keys), String(describing: design.network)]
    }

    /// Switches to an edited design of the same shape at the current simulated time; false when a restart is needed.
    @discardableResult
    public func apply(_ edited: Design) -> Bool {
        guard canApply(edited) else { return false }
        let previous = design
        design = edited
        shape = CompiledDesign(edited)
        samplers = Buffer(shape.samplers)
        calls = Buffer(shape.calls)
        rebuildPickers()
        patternIsConstant = edited.workload.pattern == .constant
        for station in shape.ids.indices {
            metrics.touch(station, now: now)
            workers[station] = shape.workers[station]
            if let group = scaling[station] {
                metrics.slots[station] = Double(group.online) * Double(shape.workers[station])
            } else if let queue = edited.components[station].queue {
                metrics.slots[station] = Double(min(queue.consumers, queue.partitions))
            } else {
                metrics.slots[station] = Double(shape.instanceCount[station]) * Double(shape.workers[station])
            }
            for instance in shape.instances(of: station) {
                queues[instance].capacity = max(shape.queueCapacity[station], queues[instance].count)
                // A queue's consumers take messages themselves (one per consumer, partition by partition).
                if behaviour[station] == .queue { continue }
                // More workers: start waiting requests at once.
                while queues[instance].count > 0, busy[instance] < workers[station], !down[instance] {
                    let job = Int(queues[instance].pop())
                    metrics.queued[station] -= 1
                    startService(job, station: station, instance: instance)
                }
            }
        }
        applyBlockSettings(edited, previous: previous)
        // Re-draw the next arrival from now with the (possibly new) rate and pattern.
        changeRate(to: edited.workload.rateRPS)
        return true
    }
}

extension Simulation {
    /// Processes events up to `target` but at most `budget` of them; when all are done the clock moves to `target`.
    /// The workbench calls this once per frame so input stays responsive when the engine cannot keep up.
    @discardableResult
    public func advance(to target: Double, budget: Int) -> Int {
        let limit = min(target, endTime)
        var done = 0
        while !isFinished, done < budget {
            let eventTime = events.peekTime
            let boundary = metrics.nextBoundary
            if boundary <= limit, boundary <= eventTime {
                crossBoundary(boundary)
                continue
            }
            guard eventTime <= limit else {
                if limit > now { now = limit }
                if now >= endTime { finish() }
                return done
            }
            process(events.pop())
            done += 1
        }
        return done
    }
}

extension Simulation {
    /// Carries new block settings into the running block state, keeping what it has learnt (a cache's entries, a
    /// queue's messages, calls in flight). A rate limit or breaker with new settings starts afresh.
    func applyBlockSettings(_ edited: Design, previous: Design) {
        for (station, component) in edited.components.enumerated() {
            if let settings = component.cache, let cache = caches[station] {
                cache.settings = settings
                if let capacity = settings.capacity, cache.lru != nil {
                    cache.lru!.capacity = capacity * component.instances
                    cache.lru!.ttlS = settings.ttlS
                }
            }
            if let settings = component.queue { queueRuntimes[station]?.settings = settings }
            if let settings = component.database {
                databases[station]?.settings = settings
                extraServiceS[station] = settings.sharding == .directory ? settings.directoryLookupS : 0
            }
            if let settings = component.autoscale { scaling[station]?.settings = settings }
            if component.rateLimit != previous.components[station].rateLimit || limiters[station] == nil {
                limiters[station] = component.rateLimit.map(LimiterRuntime.init)
            }
        }
        var index = 0
        for (station, component) in edited.components.enumerated() {
            for call in component.calls {
                let old = index < callRuntimes.count ? callRuntimes[index] : CallRuntime(nil)
                let before = previous.components[station].calls.indices.contains(index - Int(callStart[station]))
                    ? previous.components[station].calls[index - Int(callStart[station])] : nil
                var fresh = CallRuntime(call)
                fresh.inflight = old.inflight
                fresh.dropFraction = old.dropFraction
                if before?.breaker == call.breaker { fresh.breaker = old.breaker }
                fresh.breakerChanges = old.breakerChanges
                if index < callRuntimes.count { callRuntimes[index] = fresh } else { callRuntimes.append(fresh) }
                index += 1
            }
        }
        behaviour = Buffer(shape.behaviour)
        limitedStation = Buffer(shape.rateLimited)
    }
}
