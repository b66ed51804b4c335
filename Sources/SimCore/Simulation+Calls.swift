import Foundation
import Model

/// Resilient calls: network latency, lost calls, retries with backoff, circuit breakers, bulkheads and hedging;
/// and rate limits in front of a station.
extension Simulation {
    // MARK: Rate limits

    /// Takes a token for the request; when none is left the request ends as rate-limited (429).
    func admit(_ job: Int, at station: Int) -> Bool {
        let bucket = limiters[station]!.perClient
            ? Int(StableHash.mix(jobs[job].key ^ 0x5bd1_e995) % UInt64(limiters[station]!.buckets.count)) : 0
        if limiters[station]!.buckets[bucket].take(now: now) { return true }
        jobs[job].station = Int32(station)
        metrics.stationFailed(station, .rateLimited, now: now)
        fail(job, .rateLimited)
        return false
    }

    // MARK: Sending

    /// Sends a sync call that needs the resilient path; the caller's worker stays held.
    func issueCall(_ job: Int, call index: Int) {
        let station = Int(jobs[job].station)
        if callRuntimes[index].breaker != nil, !allowedByBreaker(index) {
            if metrics.measuring { metrics.blocks[station].breakerRejected += 1 }
            jobs[job].currentCall = -1
            abandon(job, .failed)
            return
        }
        if callRuntimes[index].bulkhead > 0, callRuntimes[index].inflight >= callRuntimes[index].bulkhead {
            if metrics.measuring { metrics.blocks[station].bulkheadRejected += 1 }
            jobs[job].currentCall = -1
            abandon(job, .rejected)
            return
        }
        jobs[job].currentCall = Int32(index)
        jobs[job].outstanding = 1
        let call = calls[index]
        if call.timeoutS > 0 {
            events.push(time: now + call.timeoutS, kind: .callTimeout, job: UInt32(job),
                        generation: jobs[job].generation, token: jobs[job].waitToken)
        }
        if callRuntimes[index].hedgeAfterS > 0 {
            events.push(time: now + callRuntimes[index].hedgeAfterS, kind: .hedge, job: UInt32(job),
                        generation: jobs[job].generation, token: jobs[job].waitToken)
        }
        sendChild(of: job, call: index)
    }

    func sendChild(of job: Int, call index: Int) {
        let child = allocateJob(role: .syncChild, requestClass: jobs[job].requestClass, key: jobs[job].key)
        jobs[child].parent = Int32(job)
        jobs[child].parentGeneration = jobs[job].generation
        jobs[child].parentToken = jobs[job].waitToken
        jobs[child].call = Int32(index)
        jobs[job].child = UInt32(child)
        jobs[job].childGeneration = jobs[child].generation
        callRuntimes[index].inflight += 1
        deliver(child, call: index, from: Int(jobs[job].station))
    }

    /// Puts a call's request on the network: it may be lost (drop, partition), or arrive after the latency.
    func deliver(_ child: Int, call index: Int, from station: Int) {
        let call = calls[index]
        var lost = call.crossRegion && (partitionedRegion[Int(call.callerRegion)] || partitionedRegion[Int(call.calleeRegion)])
        if !lost, callRuntimes[index].dropFraction > 0 {
            lost = routingRNG[station].uniform() < callRuntimes[index].dropFraction
        }
        if lost {
            if metrics.measuring { metrics.blocks[station].lostCalls += 1 }
            if jobs[child].role == .syncChild, call.timeoutS > 0 {
                // Nobody answers: the caller finds out when its timeout fires.
                callRuntimes[index].inflight -= 1
                release(child)
            } else {
                // Without a timeout the caller would wait for ever: a lost connection is an error at once.
                jobs[child].station = Int32(station)
                fail(child, .failed)
            }
            return
        }
        let delay = oneWayDelay(index, station: station)
        if delay > 0 {
            events.push(time: now + delay, kind: .delayedArrival, job: UInt32(child), generation: jobs[child].generation,
                        token: UInt32(call.target))
        } else {
            arrive(child, at: Int(call.target))
        }
    }

    @inline(__always)
    func oneWayDelay(_ index: Int, station: Int) -> Double {
        let call = calls[index]
        var delay = call.latencyS
        if call.jitterS > 0 { delay += call.jitterS * routingRNG[station].uniform() }
        return delay
    }

    // MARK: Answers

    func recordCallOutcome(_ index: Int, success: Bool) {
        guard callRuntimes[index].breaker != nil else { return }
        let before = callRuntimes[index].breaker!.state
        callRuntimes[index].breaker!.record(success: success, now: now)
        breakerMayHaveChanged(index, from: before)
    }

    /// Asks the breaker (which may move from open to half-open as time passes) whether the call may go.
    func allowedByBreaker(_ index: Int) -> Bool {
        let before = callRuntimes[index].breaker!.state
        let allowed = callRuntimes[index].breaker!.allow(now: now)
        breakerMayHaveChanged(index, from: before)
        return allowed
    }

    func breakerMayHaveChanged(_ index: Int, from before: CircuitBreaker.State) {
        let after = callRuntimes[index].breaker!.state
        guard after != before else { return }
        if after == .open, metrics.measuring { metrics.blocks[callerStation(of: index)].breakerOpenings += 1 }
        if callRuntimes[index].breakerChanges.count < CallRuntime.maxChanges {
            let name: String
            switch after {
            case .closed: name = "closed"
            case .open: name = "open"
            case .halfOpen: name = "half_open"
            }
            callRuntimes[index].breakerChanges.append(BreakerChange(time: now, target: shape.ids[Int(calls[index].target)], state: name))
        }
    }

    func callerStation(of index: Int) -> Int {
        var station = 0
        while station + 1 < shape.ids.count, Int(callEnd[station]) <= index { station += 1 }
        return station
    }

    /// A child of a resilient call answered; the caller goes on unless it stopped waiting for this answer.
    func answered(parent: Int, generation: UInt32, token: UInt32, call index: Int) {
        callRuntimes[index].inflight -= 1
        guard parent >= 0, jobs[parent].generation == generation, jobs[parent].waitToken == token else { return }
        recordCallOutcome(index, success: true)
        jobs[parent].waitToken &+= 1
        jobs[parent].currentCall = -1
        jobs[parent].attempt = 0
        jobs[parent].outstanding = 0
        let delay = oneWayDelay(index, station: Int(jobs[parent].station))
        if delay > 0 {
            events.push(time: now + delay, kind: .resume, job: UInt32(parent), generation: jobs[parent].generation,
                        token: jobs[parent].waitToken)
        } else {
            continueCalls(parent)
        }
    }

    /// A child of a resilient call failed: wait for a hedged twin, retry, or give up.
    func callFailed(parent: Int, generation: UInt32, token: UInt32, call index: Int, _ outcome: Outcome) {
        callRuntimes[index].inflight -= 1
        guard parent >= 0, jobs[parent].generation == generation, jobs[parent].waitToken == token else { return }
        if jobs[parent].outstanding > 1 {
            jobs[parent].outstanding -= 1
            return
        }
        recordCallOutcome(index, success: false)
        if retryIfAllowed(parent, call: index) { return }
        jobs[parent].currentCall = -1
        abandon(parent, outcome)
    }

    /// Schedules another try after the backoff when the call has retries left.
    func retryIfAllowed(_ job: Int, call index: Int) -> Bool {
        guard let policy = callRuntimes[index].retry, Int(jobs[job].attempt) < policy.maxRetries else { return false }
        let station = Int(jobs[job].station)
        let attempt = Int(jobs[job].attempt)
        jobs[job].attempt += 1
        jobs[job].waitToken &+= 1
        jobs[job].outstanding = 0
        if metrics.measuring { metrics.blocks[station].retries += 1 }
        let previous = attempt == 0 ? policy.baseS : policy.exponentialS(attempt: attempt - 1)
        let delay = policy.delay(attempt: attempt, previousS: previous, rng: &routingRNG[station])
        events.push(time: now + delay, kind: .retryCall, job: UInt32(job), generation: jobs[job].generation,
                    token: jobs[job].waitToken)
        return true
    }

    // MARK: Events

    func processBlockEvent(_ event: Event) {
        let job = Int(event.job)
        switch event.kind {
        case .delayedArrival:
            if jobs[job].generation == event.generation { arrive(job, at: Int(event.token)) }
        case .resume:
            if jobs[job].generation == event.generation, jobs[job].waitToken == event.token { continueCalls(job) }
        case .retryCall:
            if jobs[job].generation == event.generation, jobs[job].waitToken == event.token {
                issueCall(job, call: Int(jobs[job].currentCall))
            }
        case .hedge:
            if jobs[job].generation == event.generation, jobs[job].waitToken == event.token, jobs[job].currentCall >= 0 {
                let station = Int(jobs[job].station)
                if metrics.measuring { metrics.blocks[station].hedges += 1 }
                jobs[job].outstanding += 1
                sendChild(of: job, call: Int(jobs[job].currentCall))
            }
        case .redeliver:
            if jobs[job].generation == event.generation { queueArrive(job, at: Int(jobs[job].station)) }
        case .flush:
            flush(station: job, epoch: event.generation, key: event.token)
        case .delayedLeave:
            if jobs[job].generation == event.generation { leaveStation(job, station: Int(jobs[job].station)) }
        case .failure:
            applyFailure(index: job, heal: event.token == 1)
        case .autoscaleTick:
            autoscale(station: job)
        case .instanceBooted:
            instanceBooted(station: job, instance: Int(event.token))
        case .externalArrival, .serviceComplete, .callTimeout:
            break
        }
    }
}
