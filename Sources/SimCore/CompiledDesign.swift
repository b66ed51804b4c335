import Model

/// A call resolved to station indices, flat in one array per design.
struct CompiledCall {
    var target: Int32
    var mode: CallMode
    var probability: Double
    /// 0 when the call has no timeout.
    var timeoutS: Double
    /// -1 for every class.
    var requestClass: Int32
    /// Needs the resilient-call path: retries, breaker, bulkhead, hedging, latency, or a failure that drops it.
    var resilient: Bool = false
    /// One-way latency each way (the call's own plus the cross-region latency) and its uniform jitter.
    var latencyS: Double = 0
    var jitterS: Double = 0
    /// The caller's and callee's regions differ (a partition cuts the call).
    var crossRegion: Bool = false
    var callerRegion: Int32 = -1
    var calleeRegion: Int32 = -1
}

/// What a station does beyond queueing and service.
enum StationBehaviour: UInt8 {
    case plain, cache, queue, database
}

/// The static shape of a design as the engine needs it: indices instead of names.
struct CompiledDesign {
    var ids: [String]
    var kinds: [ComponentKind]
    var workers: [Int32]
    var instanceBase: [Int32]
    var instanceCount: [Int32]
    var queueCapacity: [Int]
    var samplers: [ServiceSampler]
    var callStart: [Int32]
    var callEnd: [Int32]
    var calls: [CompiledCall]
    var hasForward: [Bool]
    var entry: Int32
    var classCumulative: [Double]
    var classNames: [String]
    var totalInstances: Int
    var behaviour: [StationBehaviour]
    var rateLimited: [Bool]
    var writeClass: [Bool]
    /// The first write class (what write-behind flushes carry), -1 without one.
    var firstWriteClass: Int32
    var regions: [String]

    init(_ design: Design) {
        let index = Dictionary(uniqueKeysWithValues: design.components.enumerated().map { ($1.id, Int32($0)) })
        ids = design.components.map(\.id)
        kinds = design.components.map(\.kind)
        workers = design.components.map { Int32($0.kind == .queue ? 1 : $0.workers) }
        instanceCount = design.components.map { Int32($0.engineInstances) }
        behaviour = design.components.map { component in
            switch component.kind {
            case .cache, .cdn: return .cache
            case .queue: return .queue
            case .database: return .database
            default: return .plain
            }
        }
        rateLimited = design.components.map { $0.rateLimit != nil }
        writeClass = design.workload.classes.map(\.write)
        firstWriteClass = Int32(writeClass.firstIndex(of: true) ?? -1)
        regions = Array(Set(design.components.compactMap(\.region))).sorted()
        var base: [Int32] = []
        var total: Int32 = 0
        for count in instanceCount { base.append(total); total += count }
        instanceBase = base
        totalInstances = Int(total)
        // A queue's partitions share its retention: each ring may hold all of it (the total is checked apart).
        queueCapacity = design.components.map { $0.queue?.capacity ?? $0.queueCapacity }
        samplers = design.components.map { ServiceSampler($0.serviceTime) }
        classNames = design.workload.classes.map(\.name)
        let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, Int32($0)) })
        calls = []
        callStart = []
        callEnd = []
        hasForward = []
        let regionIndex = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1, Int32($0)) })
        let dropped = Set(design.failures.compactMap { event -> String? in
            if case .drop(let from, let to, _) = event.action { return "\(from)→\(to)" }
            return nil
        })
        for component in design.components {
            callStart.append(Int32(calls.count))
            for call in component.calls {
                var compiled = CompiledCall(target: index[call.to]!, mode: call.mode, probability: call.probability,
                                            timeoutS: call.timeoutS ?? 0,
                                            requestClass: call.requestClass.flatMap { classIndex[$0] } ?? -1)
                let callee = design.component(call.to)
                compiled.callerRegion = component.region.flatMap { regionIndex[$0] } ?? -1
                compiled.calleeRegion = callee?.region.flatMap { regionIndex[$0] } ?? -1
                compiled.crossRegion = compiled.callerRegion >= 0 && compiled.calleeRegion >= 0
                    && compiled.callerRegion != compiled.calleeRegion
                compiled.latencyS = call.latencyS + (compiled.crossRegion ? design.network.crossRegionLatencyS : 0)
                compiled.jitterS = call.jitterS
                compiled.resilient = !call.isPlain || compiled.crossRegion || dropped.contains("\(component.id)→\(call.to)")
                calls.append(compiled)
            }
            callEnd.append(Int32(calls.count))
            hasForward.append(component.calls.contains { $0.mode == .forward })
        }
        entry = index[design.workload.entry]!
        let totalWeight = design.workload.classes.reduce(0) { $0 + $1.weight }
        var running = 0.0
        classCumulative = design.workload.classes.map { running += $0.weight; return running / totalWeight }
    }

    func instances(of station: Int) -> Range<Int> {
        Int(instanceBase[station])..<Int(instanceBase[station] + instanceCount[station])
    }
}
