import Model

/// The discrete-event engine for one run of one design. Single-threaded and deterministic:
/// the same design, options and version give the same event sequence bit for bit.
/// It never reads the wall clock; callers drive it with `advance(to:)` or `advance(budget:)`.
public final class Simulation {
    public internal(set) var design: Design
    public let options: RunOptions
    var shape: CompiledDesign

    // Clock and events
    public internal(set) var now: Double = 0
    let events = EventQueue()
    var patternIsConstant: Bool
    public internal(set) var eventsProcessed: UInt64 = 0
    public var endTime: Double { options.durationS }
    public var warmupTime: Double { options.warmupS }
    public internal(set) var isFinished = false

    // Workload
    var arrivalRNG: Xoshiro256
    var baseRateRPS: Double
    var peakRateRPS: Double
    var arrivalToken: UInt32 = 0
    var nextRootSequence: UInt64 = 0

    // Stations and instances
    let serviceRNG: Buffer<Xoshiro256>
    let routingRNG: Buffer<Xoshiro256>
    var balancers: Buffer<Picker>
    var routePickers: Buffer<Picker?>
    var samplers: Buffer<ServiceSampler>
    let workers: Buffer<Int32>
    // Failures: a multiplier on service time per station, and crashed instances.
    let slowFactor: Buffer<Double>
    let down: Buffer<Bool>
    let downSince: Buffer<Double>
    let detectedDown: Buffer<Bool>
    var anyDown = false
    /// How long load balancers keep sending to a crashed instance before a health check removes it.
    public var healthCheckDelayS = 2.0
    /// Things the engine noticed on its own (health checks), drained by the workbench for its event log.
    public internal(set) var notices: [EngineNotice] = []
    let callStart: Buffer<Int32>
    let callEnd: Buffer<Int32>
    var calls: Buffer<CompiledCall>
    let hasForward: Buffer<Bool>
    let busy: Buffer<Int32>
    /// Requests each instance has started serving after the warm-up: how load spreads over instances and shards.
    let served: Buffer<Int>
    let queues: [JobRing]

    // Jobs
    let jobs = JobPool()

    // Block behaviours (set up by `setUpBlocks`)
    var behaviour = Buffer<StationBehaviour>(repeating: .plain, count: 0)
    var limitedStation = Buffer<Bool>(repeating: false, count: 0)
    var caches: [CacheRuntime?] = []
    var queueRuntimes: [QueueRuntime?] = []
    var databases: [DatabaseRuntime?] = []
    var limiters: [LimiterRuntime?] = []
    var scaling: [ScalingRuntime?] = []
    var callRuntimes: [CallRuntime] = []
    var keySampler: ZipfSampler?
    /// Instances that can be picked (autoscaling turns them off and on).
    var online = Buffer<Bool>(repeating: true, count: 0)
    var extraServiceS: [Double] = []
    var partitionedRegion: [Bool] = []
    /// Instances booting, with the time they join.
    var bootingInstances: [Int: Double] = [:]

    // Metrics
    var metrics: MetricsState
    public internal(set) var fingerprintHash: UInt64 = 0xcbf2_9ce4_8422_2325

    public init(design: Design, options: RunOptions) throws {
        try options.validate()
        self.design = design
        self.options = options
        let shape = CompiledDesign(design)
        self.shape = shape
        arrivalRNG = Xoshiro256(seed: options.seed, stream: "workload/arrivals")
        baseRateRPS = options.rateRPS ?? design.workload.rateRPS
        peakRateRPS = design.workload.pattern.peak(base: baseRateRPS)
        patternIsConstant = design.workload.pattern == .constant
        serviceRNG = Buffer(shape.ids.map { Xoshiro256(seed: options.seed, stream: "\($0)/service") })
        routingRNG = Buffer(shape.ids.map { Xoshiro256(seed: options.seed, stream: "\($0)/routing") })
        samplers = Buffer(shape.samplers)
        workers = Buffer(shape.workers)
        slowFactor = Buffer(repeating: 1, count: shape.ids.count)
        down = Buffer(repeating: false, count: shape.totalInstances)
        downSince = Buffer(repeating: 0, count: shape.totalInstances)
        detectedDown = Buffer(repeating: false, count: shape.totalInstances)
        callStart = Buffer(shape.callStart)
        callEnd = Buffer(shape.callEnd)
        calls = Buffer(shape.calls)
        hasForward = Buffer(shape.hasForward)
        busy = Buffer(repeating: 0, count: shape.totalInstances)
        served = Buffer(repeating: 0, count: shape.totalInstances)
        var rings: [JobRing] = []
        for station in shape.ids.indices {
            for _ in shape.instances(of: station) { rings.append(JobRing(capacity: shape.queueCapacity[station])) }
        }
        queues = rings
        let (balancers, routePickers) = Self.pickers(for: design, shape: shape)
        self.balancers = Buffer(balancers)
        self.routePickers = Buffer(routePickers)
        metrics = MetricsState(shape: shape, options: options)
        setUpBlocks()
        scheduleNextArrival(after: 0)
    }

    /// The instance pickers of every station: its own instances (for direct callers) and, for load balancers, their routes.
    static func pickers(for design: Design, shape: CompiledDesign, online: (Int) -> Bool = { _ in true }) -> ([Picker], [Picker?]) {
        var balancers: [Picker] = []
        var routePickers: [Picker?] = []
        for (station, component) in design.components.enumerated() {
            let own = shape.instances(of: station).filter(online).map { Target(station: Int32(station), instance: Int32($0)) }
            balancers.append(Picker(algorithm: component.balancing, targets: own,
                                    names: own.indices.map { "\(component.id)#\($0)" }))
            if component.kind.routes {
                var targets: [Target] = [], weights: [Double] = [], names: [String] = []
                for (routeIndex, route) in component.routes.enumerated() {
                    let routed = design.index(of: route)!
                    let instances = shape.instances(of: routed).filter(online)
                    let weight = (component.weights?[routeIndex] ?? 1) / Double(instances.count)
                    for (offset, instance) in instances.enumerated() {
                        targets.append(Target(station: Int32(routed), instance: Int32(instance)))
                        weights.append(weight)
                        names.append("\(route)#\(offset)")
                    }
                }
                routePickers.append(Picker(algorithm: component.algorithm, targets: targets, weights: weights, names: names))
            } else {
                routePickers.append(nil)
            }
        }
        return (balancers, routePickers)
    }

    // MARK: Run controller

    /// Processes every event up to simulated time `target` (clamped to the end) and moves the clock there.
    public func advance(to target: Double) {
        let limit = min(target, endTime)
        while !isFinished {
            let eventTime = events.peekTime
            let boundary = metrics.nextBoundary
            if boundary <= limit, boundary <= eventTime {
                crossBoundary(boundary)
                continue
            }
            guard eventTime <= limit else { break }
            process(events.pop())
        }
        if limit > now { now = limit }
        if now >= endTime { finish() }
    }

    /// Processes at most `budget` events (boundaries are free) and returns how many it did.
    @discardableResult
    public func advance(budget: Int) -> Int {
        var done = 0
        while done < budget, !isFinished {
            let eventTime = events.peekTime
            let boundary = metrics.nextBoundary
            if boundary <= endTime, boundary <= eventTime {
                crossBoundary(boundary)
                continue
            }
            guard eventTime <= endTime else {
                now = endTime
                finish()
                break
            }
            process(events.pop())
            done += 1
        }
        return done
    }

    /// Runs to the end of the simulated duration.
    public func run() {
        precondition(endTime.isFinite, "an open-ended run has no end: use advance(to:)")
        advance(to: endTime)
    }

    /// Changes the offered base rate from now on (the workbench's live rate control).
    public func changeRate(to rateRPS: Double) {
        precondition(rateRPS > 0)
        baseRateRPS = rateRPS
        peakRateRPS = design.workload.pattern.peak(base: rateRPS)
        arrivalToken &+= 1
        scheduleNextArrival(after: now)
    }

    public var fingerprint: String {
        let hex = String(fingerprintHash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Slots in the job pool: bounded by queue capacities and workers, whatever the load.
    public var jobPoolSize: Int { jobs.count }
    public var pendingEvents: Int { events.count }

    /// Approximate bytes held by the engine's growable state (pool, heap, queues).
    public var dynamicMemoryBytes: Int {
        jobs.memoryBytes + events.memoryBytes
            + queues.reduce(0) { $0 + $1.memoryBytes }
    }

    func finish() {
        guard !isFinished else { return }
        isFinished = true
        metrics.close(at: now)
    }

    func crossBoundary(_ boundary: Double) {
        if boundary > now { now = boundary }
        metrics.cross(boundary)
    }

    @inline(__always)
    func process(_ event: Event) {
        now = event.time
        eventsProcessed &+= 1
        switch event.kind {
        case .externalArrival:
            if event.token == arrivalToken { externalArrival() }
        case .serviceComplete:
            if jobs[Int(event.job)].generation == event.generation { serviceComplete(Int(event.job)) }
        case .callTimeout:
            let job = Int(event.job)
            if jobs[job].generation == event.generation, jobs[job].waitToken == event.token { callTimedOut(job) }
        default:
            processBlockEvent(event)
        }
    }
}
