import Model

/// Everything the engine measures. Integrals are updated lazily (on each change at a station);
/// counters and recorders count only after the warm-up; per-second series cover the whole run.
final class MetricsState {
    let stationCount: Int
    var slots: [Double]
    let warmupTime: Double
    var measuring: Bool
    var nextTick: Double = 1
    var nextBoundary: Double

    // Occupancy and its time integrals, per station.
    let busy: Buffer<Int32>
    let queued: Buffer<Int32>
    let lastTouch: Buffer<Double>
    let busyIntegral: Buffer<Double>
    let queueIntegral: Buffer<Double>
    var busyAtWarmup: [Double]
    var queueAtWarmup: [Double]
    var busyAtTick: [Double]
    var queueAtTick: [Double]

    // Per station, after warm-up.
    let completions: Buffer<Int>
    let rejected: Buffer<Int>
    let timedOut: Buffer<Int>
    let failed: Buffer<Int>
    let asyncCalls: Buffer<Int>
    let wait: Buffer<LatencyRecorder>
    let response: Buffer<LatencyRecorder>

    // End to end, after warm-up.
    var offered = 0
    var completed = 0
    var rootRejected = 0
    var rootTimedOut = 0
    var rootFailed = 0
    var rootRateLimited = 0
    /// Per station: what the block behaviours counted (after warm-up).
    let blocks: Buffer<BlockCounters>
    /// Queues: publish-to-processed latency of messages (after warm-up).
    let asyncLatency: Buffer<LatencyRecorder>
    /// Time integral of the slots a station offers (autoscaling changes them).
    let slotIntegral: Buffer<Double>
    var slotAtWarmup: [Double]
    var slotAtTick: [Double]
    var asyncCompleted = 0
    var asyncFailed = 0
    var endToEnd = LatencyRecorder()
    var perClass: [LatencyRecorder]
    var inSystem = 0
    var inSystemLastTouch = 0.0
    var inSystemIntegral = 0.0
    var inSystemAtWarmup = 0.0

    // Batch means: latency sum and count per simulated second after warm-up.
    var secondLatencySum = 0.0
    var secondLatencyCount = 0
    var batchSums: [Double] = []
    var batchCounts: [Int] = []

    // Per-second series for charts (whole run).
    var tickCompleted = 0
    var tickErrors = 0
    var tickOffered = 0
    var tickLatency = CoarseHistogram()
    let tickStationCompletions: Buffer<Int>
    let tickStationErrors: Buffer<Int>
    let tickStationLatency: Buffer<CoarseHistogram>
    var series: SeriesSet

    init(shape: CompiledDesign, options: RunOptions) {
        stationCount = shape.ids.count
        slots = shape.ids.indices.map { Double(shape.instanceCount[$0]) * Double(shape.workers[$0]) }
        warmupTime = options.warmupS
        measuring = options.warmupS <= 0
        nextBoundary = 1
        let zeros = [Double](repeating: 0, count: stationCount)
        let counts = [Int](repeating: 0, count: stationCount)
        busy = Buffer(repeating: 0, count: stationCount)
        queued = Buffer(repeating: 0, count: stationCount)
        lastTouch = Buffer(zeros); busyIntegral = Buffer(zeros); queueIntegral = Buffer(zeros)
        busyAtWarmup = zeros; queueAtWarmup = zeros; busyAtTick = zeros; queueAtTick = zeros
        completions = Buffer(counts); rejected = Buffer(counts); timedOut = Buffer(counts); failed = Buffer(counts)
        asyncCalls = Buffer(counts)
        blocks = Buffer(repeating: BlockCounters(), count: stationCount)
        asyncLatency = Buffer((0..<stationCount).map { _ in LatencyRecorder() })
        slotIntegral = Buffer(zeros); slotAtWarmup = zeros; slotAtTick = zeros
        tickStationCompletions = Buffer(counts)
        tickStationErrors = Buffer(counts)
        tickStationLatency = Buffer((0..<stationCount).map { _ in CoarseHistogram() })
        wait = Buffer((0..<stationCount).map { _ in LatencyRecorder() })
        response = Buffer((0..<stationCount).map { _ in LatencyRecorder() })
        perClass = shape.classNames.map { _ in LatencyRecorder() }
        series = SeriesSet(stations: shape.ids, capacity: options.seriesCapacity)
        nextBoundary = measuring ? nextTick : min(warmupTime, nextTick)
    }

    // MARK: Integrals

    @inline(__always)
    func touch(_ station: Int, now: Double) {
        let elapsed = now - lastTouch[station]
        if elapsed > 0 {
            busyIntegral[station] += Double(busy[station]) * elapsed
            queueIntegral[station] += Double(queued[station]) * elapsed
            slotIntegral[station] += slots[station] * elapsed
            lastTouch[station] = now
        }
    }

    @inline(__always)
    func touchInSystem(_ now: Double) {
        inSystemIntegral += Double(inSystem) * (now - inSystemLastTouch)
        inSystemLastTouch = now
    }

    // MARK: Events from the engine

    @inline(__always)
    func rootArrived(at now: Double) {
        touchInSystem(now)
        inSystem += 1
        tickOffered += 1
        if measuring { offered += 1 }
    }

    @inline(__always)
    func rootFinished(_ outcome: Outcome, latency: Double, requestClass: Int32, now: Double) {
        touchInSystem(now)
        inSystem -= 1
        if outcome == .completed {
            tickCompleted += 1
            tickLatency.record(latency)
        } else {
            tickErrors += 1
        }
        guard measuring else { return }
        switch outcome {
        case .completed:
            completed += 1
            endToEnd.record(latency)
            if requestClass >= 0 { perClass[Int(requestClass)].record(latency) }
            secondLatencySum += latency
            secondLatencyCount += 1
        case .rejected: rootRejected += 1
        case .timedOut: rootTimedOut += 1
        case .failed: rootFailed += 1
        case .rateLimited: rootRateLimited += 1
        }
    }

    @inline(__always)
    func recordWait(_ station: Int, _ seconds: Double, now: Double) {
        if measuring { wait[station].record(seconds) }
    }

    @inline(__always)
    func recordResponse(_ station: Int, _ seconds: Double, now: Double) {
        tickStationCompletions[station] += 1
        tickStationLatency[station].record(seconds)
        if measuring {
            response[station].record(seconds)
            completions[station] += 1
        }
    }

    func stationRejected(_ station: Int, now: Double) {
        tickStationErrors[station] += 1
        if measuring { rejected[station] += 1 }
    }

    func stationFailed(_ station: Int, _ outcome: Outcome, now: Double) {
        tickStationErrors[station] += 1
        guard measuring else { return }
        switch outcome {
        case .timedOut: timedOut[station] += 1
        case .rateLimited: blocks[station].rateLimited += 1
        default: failed[station] += 1
        }
    }

    func asyncStarted(_ station: Int) {
        if measuring { asyncCalls[station] += 1 }
    }

    func asyncFinished(_ outcome: Outcome) {
        guard measuring else { return }
        if outcome == .completed { asyncCompleted += 1 } else { asyncFailed += 1 }
    }

    // MARK: Boundaries

    func cross(_ boundary: Double) {
        if !measuring, boundary >= warmupTime, warmupTime <= nextTick {
            startMeasuring(at: boundary)
            if boundary < nextTick { nextBoundary = nextTick; return }
        }
        if boundary >= nextTick {
            closeSecond(at: boundary, length: 1)
            nextTick += 1
        }
        nextBoundary = measuring ? nextTick : min(warmupTime, nextTick)
    }

    func startMeasuring(at time: Double) {
        for station in 0..<stationCount {
            touch(station, now: time)
            busyAtWarmup[station] = busyIntegral[station]
            queueAtWarmup[station] = queueIntegral[station]
            slotAtWarmup[station] = slotIntegral[station]
        }
        touchInSystem(time)
        inSystemAtWarmup = inSystemIntegral
        measuring = true
    }

    func closeSecond(at time: Double, length: Double) {
        // Written straight into the rings: nothing is allocated per simulated second.
        for station in 0..<stationCount {
            touch(station, now: time)
            let slotTime = slotIntegral[station] - slotAtTick[station]
            let utilization = slotTime > 0 ? (busyIntegral[station] - busyAtTick[station]) / slotTime : 0
            series.appendStation(station, utilization: utilization,
                                 queueLength: (queueIntegral[station] - queueAtTick[station]) / length,
                                 throughputRPS: Double(tickStationCompletions[station]) / length,
                                 errorsRPS: Double(tickStationErrors[station]) / length,
                                 p99S: tickStationLatency[station].percentile(99))
            tickStationErrors[station] = 0
            tickStationLatency[station].clear()
            busyAtTick[station] = busyIntegral[station]
            queueAtTick[station] = queueIntegral[station]
            slotAtTick[station] = slotIntegral[station]
            tickStationCompletions[station] = 0
        }
        series.appendTotals(offeredRPS: Double(tickOffered) / length, throughputRPS: Double(tickCompleted) / length,
                            errorsRPS: Double(tickErrors) / length, p50S: tickLatency.percentile(50),
                            p99S: tickLatency.percentile(99))
        tickOffered = 0; tickCompleted = 0; tickErrors = 0
        tickLatency.clear()
        if measuring, secondLatencyCount > 0 || !batchSums.isEmpty {
            // Amortised growth: a handful of reallocations over a whole run.
            batchSums.append(secondLatencySum)
            batchCounts.append(secondLatencyCount)
        }
        secondLatencySum = 0
        secondLatencyCount = 0
    }

    /// The end of the run: bring integrals to `time` and keep the last partial second's batch data.
    func close(at time: Double) {
        for station in 0..<stationCount { touch(station, now: time) }
        touchInSystem(time)
        if measuring, secondLatencyCount > 0 {
            batchSums.append(secondLatencySum)
            batchCounts.append(secondLatencyCount)
            secondLatencySum = 0
            secondLatencyCount = 0
        }
    }
}
