import Foundation
import Yams

/// Reading the key model, network settings and the failure timeline.
extension DesignBuilder {
    func keyModel(_ node: Node) -> KeyModel? {
        guard let map = reader.mapping(node, "workload keys") else { return nil }
        defer { map.finish(valid: ["count", "zipf"]) }
        let countNode = map.require("count", hint: "how many distinct keys, e.g. 1M")
        var count: Int?
        if let countNode, let text = reader.scalarText(countNode, "keys count", expected: "a count such as 100000 or 1M") {
            if let value = Units.parseRate(text), value >= 1, value <= 1e9, value == value.rounded() {
                count = Int(value)
            } else {
                reader.error(countNode, "keys count must be a whole number from 1 to 1G, such as 100000 or 1M, found '\(text)'")
            }
        }
        let zipf = map.take("zipf").flatMap { reader.number($0, "keys zipf exponent", range: 0...5) } ?? 0.99
        guard let count else { return nil }
        return KeyModel(count: count, zipf: zipf)
    }

    func networkSettings(_ node: Node) -> NetworkSettings? {
        guard let map = reader.mapping(node, "network") else { return nil }
        defer { map.finish(valid: ["cross_region_latency"]) }
        var settings = NetworkSettings()
        if let node = map.take("cross_region_latency") {
            settings.crossRegionLatencyS = reader.duration(node, "cross_region_latency", allowZero: true) ?? settings.crossRegionLatencyS
        }
        return settings
    }

    static let failureActions = ["crash", "slow", "drop", "partition"]

    func failureTimeline(_ node: Node) -> [FailureEvent]? {
        guard let items = reader.sequence(node, "failures") else { return nil }
        var events: [FailureEvent] = []
        for (index, item) in items.enumerated() {
            let what = "failure \(index + 1)"
            guard let map = reader.mapping(item, what) else { continue }
            let actions = Self.failureActions.filter { map.has($0) }
            guard actions.count == 1 else {
                reader.error(item, actions.isEmpty
                    ? "\(what) says nothing breaks: give one of \(Self.failureActions.joined(separator: ", ")) (e.g. crash: db)"
                    : "\(what) gives \(actions.joined(separator: " and ")); one action per entry")
                for key in Self.failureActions + ["at", "until", "instance", "factor", "to", "fraction"] { _ = map.take(key) }
                continue
            }
            let action = actions[0]
            var valid = ["at", "until", action]
            let at = map.require("at", hint: "when it happens, e.g. 30s").flatMap { reader.duration($0, "at of \(what)", allowZero: true) }
            let until = map.take("until").flatMap { reader.duration($0, "until of \(what)") }
            let location = reader.location(item)
            var parsed: FailureEvent.Action?
            let target = map.take(action).flatMap { reader.string($0, "\(action) of \(what)") }
            if let target { reader.remember("failures.\(index)", map.take(action)) }
            switch action {
            case "crash":
                valid.append("instance")
                let instance = map.take("instance").flatMap { reader.integer($0, "instance of \(what)", minimum: 0) }
                if let target { parsed = .crash(component: target, instance: instance) }
            case "slow":
                valid.append("factor")
                let factor = map.require("factor", hint: "how many times slower, e.g. 3").flatMap { reader.number($0, "factor of \(what)", positive: true) }
                if let target, let factor { parsed = .slow(component: target, factor: factor) }
            case "drop":
                valid += ["to", "fraction"]
                let to = map.require("to", hint: "the called component").flatMap { reader.string($0, "to of \(what)") }
                let fraction = map.take("fraction").flatMap { ComponentBuilder(reader: reader).fraction($0, "fraction of \(what)", allowZero: false) } ?? 1
                if let target, let to { parsed = .drop(from: target, to: to, fraction: fraction) }
            default:
                if let target { parsed = .partition(region: target) }
            }
            map.finish(valid: valid)
            guard let at, let parsed else { continue }
            if let until, until <= at {
                reader.error(item, "\(what) heals at \(Units.formatDuration(until)), not after it starts at \(Units.formatDuration(at))")
                continue
            }
            events.append(FailureEvent(atS: at, untilS: until, action: parsed, location: location))
        }
        // Time order; entries at the same time keep their file order.
        return events.enumerated().sorted { ($0.element.atS, $0.offset) < ($1.element.atS, $1.offset) }.map(\.element)
    }
}
