import Model

/// Setting up the block behaviours, the failure timeline and autoscaling groups.
extension Simulation {
    func setUpBlocks() {
        let count = shape.ids.count
        behaviour = Buffer(shape.behaviour)
        limitedStation = Buffer(shape.rateLimited)
        online = Buffer(repeating: true, count: shape.totalInstances)
        partitionedRegion = [Bool](repeating: false, count: shape.regions.count)
        extraServiceS = [Double](repeating: 0, count: count)
        if let keys = design.workload.keys { keySampler = ZipfSampler(count: keys.count, exponent: keys.zipf) }
        let keyCount = design.workload.keys?.count
        caches = []; queueRuntimes = []; databases = []; limiters = []; scaling = []
        for (station, component) in design.components.enumerated() {
            caches.append(component.cache.map { CacheRuntime(component, backing: design.index(of: $0.backing)!, keyspace: keyCount) })
            queueRuntimes.append(component.queue.map { QueueRuntime($0, deadLetter: $0.deadLetter.flatMap(design.index(of:)) ?? -1) })
            databases.append(component.database.map { DatabaseRuntime($0, id: component.id, keyCount: keyCount) })
            limiters.append(component.rateLimit.map(LimiterRuntime.init))
            if let settings = component.database, settings.sharding == .directory { extraServiceS[station] = settings.directoryLookupS }
            if let settings = component.queue {
                for instance in shape.instances(of: station) { queues[instance].capacity = settings.capacity }
                metrics.slots[station] = Double(min(settings.consumers, settings.partitions))
            }
            if let settings = component.autoscale {
                let runtime = ScalingRuntime(settings, initial: component.instances)
                scaling.append(runtime)
                for (offset, instance) in shape.instances(of: station).enumerated() where offset >= component.instances {
                    online[instance] = false
                }
                metrics.slots[station] = Double(component.instances * component.workers)
                events.push(time: settings.intervalS, kind: .autoscaleTick, job: UInt32(station))
            } else {
                scaling.append(nil)
            }
        }
        callRuntimes = []
        for component in design.components {
            for call in component.calls { callRuntimes.append(CallRuntime(call)) }
        }
        if scaling.contains(where: { $0 != nil }) { rebuildPickers() }
        for (index, event) in design.failures.enumerated() {
            events.push(time: event.atS, kind: .failure, job: UInt32(index), token: 0)
            if let until = event.untilS { events.push(time: until, kind: .failure, job: UInt32(index), token: 1) }
        }
    }

    /// Pickers over the instances that are online (autoscaling changes them).
    func rebuildPickers() {
        let (newBalancers, newRoutes) = Self.pickers(for: design, shape: shape) { self.online[$0] }
        balancers = Buffer(newBalancers)
        routePickers = Buffer(newRoutes)
    }

    // MARK: Failure timeline

    func applyFailure(index: Int, heal: Bool) {
        let event = design.failures[index]
        switch event.action {
        case .crash(let id, let instance):
            guard let station = design.index(of: id) else { return }
            let offsets = instance.map { [$0] } ?? Array(0..<Int(shape.instanceCount[station]))
            for offset in offsets {
                if heal { recover(id, instance: offset) } else { crash(id, instance: offset) }
            }
            if !heal, behaviour[station] == .cache { coldRestart(station, instance: instance) }
        case .slow(let id, let factor):
            slow(id, factor: heal ? 1 : factor)
        case .drop(let from, let to, let fraction):
            guard let station = design.index(of: from), let target = design.index(of: to) else { return }
            for call in Int(callStart[station])..<Int(callEnd[station]) where Int(calls[call].target) == target {
                callRuntimes[call].dropFraction = heal ? 0 : fraction
            }
        case .partition(let region):
            if let index = shape.regions.firstIndex(of: region) { partitionedRegion[index] = !heal }
        }
        notices.append(EngineNotice(time: now, message: (heal ? "healed: " : "failure: ") + event.summary))
    }

    // MARK: Autoscaling

    func autoscale(station: Int) {
        let group = scaling[station]!
        let settings = group.settings
        metrics.touch(station, now: now)
        let busyTime = metrics.busyIntegral[station] - group.busyAtLastTick
        let slotTime = metrics.slotIntegral[station] - group.slotsAtLastTick
        group.busyAtLastTick = metrics.busyIntegral[station]
        group.slotsAtLastTick = metrics.slotIntegral[station]
        let utilisation = slotTime > 0 ? busyTime / slotTime : 0
        // The Kubernetes HPA rule, desired = ceil(current × observed / target), with "current × observed" taken as the
        // busy workers averaged over the interval (per instance): instances that joined mid-interval count only for
        // the time they served.
        let busyInstances = busyTime / settings.intervalS / Double(workers[station])
        var desired = Int((busyInstances / settings.targetUtilisation - 1e-9).rounded(.up))
        desired = min(settings.maxInstances, max(settings.minInstances, desired))
        let planned = group.online + group.booting
        let instances = shape.instances(of: station)
        if desired > planned {
            var toBoot = desired - planned
            for instance in instances where toBoot > 0 && !online[instance] && !booting(instance, station: station) {
                bootingInstances[instance] = now + settings.bootS
                group.booting += 1
                toBoot -= 1
                events.push(time: now + settings.bootS, kind: .instanceBooted, job: UInt32(station), token: UInt32(instance))
            }
            notices.append(EngineNotice(time: now, message: "\(shape.ids[station]) scaling out to \(desired) (utilisation \(Int((utilisation * 100).rounded()))%)"))
        } else if desired < planned, group.booting > 0 {
            // Cancel instances still booting before removing any that serve.
            var cancel = min(group.booting, planned - desired)
            for instance in instances.reversed() where cancel > 0 && bootingInstances[instance] != nil {
                bootingInstances[instance] = nil
                group.booting -= 1
                cancel -= 1
            }
        }
        if desired < group.online {
            // Scale in gently: at most half the surplus per evaluation; removed instances finish their queue.
            let remove = max(1, (group.online - desired) / 2)
            var removed = 0
            for instance in instances.reversed() where removed < remove && online[instance] {
                online[instance] = false
                removed += 1
            }
            group.online -= removed
            metrics.slots[station] = Double(group.online) * Double(workers[station])
            group.record(now)
            rebuildPickers()
            notices.append(EngineNotice(time: now, message: "\(shape.ids[station]) scaled in to \(group.online)"))
        }
        if now + settings.intervalS <= endTime {
            events.push(time: now + settings.intervalS, kind: .autoscaleTick, job: UInt32(station))
        }
    }

    func booting(_ instance: Int, station: Int) -> Bool { bootingInstances[instance] != nil }

    func instanceBooted(station: Int, instance: Int) {
        let group = scaling[station]!
        // A boot cancelled by a later scale-in never joins (nor does an old boot of an instance booting again).
        guard bootingInstances[instance] == now else { return }
        bootingInstances[instance] = nil
        group.booting -= 1
        metrics.touch(station, now: now)
        online[instance] = true
        group.online += 1
        metrics.slots[station] = Double(group.online) * Double(workers[station])
        group.record(now)
        rebuildPickers()
    }
}
