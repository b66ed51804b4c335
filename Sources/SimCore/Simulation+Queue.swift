import Model

/// Queues and topics: partitions consumed in order by a consumer group, overflow, retries, dead letters,
/// at-least-once redelivery.
extension Simulation {
    func queueArrive(_ job: Int, at station: Int) {
        let queue = queueRuntimes[station]!
        let partitions = queue.settings.partitions
        let partition = Int(StableHash.mix(jobs[job].key) % UInt64(partitions))
        let instance = Int(shape.instanceBase[station]) + partition
        jobs[job].station = Int32(station)
        jobs[job].instance = Int32(instance)
        jobs[job].stationArrival = now
        if metrics.measuring, jobs[job].deliveries == 0, !jobs[job].flags.contains(.duplicate) {
            metrics.blocks[station].published += 1
        }
        if down[instance] {
            metrics.stationFailed(station, .failed, now: now)
            fail(job, .failed)
            return
        }
        let consumer = partition % queue.settings.consumers
        if !queue.consumerBusy[consumer], queues[instance].count == 0 {
            startConsuming(job, station: station, instance: instance, consumer: consumer)
        } else if queue.stored < queue.settings.capacity {
            metrics.touch(station, now: now)
            queues[instance].push(UInt32(job))
            queue.stored += 1
            metrics.queued[station] += 1
        } else {
            if metrics.measuring { metrics.blocks[station].dropped += 1 }
            metrics.stationRejected(station, now: now)
            fail(job, .rejected)
        }
    }

    func startConsuming(_ job: Int, station: Int, instance: Int, consumer: Int) {
        queueRuntimes[station]!.consumerBusy[consumer] = true
        jobs[job].flags.insert(.consuming)
        startService(job, station: station, instance: instance)
    }

    /// A consumer finished its processing time: the message may fail, be a duplicate, or go on to its calls.
    func messageProcessed(_ job: Int, station: Int) {
        let queue = queueRuntimes[station]!
        if queue.settings.failureProbability > 0, routingRNG[station].uniform() < queue.settings.failureProbability {
            freeWorker(job, station: station)
            metrics.stationFailed(station, .failed, now: now)
            messageFailed(job)
            return
        }
        if jobs[job].flags.contains(.duplicate) {
            if queue.settings.idempotent {
                if metrics.measuring { metrics.blocks[station].deduplicated += 1 }
                leaveStation(job, station: station)
                return
            }
            if metrics.measuring { metrics.blocks[station].duplicatesProcessed += 1 }
        }
        continueCalls(job)
    }

    /// The consumer is done with the message: true when the message stays in the queue (its ack was lost).
    func messageDone(_ job: Int, station: Int) -> Bool {
        jobs[job].flags.remove(.consuming)
        if !jobs[job].flags.contains(.delivered) {
            jobs[job].flags.insert(.delivered)
            if metrics.measuring { metrics.asyncLatency[station].record(now - jobs[job].born) }
        }
        let queue = queueRuntimes[station]!
        if queue.settings.ackLoss > 0, routingRNG[station].uniform() < queue.settings.ackLoss {
            if metrics.measuring { metrics.blocks[station].redelivered += 1 }
            jobs[job].flags.insert(.duplicate)
            queueArrive(job, at: station)
            return true
        }
        return false
    }

    /// Frees the consumer, which takes the next message from its partitions in turn; room lets a waiting producer in.
    func consumerFreed(_ job: Int, station: Int) {
        let instance = Int(jobs[job].instance)
        metrics.touch(station, now: now)
        busy[instance] -= 1
        metrics.busy[station] -= 1
        jobs[job].holdsWorker = false
        let queue = queueRuntimes[station]!
        let partitions = queue.settings.partitions, consumers = queue.settings.consumers
        let base = Int(shape.instanceBase[station])
        let partition = instance - base
        let consumer = partition % consumers
        queue.consumerBusy[consumer] = false
        let owned = (partitions - 1 - consumer) / consumers + 1
        let position = (partition - consumer) / consumers
        for step in 1...owned {
            let next = base + consumer + ((position + step) % owned) * consumers
            if queues[next].count > 0, !down[next] {
                let message = Int(queues[next].pop())
                queue.stored -= 1
                metrics.queued[station] -= 1
                startConsuming(message, station: station, instance: next, consumer: consumer)
                break
            }
        }
        while queue.stored < queue.settings.capacity, let child = queue.popBlocked() {
            admitBlocked(Int(child), queue: station)
        }
    }

    /// Processing failed: deliver again after the retry delay, or send it to the dead-letter queue.
    func messageFailed(_ job: Int) {
        jobs[job].flags.remove(.consuming)
        let station = Int(jobs[job].station)
        let queue = queueRuntimes[station]!
        jobs[job].deliveries += 1
        if Int(jobs[job].deliveries) > queue.settings.maxRetries {
            if metrics.measuring { metrics.blocks[station].deadLettered += 1 }
            if queue.deadLetter >= 0 {
                jobs[job].deliveries = 0
                jobs[job].flags = []
                arrive(job, at: queue.deadLetter)
            } else {
                metrics.asyncFinished(.failed)
                release(job)
            }
            return
        }
        if metrics.measuring { metrics.blocks[station].redelivered += 1 }
        events.push(time: now + queue.settings.retryDelayS, kind: .redeliver, job: UInt32(job), generation: jobs[job].generation)
    }

    // MARK: Backpressure

    func mustWaitForRoom(_ station: Int) -> Bool {
        let queue = queueRuntimes[station]!
        return queue.settings.overflow == .block && queue.stored >= queue.settings.capacity
    }

    /// The producer's worker waits until the full queue has room for its message.
    func waitForRoom(_ job: Int, queue station: Int) {
        let child = allocateJob(role: .syncChild, requestClass: jobs[job].requestClass, key: jobs[job].key)
        jobs[child].parent = Int32(job)
        jobs[child].parentGeneration = jobs[job].generation
        jobs[child].station = Int32(station)
        jobs[job].child = UInt32(child)
        jobs[job].childGeneration = jobs[child].generation
        if metrics.measuring { metrics.blocks[station].blockedProducers += 1 }
        queueRuntimes[station]!.blocked.append(UInt32(child))
    }

    func admitBlocked(_ child: Int, queue station: Int) {
        guard jobs[child].live else { return }
        let parent = Int(jobs[child].parent)
        let parentGeneration = jobs[child].parentGeneration
        jobs[child].role = .asyncChild
        jobs[child].parent = -1
        jobs[child].born = now
        metrics.asyncStarted(station)
        queueArrive(child, at: station)
        if parent >= 0, jobs[parent].generation == parentGeneration {
            jobs[parent].waitToken &+= 1
            continueCalls(parent)
        }
    }
}
