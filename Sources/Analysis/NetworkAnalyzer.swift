import Model

/// Solves the traffic equations of a design and predicts utilisation and latency per component.
public enum NetworkAnalyzer {
    /// Saturation warnings at the base rate, and at the pattern's peak when it is higher.
    public static func warnings(for design: Design, rateRPS: Double? = nil) -> [String] {
        let base = rateRPS ?? design.workload.rateRPS
        var found = analyze(design, rateRPS: base)?.warnings ?? []
        let peak = design.workload.pattern.peak(base: base)
        if found.isEmpty, peak > base, let atPeak = analyze(design, rateRPS: peak), let worst = atPeak.warnings.first {
            found.append("at the \(design.workload.pattern.kind) pattern's peak: " + worst)
        }
        return found
    }

    public static func analyze(_ design: Design, rateRPS: Double? = nil) -> DesignAnalysis? {
        var flows = TrafficFlows(design: design, rateRPS: rateRPS ?? design.workload.rateRPS)
        guard let rates = flows.solveAdmitting() else { return nil }
        let components = design.components
        let n = components.count
        let total = flows.externalRate

        // Per-station class mix, for averaging sync waits over classes.
        var stationRate = [Double](repeating: 0, count: n)
        for classRates in rates { for j in 0..<n { stationRate[j] += classRates[j] } }

        func solveTimes(queueing: Bool) -> (hold: [Double], wait: [Double?], times: [[Double]])? {
            var times = [[Double]](repeating: [Double](repeating: 0, count: n), count: rates.count)
            var hold = components.map(\.serviceTime.meanS)
            var wait = [Double?](repeating: 0, count: n)
            for _ in 0..<500 {
                var changed = 0.0
                for j in 0..<n {
                    var syncTime = 0.0
                    for (c, classRates) in rates.enumerated() where stationRate[j] > 0 {
                        let share = classRates[j] / stationRate[j]
                        for call in components[j].calls where call.mode == .sync && flows.applies(call, toClass: c) {
                            let roundTrip = 2 * flows.oneWayDelay(call, from: components[j])
                            syncTime += share * call.probability * (times[c][flows.index[call.to]!] + roundTrip)
                        }
                        for (target, probability) in flows.loadThrough(from: j, requestClass: c) {
                            syncTime += share * probability * times[c][target]
                        }
                    }
                    hold[j] = components[j].serviceTime.meanS + syncTime
                    if queueing {
                        let perInstance = stationRate[j] / Double(components[j].servers.groups)
                        let scv = syncTime > 0 ? max(1, components[j].serviceTime.scv) : components[j].serviceTime.scv
                        wait[j] = QueueFormulas.allenCunneenWait(lambda: perInstance, meanService: hold[j],
                                                                 serviceSCV: scv, servers: components[j].servers.perGroup)
                        if wait[j] == nil { return nil }
                    }
                    for c in rates.indices {
                        var onward = 0.0
                        for (target, probability) in flows.onward(from: j, requestClass: c) { onward += probability * times[c][target] }
                        let updated = (wait[j] ?? 0) + hold[j] + onward
                        changed = max(changed, abs(updated - times[c][j]))
                        times[c][j] = updated
                    }
                }
                if changed < 1e-15 { break }
            }
            return (hold, wait, times)
        }

        let unloaded = solveTimes(queueing: false)!
        let loaded = solveTimes(queueing: true)
        let holds = loaded?.hold ?? unloaded.hold
        var stations: [StationAnalysis] = []
        for (j, component) in components.enumerated() {
            let slots = Double(component.servers.groups * component.servers.perGroup)
            let visits = total > 0 ? stationRate[j] / total : 0
            let capacity = visits > 0 && unloaded.hold[j] > 0 ? slots / unloaded.hold[j] / visits : .infinity
            let wait = loaded?.wait[j] ?? nil
            stations.append(StationAnalysis(
                id: component.id, arrivalRateRPS: stationRate[j], visits: visits, holdTimeS: holds[j],
                utilization: stationRate[j] * holds[j] / slots, waitS: wait, responseS: wait.map { $0 + holds[j] },
                capacityRPS: capacity))
        }
        let bottleneck = stations.max { $0.utilization < $1.utilization }!
        let stable = loaded != nil && stations.allSatisfy { $0.utilization < 1 }
        var latency: Double?
        if stable, let loaded {
            latency = flows.classShares.enumerated().reduce(0) { $0 + $1.element * loaded.times[$1.offset][flows.entry] }
        }
        var (model, exact, notes) = describe(design, flows: flows, stations: stations)
        notes += warmUpNotes(design, stations: stations, flows: flows)
        var p99: Double?
        let busyStations = stations.indices.filter { stations[$0].arrivalRateRPS > 0 }
        if stable, exact, busyStations.count == 1, case .exponential(let mean) = components[busyStations[0]].serviceTime {
            let only = components[busyStations[0]]
            p99 = QueueFormulas.mmcResponseQuantile(0.99, lambda: stationRate[busyStations[0]] / Double(only.servers.groups),
                                                    mu: 1 / mean, servers: only.servers.perGroup)
        }
        return DesignAnalysis(model: model, exact: exact, notes: notes, arrivalRateRPS: total, stations: stations,
                              latencyMeanS: latency, latencyP99S: p99, bottleneck: bottleneck.id,
                              maxThroughputRPS: stations.map(\.capacityRPS).min() ?? .infinity, stable: stable)
    }

    /// A key-model cache starts empty: how long its misses take to fill it, during which hits are below the estimate.
    static func warmUpNotes(_ design: Design, stations: [StationAnalysis], flows: TrafficFlows) -> [String] {
        var notes: [String] = []
        for (j, component) in design.components.enumerated() {
            guard let capacity = component.cache?.capacity, let keys = design.workload.keys, stations[j].arrivalRateRPS > 0 else { continue }
            let entries = min(capacity * component.instances, keys.count)
            let hit = CacheEstimate.hitRatio(component, keys: keys, requestRate: flows.cacheRates[j])
            let misses = stations[j].arrivalRateRPS * max(1 - hit, 1e-9)
            let seconds = Double(entries) / misses
            notes.append("'\(component.id)' starts empty: at the steady \(Units.formatRate(misses)) misses/s, filling its \(Units.formatGrouped(entries))"
                         + " entries takes ≈ \(Units.formatDuration(seconds)); until then its hit ratio is below the \(Units.formatPercent(hit)) estimated (Che's approximation)")
        }
        return notes
    }

    static func describe(_ design: Design, flows: TrafficFlows, stations: [StationAnalysis])
        -> (model: String, exact: Bool, notes: [String]) {
        var notes: [String] = []
        let used = design.components.filter { flows.index[$0.id].map { stations[$0].arrivalRateRPS > 0 } ?? false }
        if design.workload.arrivals != .poisson { notes.append("arrivals are constant, theory assumes Poisson: predictions are pessimistic") }
        if design.workload.pattern != .constant { notes.append("the load pattern varies; analysed at the base rate") }
        if !design.failures.isEmpty { notes.append("the failure timeline is not in the theory: figures are for the healthy design") }
        if used.contains(where: { $0.calls.contains { $0.mode == .sync } }) {
            notes.append("sync calls hold a worker while waiting: holding times are not exponential")
        }
        if used.contains(where: { $0.calls.contains { $0.mode == .async } }) { notes.append("async calls fork requests") }
        if used.contains(where: { $0.calls.contains { $0.timeoutS != nil } }) {
            notes.append("call timeouts cut slow requests short; theory ignores them")
        }
        for component in used where component.instances > 1 && component.balancing != .random && component.kind != .loadBalancer {
            notes.append("callers pick '\(component.id)' instances by \(component.balancing.rawValue), not random")
        }
        if used.contains(where: { $0.queueCapacity < 1000 }) {
            notes.append("finite queues may turn requests away; theory assumes unlimited waiting room")
        }
        for component in used {
            if component.kind == .loadBalancer, component.algorithm != .random, stations.count > 1 {
                let backends = component.routes.compactMap(design.component).reduce(0) { $0 + $1.instances }
                if backends > 1 { notes.append("'\(component.id)' balances by \(component.algorithm.rawValue), not random: splits are not Poisson") }
            }
        }
        let nonExponential = used.filter { if case .exponential = $0.serviceTime { return false }; return $0.serviceTime.meanS > 0 }
        if used.count == 1, let only = used.first, notes.isEmpty {
            let perInstance = only.instances > 1 ? " per instance" : ""
            if case .exponential = only.serviceTime {
                return (only.workers == 1 ? "M/M/1\(perInstance)" : "M/M/c (Erlang C)\(perInstance)", true, notes)
            }
            if only.workers == 1 { return ("M/G/1 (Pollaczek–Khinchine)\(perInstance)", true, notes) }
            return ("M/G/c (Allen–Cunneen approximation)\(perInstance)", false, ["service is not exponential with several workers"])
        }
        if !nonExponential.isEmpty {
            notes.append("non-exponential service at " + nonExponential.map { "'\($0.id)'" }.joined(separator: ", "))
        }
        if notes.isEmpty { return ("open Jackson network (M/M/c stations)", true, notes) }
        return ("approximate: independent M/G/c stations (Allen–Cunneen)", false, notes)
    }
}
