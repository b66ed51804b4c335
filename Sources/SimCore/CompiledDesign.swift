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

    init(_ design: Design) {
        let index = Dictionary(uniqueKeysWithValues: design.components.enumerated().map { ($1.id, Int32($0)) })
        ids = design.components.map(\.id)
        kinds = design.components.map(\.kind)
        workers = design.components.map { Int32($0.workers) }
        instanceCount = design.components.map { Int32($0.instances) }
        var base: [Int32] = []
        var total: Int32 = 0
        for count in instanceCount { base.append(total); total += count }
        instanceBase = base
        totalInstances = Int(total)
        queueCapacity = design.components.map(\.queueCapacity)
        samplers = design.components.map { ServiceSampler($0.serviceTime) }
        classNames = design.workload.classes.map(\.name)
        let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, Int32($0)) })
        calls = []
        callStart = []
        callEnd = []
        hasForward = []
        for component in design.components {
            callStart.append(Int32(calls.count))
            for call in component.calls {
                calls.append(CompiledCall(target: index[call.to]!, mode: call.mode, probability: call.probability,
                                          timeoutS: call.timeoutS ?? 0,
                                          requestClass: call.requestClass.flatMap { classIndex[$0] } ?? -1))
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
