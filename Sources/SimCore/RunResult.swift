import Model

/// Counts of external requests by how they ended (after warm-up).
public struct RequestCounts: Sendable, Equatable, Codable {
    public var offered: Int
    public var completed: Int
    public var rejected: Int
    public var timedOut: Int
    public var failed: Int
    /// Refused by a rate limiter (429): not errors of the system.
    public var rateLimited: Int

    enum CodingKeys: String, CodingKey {
        case offered, completed, rejected, failed
        case timedOut = "timed_out"
        case rateLimited = "rate_limited"
    }

    public init(offered: Int, completed: Int, rejected: Int, timedOut: Int, failed: Int, rateLimited: Int = 0) {
        self.offered = offered
        self.completed = completed
        self.rejected = rejected
        self.timedOut = timedOut
        self.failed = failed
        self.rateLimited = rateLimited
    }
}

/// What one component did during the measured window.
public struct ComponentResult: Sendable, Equatable {
    public var id: String
    public var kind: ComponentKind
    public var instances: Int
    public var workers: Int
    public var throughputRPS: Double
    /// Busy worker time over available worker time (a worker waiting on a sync call is busy).
    public var utilization: Double
    public var meanQueueLength: Double
    /// Mean requests in service (busy workers), for Little's law per station.
    public var meanInService: Double
    public var wait: LatencySummary
    public var response: LatencySummary
    public var rejected: Int
    public var timedOut: Int
    public var failed: Int
    public var asyncCalls: Int
    /// What the block's behaviour counted: hits, retries, 429s, dead letters…
    public var blocks = BlockCounters()
    /// Queues: publish-to-processed latency of messages.
    public var asyncLatency: LatencySummary?
    /// Instances over time (autoscaling groups): (simulated second, instances taking traffic).
    public var instanceTimeline: [InstanceCount] = []
    /// Requests each instance (database: node, shard by shard; queue: partition) started serving after the warm-up.
    public var instanceServed: [Int] = []
    /// State changes of the circuit breakers on this component's calls, in time order.
    public var breakerTimeline: [BreakerChange] = []
}

/// A circuit breaker on one of a component's calls changed state.
public struct BreakerChange: Sendable, Equatable {
    public var time: Double
    /// The called component.
    public var target: String
    /// `closed`, `open` or `half_open`.
    public var state: String
}

public struct InstanceCount: Sendable, Equatable {
    public var time: Double
    public var instances: Int
}

/// End-to-end latency of one request class.
public struct ClassResult: Sendable, Equatable {
    public var name: String
    public var latency: LatencySummary

    public init(name: String, latency: LatencySummary) {
        self.name = name
        self.latency = latency
    }
}

/// The measured outcome of one run.
public struct RunResult: Sendable {
    public var designName: String
    public var seed: UInt64
    public var durationS: Double
    public var warmupS: Double
    public var measuredS: Double
    public var events: UInt64
    public var fingerprint: String
    public var requests: RequestCounts
    public var throughputRPS: Double
    public var latency: LatencySummary
    /// 95% half-width of the mean latency by batch means (NaN with fewer than 2 batches).
    public var latencyMeanCI95: Double
    public var batchMeans: [Double]
    /// Time-average number of external requests in the system (L of Little's law).
    public var meanInSystem: Double
    public var asyncCompleted: Int
    public var asyncFailed: Int
    public var components: [ComponentResult]
    public var classes: [ClassResult]
    /// Kept for merging replications' percentiles.
    public var endToEndRecorder: LatencyRecorder
}

extension Simulation {
    /// The measured results so far (normally called once the run is finished).
    public func result() -> RunResult {
        let metrics = self.metrics
        for station in 0..<metrics.stationCount { metrics.touch(station, now: now) }
        metrics.touchInSystem(now)
        var batchSums = metrics.batchSums, batchCounts = metrics.batchCounts
        if !isFinished, metrics.measuring, metrics.secondLatencyCount > 0 {
            batchSums.append(metrics.secondLatencySum)
            batchCounts.append(metrics.secondLatencyCount)
        }
        let measured = max(now - min(options.warmupS, now), 0)
        let seconds = measured > 0 ? measured : 1
        var components: [ComponentResult] = []
        for (station, component) in design.components.enumerated() {
            let busy = metrics.busyIntegral[station] - (metrics.measuring ? metrics.busyAtWarmup[station] : metrics.busyIntegral[station])
            let queue = metrics.queueIntegral[station] - (metrics.measuring ? metrics.queueAtWarmup[station] : metrics.queueIntegral[station])
            let slotTime = metrics.slotIntegral[station] - (metrics.measuring ? metrics.slotAtWarmup[station] : metrics.slotIntegral[station])
            var result = ComponentResult(
                id: component.id, kind: component.kind, instances: component.instances, workers: component.workers,
                throughputRPS: Double(metrics.completions[station]) / seconds,
                utilization: slotTime > 0 ? busy / slotTime : 0,
                meanQueueLength: queue / seconds, meanInService: busy / seconds,
                wait: metrics.wait[station].summary, response: metrics.response[station].summary,
                rejected: metrics.rejected[station], timedOut: metrics.timedOut[station], failed: metrics.failed[station],
                asyncCalls: metrics.asyncCalls[station])
            result.blocks = metrics.blocks[station]
            if component.kind == .queue { result.asyncLatency = metrics.asyncLatency[station].summary }
            result.instanceTimeline = scaling[station]?.timeline ?? []
            result.instanceServed = shape.instances(of: station).map { served[$0] }
            result.breakerTimeline = (Int(callStart[station])..<Int(callEnd[station]))
                .flatMap { callRuntimes[$0].breakerChanges }
                .sorted { $0.time < $1.time }
            components.append(result)
        }
        let batchMeans = Self.batchMeans(sums: batchSums, counts: batchCounts, batches: options.batches)
        let ci = Statistics.meanCI95(batchMeans)
        return RunResult(
            designName: design.name, seed: options.seed, durationS: now, warmupS: options.warmupS, measuredS: measured,
            events: eventsProcessed, fingerprint: fingerprint,
            requests: RequestCounts(offered: metrics.offered, completed: metrics.completed, rejected: metrics.rootRejected,
                                    timedOut: metrics.rootTimedOut, failed: metrics.rootFailed,
                                    rateLimited: metrics.rootRateLimited),
            throughputRPS: Double(metrics.completed) / seconds,
            latency: metrics.endToEnd.summary, latencyMeanCI95: ci.halfWidth, batchMeans: batchMeans,
            meanInSystem: (metrics.inSystemIntegral - metrics.inSystemAtWarmup) / seconds,
            asyncCompleted: metrics.asyncCompleted, asyncFailed: metrics.asyncFailed,
            components: components,
            classes: zip(shape.classNames, metrics.perClass).map { ClassResult(name: $0, latency: $1.summary) },
            endToEndRecorder: metrics.endToEnd)
    }

    /// Per-second latency sums grouped into `batches` contiguous batches of (nearly) equal length.
    static func batchMeans(sums: [Double], counts: [Int], batches: Int) -> [Double] {
        let seconds = sums.count
        guard seconds > 0 else { return [] }
        let groups = min(batches, seconds)
        var means: [Double] = []
        for group in 0..<groups {
            let start = group * seconds / groups, end = (group + 1) * seconds / groups
            let sum = sums[start..<end].reduce(0, +)
            let count = counts[start..<end].reduce(0, +)
            if count > 0 { means.append(sum / Double(count)) }
        }
        return means
    }

    /// Per-second series for charts.
    public var series: SeriesSet { metrics.series }
}

extension Simulation {
    /// End-to-end latency since the warm-up (cheaper than a full `result()`).
    public var endToEndLatency: LatencySummary { metrics.endToEnd.summary }

    /// External requests since the warm-up, by how they ended.
    public var requestCounts: RequestCounts {
        RequestCounts(offered: metrics.offered, completed: metrics.completed, rejected: metrics.rootRejected,
                      timedOut: metrics.rootTimedOut, failed: metrics.rootFailed, rateLimited: metrics.rootRateLimited)
    }
}
