import Foundation
import Model

/// Capacity answers for one component at the analysed rate.
public struct ComponentCapacity: Sendable, Equatable {
    public var id: String
    public var instances: Int
    public var workers: Int
    public var visits: Double
    public var arrivalRateRPS: Double
    public var utilization: Double
    /// 1 − ρ: the share of the component's slots still free.
    public var headroom: Double
    /// Entry rate at which this component alone reaches ρ = 1 (the bound cᵢμᵢ/Vᵢ, with sync callees unloaded).
    public var boundRPS: Double
    /// Instances for the target utilisation at the analysed rate (nil when the component gets no traffic).
    public var instancesForTargetUtilization: Int?
    /// Instances for the target p99 of the time spent at this component (Erlang C), nil with a reason when not sizeable.
    public var instancesForTargetP99: Int?
    public var p99Note: String?
}

/// The capacity of a whole design: where it saturates, what limits it, and how much room is left.
public struct CapacityAnalysis: Sendable, Equatable {
    public var rateRPS: Double
    public var targetUtilization: Double
    public var targetP99S: Double?
    /// Bottleneck bound: min over components of cᵢμᵢ/Vᵢ (utilisation law), and the component that sets it.
    public var boundRPS: Double
    public var boundComponent: String
    /// Largest entry rate at which every component stays below ρ = 1, counting the time workers wait on sync calls.
    public var saturationRateRPS: Double
    public var bottleneck: String
    /// 1 − rate ÷ saturation rate; negative when the design is already past saturation.
    public var headroom: Double
    public var components: [ComponentCapacity]
    public var notes: [String]

    public func component(_ id: String) -> ComponentCapacity? { components.first { $0.id == id } }
}

/// Solves for saturation and sizes each component for a target utilisation or p99.
public enum Capacity {
    public static func analyze(_ design: Design, rateRPS: Double? = nil, targetUtilization: Double = 0.7,
                               targetP99S: Double? = nil) -> CapacityAnalysis? {
        let rate = rateRPS ?? design.workload.rateRPS
        guard let analysis = NetworkAnalyzer.analyze(design, rateRPS: rate),
              let saturation = saturation(design) else { return nil }
        var notes: [String] = []
        if saturation.rateRPS < saturation.boundRPS * 0.995 {
            notes.append("'\(saturation.bottleneck)' saturates at \(Units.formatRate(saturation.rateRPS)) req/s, before the bound of "
                         + "\(Units.formatRate(saturation.boundRPS)) req/s: its workers also wait on sync calls, and that wait grows with load")
        }
        if design.workload.arrivals != .poisson, targetP99S != nil {
            notes.append("p99 sizing assumes Poisson arrivals; constant arrivals wait less")
        }
        let components = design.components.map { component -> ComponentCapacity in
            let station = analysis.station(component.id)!
            let offeredWork = station.arrivalRateRPS * station.holdTimeS  // erlangs: busy workers on average
            var sized = ComponentCapacity(
                id: component.id, instances: component.instances, workers: component.workers, visits: station.visits,
                arrivalRateRPS: station.arrivalRateRPS, utilization: station.utilization, headroom: 1 - station.utilization,
                boundRPS: station.capacityRPS, instancesForTargetUtilization: nil, instancesForTargetP99: nil, p99Note: nil)
            guard station.arrivalRateRPS > 0 else { return sized }
            sized.instancesForTargetUtilization = instancesFor(utilization: targetUtilization, offeredWork: offeredWork,
                                                               workers: component.workers)
            if let target = targetP99S {
                switch p99Model(component) {
                case .success(let mu):
                    sized.instancesForTargetP99 = instancesFor(p99S: target, lambda: station.arrivalRateRPS, mu: mu,
                                                               workers: component.workers)
                    if sized.instancesForTargetP99 == nil {
                        sized.p99Note = "unreachable: its service time alone has p99 \(Units.formatDuration(log(100) / mu))"
                    }
                case .failure(let reason):
                    sized.p99Note = reason.text
                }
            }
            return sized
        }
        return CapacityAnalysis(
            rateRPS: rate, targetUtilization: targetUtilization, targetP99S: targetP99S, boundRPS: saturation.boundRPS,
            boundComponent: saturation.boundComponent, saturationRateRPS: saturation.rateRPS, bottleneck: saturation.bottleneck,
            headroom: saturation.rateRPS > 0 ? 1 - rate / saturation.rateRPS : -.infinity, components: components, notes: notes)
    }

    public struct Saturation: Sendable, Equatable {
        public var boundRPS: Double
        public var boundComponent: String
        public var rateRPS: Double
        public var bottleneck: String
    }

    /// The entry rate at which the design saturates. Without sync calls the traffic equations are linear in the rate and
    /// it is the bottleneck bound min cᵢμᵢ/Vᵢ; with them a caller's holding time grows with its callee's queue,
    /// so the rate is found by bisection on the stability of the full model.
    public static func saturation(_ design: Design) -> Saturation? {
        let reference = max(design.workload.rateRPS, 1)
        guard let unloaded = NetworkAnalyzer.analyze(design, rateRPS: reference) else { return nil }
        guard let limiting = unloaded.stations.filter({ $0.capacityRPS.isFinite }).min(by: { $0.capacityRPS < $1.capacityRPS }) else {
            // Every busy component takes no time: nothing limits the rate.
            return Saturation(boundRPS: .infinity, boundComponent: "", rateRPS: .infinity, bottleneck: "")
        }
        let bound = limiting.capacityRPS
        var low = 0.0, high = bound
        if let atBound = NetworkAnalyzer.analyze(design, rateRPS: bound * (1 - 1e-9)), atBound.stable {
            low = high
        } else {
            for _ in 0..<60 {
                let middle = (low + high) / 2
                if NetworkAnalyzer.analyze(design, rateRPS: middle)?.stable == true { low = middle } else { high = middle }
            }
        }
        var bottleneck = limiting.id
        if low < bound * (1 - 1e-6), let near = NetworkAnalyzer.analyze(design, rateRPS: low) {
            bottleneck = near.stations.max { $0.utilization < $1.utilization }!.id
        }
        return Saturation(boundRPS: bound, boundComponent: limiting.id, rateRPS: low, bottleneck: bottleneck)
    }

    /// Smallest instance count n with offeredWork / (n · workers) ≤ target.
    public static func instancesFor(utilization target: Double, offeredWork: Double, workers: Int) -> Int {
        guard offeredWork > 0 else { return 1 }
        let exact = offeredWork / (Double(workers) * target)
        return max(1, Int((exact * (1 - 1e-12)).rounded(.up)))
    }

    /// Smallest instance count n at which an M/M/c instance (c = workers, arrivals λ/n, random spreading) has a
    /// response-time p99 at most `p99S`; nil when even unlimited instances cannot reach it (the service time's own p99).
    public static func instancesFor(p99S target: Double, lambda: Double, mu: Double, workers: Int,
                                    maxInstances: Int = 1_000_000) -> Int? {
        func p99(_ n: Int) -> Double? {
            QueueFormulas.mmcResponseQuantile(0.99, lambda: lambda / Double(n), mu: mu, servers: workers)
        }
        guard target > log(100) / mu else { return nil }
        // The fewest instances that are stable, then double until the target is met, then bisect (p99 falls with n).
        var low = max(1, Int((lambda / (Double(workers) * mu)).rounded(.down)) + 1)
        if let first = p99(low), first <= target { return low }
        var high = low
        repeat {
            low = high
            high = min(maxInstances, high * 2)
            if let value = p99(high), value <= target { break }
            if high == maxInstances { return nil }
        } while true
        while high - low > 1 {
            let middle = (low + high) / 2
            if let value = p99(middle), value <= target { high = middle } else { low = middle }
        }
        return high
    }

    enum NoClosedForm: Error {
        case notExponential(String)
        case holdsOnSyncCalls
        case notPooled(String)

        var text: String {
            switch self {
            case .notPooled(let why): return why
            case .notExponential(let name): return "\(name) service: Erlang C needs exponential service, no p99 closed form"
            case .holdsOnSyncCalls: return "workers wait on sync calls: holding time is not exponential, no p99 closed form"
            }
        }
    }

    /// The service rate μ when the component is an M/M/c station, or why it is not.
    /// New block kinds add a case here: how (or whether) their time at the block is an M/M/c queue.
    static func p99Model(_ component: Component) -> Result<Double, NoClosedForm> {
        switch component.kind {
        case .queue:
            return .failure(.notPooled("partitions are separate queues served in order: not one M/M/c queue"))
        case .cache, .cdn:
            if component.cache?.strategy != .cacheAside || component.kind == .cdn {
                return .failure(.holdsOnSyncCalls)
            }
            fallthrough
        case .service, .loadBalancer, .apiGateway, .rateLimiter, .database:
            guard case .exponential(let mean) = component.serviceTime, mean > 0 else {
                return .failure(.notExponential(component.serviceTime.name))
            }
            if component.calls.contains(where: { $0.mode == .sync }) { return .failure(.holdsOnSyncCalls) }
            return .success(1 / mean)
        }
    }
}
