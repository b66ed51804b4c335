import Foundation
import Model

/// How requests move: arrivals, queues, service, calls, forwarding, completion and failure.
extension Simulation {
    // MARK: Workload

    func scheduleNextArrival(after start: Double) {
        let time: Double
        switch design.workload.arrivals {
        case .constant:
            time = start + 1 / max(design.workload.pattern.rate(base: baseRateRPS, at: start), 1e-9)
        case .poisson:
            // Thinning (Lewis–Shedler): candidates at the peak rate, kept with probability rate(t)/peak.
            var t = start
            let pattern = design.workload.pattern
            while true {
                t += -log(arrivalRNG.uniformPositive()) / peakRateRPS
                if patternIsConstant || t > endTime { break }
                if arrivalRNG.uniform() * peakRateRPS <= pattern.rate(base: baseRateRPS, at: t) { break }
            }
            time = t
        }
        if time <= endTime { events.push(time: time, kind: .externalArrival, token: arrivalToken) }
    }

    func externalArrival() {
        scheduleNextArrival(after: now)
        var requestClass: Int32 = -1
        if !shape.classCumulative.isEmpty {
            let u = arrivalRNG.uniform()
            requestClass = Int32(shape.classCumulative.firstIndex { u < $0 } ?? shape.classCumulative.count - 1)
        }
        let key = keySampler.map { UInt64($0.sample(&arrivalRNG)) } ?? arrivalRNG.next()
        let job = allocateJob(role: .root, requestClass: requestClass, key: key)
        jobs[job].sequence = nextRootSequence
        nextRootSequence &+= 1
        metrics.rootArrived(at: now)
        arrive(job, at: Int(shape.entry))
    }

    // MARK: Job pool

    @inline(__always)
    func allocateJob(role: JobRole, requestClass: Int32, key: UInt64) -> Int {
        let index = jobs.allocate()
        jobs[index].role = role
        jobs[index].requestClass = requestClass
        jobs[index].key = key
        jobs[index].parent = -1
        jobs[index].born = now
        jobs[index].callIndex = 0
        jobs[index].call = -1
        jobs[index].currentCall = -1
        jobs[index].attempt = 0
        jobs[index].outstanding = 0
        jobs[index].deliveries = 0
        jobs[index].flags = []
        jobs[index].fill = -1
        return index
    }

    @inline(__always)
    func release(_ job: Int) {
        jobs.release(job)
    }

    // MARK: Stations

    /// A request reaches a station; the station's balancing picks the instance.
    func arrive(_ job: Int, at station: Int) {
        if limitedStation[station], !admit(job, at: station) { return }
        switch behaviour[station] {
        case .queue:
            queueArrive(job, at: station)
            return
        case .database:
            arrive(job, at: station, instance: databaseNode(job, station: station))
            return
        default:
            break
        }
        var target = balancers[station].pick(rng: &routingRNG[station], key: jobs[job].key, load: instanceLoad)
        if anyDown { target = healthy(target, among: balancers[station].targets) }
        arrive(job, at: station, instance: Int(target.instance))
    }

    /// Requests at an instance: waiting plus in service (what least-connections and power-of-two compare).
    @inline(__always)
    func instanceLoad(_ target: Target) -> Int {
        Int(busy[Int(target.instance)]) + queues[Int(target.instance)].count
    }

    func arrive(_ job: Int, at station: Int, instance: Int) {
        jobs[job].station = Int32(station)
        jobs[job].instance = Int32(instance)
        jobs[job].stationArrival = now
        if down[instance] {
            // A crashed instance refuses connections.
            metrics.stationFailed(station, .failed, now: now)
            fail(job, .failed)
            return
        }
        if busy[instance] < workers[station] {
            startService(job, station: station, instance: instance)
        } else if !queues[instance].isFull {
            metrics.touch(station, now: now)
            queues[instance].push(UInt32(job))
            metrics.queued[station] += 1
        } else {
            metrics.stationRejected(station, now: now)
            fail(job, .rejected)
        }
    }

    @inline(__always)
    func startService(_ job: Int, station: Int, instance: Int) {
        metrics.touch(station, now: now)
        busy[instance] += 1
        if metrics.measuring { served[instance] += 1 }
        metrics.busy[station] += 1
        jobs[job].holdsWorker = true
        metrics.recordWait(station, now - jobs[job].stationArrival, now: now)
        var duration = samplers[station].sample(&serviceRNG[station])
        if slowFactor[station] != 1 { duration *= slowFactor[station] }
        if behaviour[station] == .database { duration += extraServiceS[station] }
        events.push(time: now + duration, kind: .serviceComplete, job: UInt32(job), generation: jobs[job].generation)
    }

    func serviceComplete(_ job: Int) {
        let station = Int(jobs[job].station)
        jobs[job].callIndex = callStart[station]
        switch behaviour[station] {
        case .plain:
            continueCalls(job)
        case .cache:
            cacheServed(job, station: station)
        case .queue:
            messageProcessed(job, station: station)
        case .database:
            databaseServed(job, station: station)
            continueCalls(job)
        }
    }

    /// Makes the station's remaining calls in order; returns early while a sync call is outstanding.
    func continueCalls(_ job: Int) {
        let station = Int(jobs[job].station)
        var index = Int(jobs[job].callIndex)
        let end = Int(callEnd[station])
        while index < end {
            let call = calls[index]
            index += 1
            if call.mode == .forward { continue }
            if call.requestClass >= 0, call.requestClass != jobs[job].requestClass { continue }
            if call.probability < 1, routingRNG[station].uniform() >= call.probability { continue }
            if call.mode == .async {
                if behaviour[Int(call.target)] == .queue, mustWaitForRoom(Int(call.target)) {
                    jobs[job].callIndex = Int32(index)
                    waitForRoom(job, queue: Int(call.target))
                    return
                }
                let child = allocateJob(role: .asyncChild, requestClass: jobs[job].requestClass, key: jobs[job].key)
                metrics.asyncStarted(station)
                if call.resilient {
                    deliver(child, call: index - 1, from: station)
                } else {
                    arrive(child, at: Int(call.target))
                }
                continue
            }
            if call.resilient {
                jobs[job].callIndex = Int32(index)
                issueCall(job, call: index - 1)
                return
            }
            // Sync: hold the worker until the answer (or the timeout).
            jobs[job].callIndex = Int32(index)
            let child = allocateJob(role: .syncChild, requestClass: jobs[job].requestClass, key: jobs[job].key)
            jobs[child].parent = Int32(job)
            jobs[child].parentGeneration = jobs[job].generation
            jobs[job].child = UInt32(child)
            jobs[job].childGeneration = jobs[child].generation
            if call.timeoutS > 0 {
                events.push(time: now + call.timeoutS, kind: .callTimeout, job: UInt32(job),
                            generation: jobs[job].generation, token: jobs[job].waitToken)
            }
            // The child may answer (or fail) inline; nothing may touch `job` after this.
            arrive(child, at: Int(call.target))
            return
        }
        leaveStation(job, station: station)
    }

    /// Frees the worker, starts the next waiting request, then forwards or completes this one.
    func leaveStation(_ job: Int, station: Int) {
        freeWorker(job, station: station)
        metrics.recordResponse(station, now - jobs[job].stationArrival, now: now)
        if behaviour[station] == .queue, messageDone(job, station: station) { return }
        if routePickers[station] != nil {
            if routePickers[station]!.targets.isEmpty {
                // A balancer with no backends yet (being built in the workbench): nothing can serve the request.
                metrics.stationFailed(station, .failed, now: now)
                fail(job, .failed)
                return
            }
            var target = routePickers[station]!.pick(rng: &routingRNG[station], key: jobs[job].key, load: instanceLoad)
            if anyDown { target = healthy(target, among: routePickers[station]!.targets) }
            arrive(job, at: Int(target.station), instance: Int(target.instance))
            return
        }
        if hasForward[station], let next = chooseForward(job, station: station) {
            arrive(job, at: next)
            return
        }
        complete(job)
    }

    func freeWorker(_ job: Int, station: Int) {
        if behaviour[station] == .queue {
            consumerFreed(job, station: station)
            return
        }
        let instance = Int(jobs[job].instance)
        metrics.touch(station, now: now)
        busy[instance] -= 1
        metrics.busy[station] -= 1
        jobs[job].holdsWorker = false
        if queues[instance].count > 0, busy[instance] < workers[station] {
            let next = Int(queues[instance].pop())
            metrics.queued[station] -= 1
            startService(next, station: station, instance: instance)
        }
    }

    /// Forward calls form one routing choice: at most one fires, by their probabilities.
    func chooseForward(_ job: Int, station: Int) -> Int? {
        let u = routingRNG[station].uniform()
        var cumulative = 0.0
        for index in Int(callStart[station])..<Int(callEnd[station]) {
            let call = calls[index]
            guard call.mode == .forward else { continue }
            if call.requestClass >= 0, call.requestClass != jobs[job].requestClass { continue }
            cumulative += call.probability
            if u < cumulative { return Int(call.target) }
        }
        return nil
    }

    // MARK: Endings

    func complete(_ job: Int) {
        if jobs[job].fill >= 0 { fillCache(job) }
        switch jobs[job].role {
        case .root:
            metrics.rootFinished(.completed, latency: now - jobs[job].born, requestClass: jobs[job].requestClass, now: now)
            mixFingerprint(jobs[job].sequence, .completed)
            release(job)
        case .asyncChild:
            metrics.asyncFinished(.completed)
            release(job)
        case .syncChild:
            let parent = Int(jobs[job].parent)
            let parentGeneration = jobs[job].parentGeneration
            let call = Int(jobs[job].call)
            let token = jobs[job].parentToken
            release(job)
            if call >= 0 {
                answered(parent: parent, generation: parentGeneration, token: token, call: call)
            } else if parent >= 0, jobs[parent].generation == parentGeneration {
                jobs[parent].waitToken &+= 1
                continueCalls(parent)
            }
        }
    }

    func fail(_ job: Int, _ outcome: Outcome) {
        switch jobs[job].role {
        case .asyncChild where jobs[job].flags.contains(.consuming):
            messageFailed(job)
        case .root:
            metrics.rootFinished(outcome, latency: now - jobs[job].born, requestClass: jobs[job].requestClass, now: now)
            mixFingerprint(jobs[job].sequence, outcome)
            release(job)
        case .asyncChild:
            metrics.asyncFinished(outcome)
            release(job)
        case .syncChild:
            let parent = Int(jobs[job].parent)
            let parentGeneration = jobs[job].parentGeneration
            let call = Int(jobs[job].call)
            let token = jobs[job].parentToken
            release(job)
            if call >= 0 {
                callFailed(parent: parent, generation: parentGeneration, token: token, call: call, outcome)
            } else if parent >= 0, jobs[parent].generation == parentGeneration {
                abandon(parent, outcome)
            }
        }
    }

    /// A caller whose sync call failed gives up: its worker is freed and the failure travels up.
    func abandon(_ job: Int, _ outcome: Outcome) {
        jobs[job].waitToken &+= 1
        let station = Int(jobs[job].station)
        freeWorker(job, station: station)
        metrics.stationFailed(station, outcome, now: now)
        fail(job, outcome)
    }

    func callTimedOut(_ job: Int) {
        // The callee keeps working (wasted work, as in real systems); its answer will find no one waiting.
        let child = Int(jobs[job].child)
        if jobs[child].generation == jobs[job].childGeneration { jobs[child].parent = -1 }
        let call = Int(jobs[job].currentCall)
        if call >= 0 {
            recordCallOutcome(call, success: false)
            if retryIfAllowed(job, call: call) { return }
        }
        abandon(job, .timedOut)
    }

    @inline(__always)
    func mixFingerprint(_ sequence: UInt64, _ outcome: Outcome) {
        var hash = fingerprintHash
        hash = (hash ^ sequence) &* 0x0000_0100_0000_01B3
        hash ^= hash >> 29
        hash = (hash ^ now.bitPattern) &* 0x0000_0100_0000_01B3
        hash ^= hash >> 29
        hash = (hash ^ UInt64(outcome.rawValue)) &* 0x0000_0100_0000_01B3
        fingerprintHash = hash ^ (hash >> 29)
    }
}
