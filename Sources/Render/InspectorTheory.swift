import Foundation
import Model
import Analysis
import Workbench

/// What the inspector teaches about the selected block: its queueing math with prediction beside simulation, and the
/// trade-off notes that apply to it — pure functions of the design, its analysis and the live figures.
enum InspectorTheory {
    /// The catalogue is bundled data: read once.
    static let catalogue: TradeOffCatalog? = try? TradeOffCatalog.load()

    /// The notes about a component, most specific first: its strategy, algorithm, sharding or replication, resilient
    /// calls, then the kind itself.
    static func notes(for component: Component, in catalogue: TradeOffCatalog) -> [TradeOffNote] {
        var keyed: [(String, String)] = []
        switch component.kind {
        case .loadBalancer, .apiGateway:
            keyed.append(("load_balancer.algorithm", component.algorithm.rawValue))
        case .cache:
            if let cache = component.cache {
                keyed.append(("cache.strategy", cache.strategy.rawValue))
                if cache.ttlS != nil { keyed.append(("cache.ttl", "")) }
            }
        case .cdn:
            keyed.append(("cdn.mode", "pull"))
        case .database:
            if let database = component.database {
                if database.shards > 1 { keyed.append(("database.sharding", database.sharding.rawValue)) }
                if database.replicas > 0 { keyed += [("database.replicas", ""), ("database.replication", "")] }
            }
        case .queue:
            if component.queue?.deadLetter != nil { keyed.append(("queue.dlq", "")) }
            keyed.append(("topic.partitions", ""))
        case .rateLimiter:
            keyed.append(("rate_limiter.algorithm", "token_bucket"))
        case .service:
            if component.autoscale != nil { keyed.append(("service.autoscaling", "")) }
        }
        if component.calls.contains(where: { $0.retry != nil }) { keyed.append(("call.retries", "")) }
        if component.calls.contains(where: { $0.breaker != nil }) { keyed.append(("call.breaker", "")) }
        var seen = Set<String>()
        var result: [TradeOffNote] = []
        // What a plain service or database teaches first: the queueing knee, scaling out, pools.
        let first: [String]
        switch component.kind {
        case .service: first = component.autoscale == nil ? ["utilization-knee", "horizontal-vs-vertical", "littles-law"] : []
        default: first = []
        }
        for id in first { if let note = catalogue.note(id: id), seen.insert(note.id).inserted { result.append(note) } }
        for (key, value) in keyed {
            let found = value.isEmpty ? catalogue.notes.filter { $0.appliesTo.contains(key) } : catalogue.notes(forKey: key, value: value)
            for note in found where seen.insert(note.id).inserted { result.append(note) }
        }
        if component.kind == .database, let pools = catalogue.note(id: "connection-pooling"), seen.insert(pools.id).inserted {
            result.append(pools)
        }
        for note in catalogue.notes(forKind: component.kind.rawValue) where seen.insert(note.id).inserted { result.append(note) }
        return result
    }

    /// The trade-off lines for a component, remembered per (component, width, rows): the inspector asks every frame.
    static func tradeOffLines(for component: Component, in catalogue: TradeOffCatalog, width: Int, rows: Int) -> [(text: String, role: Style)] {
        let key = "\(component.kind.rawValue)|\(component.algorithm.rawValue)|\(component.cache?.strategy.rawValue ?? "")|"
            + "\(component.cache?.ttlS != nil)|\(component.database?.shards ?? 0)|\(component.database?.sharding.rawValue ?? "")|"
            + "\(component.database?.replicas ?? 0)|\(component.queue?.deadLetter != nil)|\(component.autoscale != nil)|"
            + "\(component.calls.contains { $0.retry != nil })|\(component.calls.contains { $0.breaker != nil })|\(width)|\(rows)"
        if let cached = LinesCache.shared.get(key) { return cached }
        let lines = tradeOffLines(notes(for: component, in: catalogue), width: width, rows: rows)
        LinesCache.shared.set(key, lines)
        return lines
    }

    final class LinesCache: @unchecked Sendable {
        static let shared = LinesCache()
        private let lock = NSLock()
        private var entries: [String: [(text: String, role: Style)]] = [:]
        func get(_ key: String) -> [(text: String, role: Style)]? { lock.withLock { entries[key] } }
        func set(_ key: String, _ value: [(text: String, role: Style)]) {
            lock.withLock {
                if entries.count > 256 { entries.removeAll() }
                entries[key] = value
            }
        }
    }

    /// The first notes, each as its title, what it gains, what it costs, and where to read all of it.
    static func tradeOffLines(_ notes: [TradeOffNote], width: Int, rows: Int) -> [(text: String, role: Style)] {
        var lines: [(String, Style)] = []
        for note in notes {
            var block: [(String, Style)] = Text.wrap(note.title, width).map { ($0, .accent) }
            block += Text.wrap("+ " + firstSentence(note.gain), width).map { ($0, .ok) }
            block += Text.wrap("− " + firstSentence(note.cost), width).map { ($0, .warn) }
            if let number = note.numbers.first {
                block += Text.wrap("# \(number.value) \(number.what) (\(number.source))", width).map { ($0, .dim) }
            }
            let more = (Text.fit("sdw notes \(note.id)", width), Style.dim)
            if lines.count + block.count + 1 > rows {
                // The first note always shows, cut to the room there is, with where to read the rest.
                if lines.isEmpty, rows >= 2 { lines = Array(block.prefix(rows - 1)) + [more] }
                break
            }
            lines += block + [more]
        }
        return lines
    }

    static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    /// The queueing math of one component: the model, ρ with its formula, predicted wait and response beside the
    /// simulated ones, where it saturates, and the instances it needs for ρ ≤ 70%.
    static func mathLines(component: Component, station: StationAnalysis, exact: Bool, live: LiveMetrics.ComponentFigures?) -> [String] {
        let servers = component.servers
        let c = servers.groups * servers.perGroup
        var lines: [String] = []
        let model: String
        switch (servers.perGroup, component.serviceTime) {
        case (1, .exponential): model = "M/M/1"
        case (_, .exponential): model = "M/M/c (Erlang C)"
        case (1, _): model = "M/G/1 (Pollaczek–Khinchine)"
        default: model = "M/G/c (Allen–Cunneen)"
        }
        let groups = servers.groups > 1 ? " ×\(servers.groups)" : ""
        lines.append("\(model)\(groups)\(exact ? "" : " ≈")")
        lines.append("λ \(Units.formatRate(station.arrivalRateRPS))/s · hold \(Health.duration(station.holdTimeS)) · c \(c)")
        var rho = "ρ = λ·hold/c = \(String(format: "%.2f", station.utilization))"
        if let live { rho += " (sim \(String(format: "%.2f", live.utilization)))" }
        lines.append(rho)
        if let wait = station.waitS, let response = station.responseS {
            lines.append("wait \(Health.duration(wait)) · resp \(Health.duration(response)) predicted")
        } else if station.utilization >= 1 {
            lines.append("saturated: no steady state, the queue grows")
        }
        if let live, live.p99S > 0 { lines.append("resp p99 \(Health.duration(live.p99S)) simulated") }
        if station.capacityRPS.isFinite {
            lines.append("saturates at \(Units.formatRate(station.capacityRPS)) req/s entry rate")
        }
        if station.arrivalRateRPS > 0, servers.perGroup > 0, component.kind != .queue {
            let needed = Capacity.instancesFor(utilization: 0.7, offeredWork: station.arrivalRateRPS * station.holdTimeS,
                                               workers: servers.perGroup)
            lines.append("ρ ≤ 0.7 needs \(needed) instance\(needed == 1 ? "" : "s") (has \(servers.groups))")
        }
        return lines
    }
}
