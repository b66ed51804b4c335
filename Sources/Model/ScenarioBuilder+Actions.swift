import Foundation
import Yams

/// Reading `actions:`: each entry is `at:` plus one of rate, set, crash, recover, slow, checked against the design.
extension ScenarioBuilder {
    static let actionKinds = ["rate", "set", "crash", "recover", "slow"]

    func actionList(_ node: Node, design: Design, durationS: Double) -> [ScenarioAction]? {
        guard let items = reader.sequence(node, "actions") else { return nil }
        var actions: [ScenarioAction] = []
        // Parameter edits are checked on the design as edited so far, like edits in the workbench.
        var edited = design
        var previous: (atS: Double, index: Int)?
        for (index, item) in items.enumerated() {
            let what = "action \(index + 1)"
            guard let map = reader.mapping(item, what) else { continue }
            let kinds = Self.actionKinds.filter { map.has($0) }
            guard kinds.count == 1 else {
                reader.error(item, kinds.isEmpty
                    ? "\(what) does nothing: give one of \(Self.actionKinds.joined(separator: ", ")) (e.g. { at: 30s, crash: db })"
                    : "\(what) gives \(kinds.joined(separator: " and ")); one action per entry")
                for key in Self.actionKinds + ["at", "instance"] { _ = map.take(key) }
                map.finish(valid: ["at"] + Self.actionKinds + ["instance"])
                continue
            }
            let kind = kinds[0]
            let atNode = map.require("at", hint: "the simulated time it happened, e.g. 12.5s")
            let at = atNode.flatMap { reader.duration($0, "at of \(what)", allowZero: true) }
            if let at {
                if let previous, at < previous.atS {
                    reader.error(atNode, "\(what) at \(Units.formatDuration(at)) comes before action \(previous.index + 1) at "
                        + "\(Units.formatDuration(previous.atS)); list actions in time order")
                } else if at >= durationS {
                    reader.error(atNode, "\(what) at \(Units.formatDuration(at)) is not before the end of the run (\(Units.formatDuration(durationS)))")
                }
                previous = (at, index)
            }
            let location = reader.location(item)
            let value = map.take(kind)!
            var valid = ["at", kind]
            var parsed: [ScenarioAction.Kind] = []
            switch kind {
            case "rate":
                if let rate = reader.rate(value, "rate of \(what)") { parsed = [.rate(rate)] }
            case "set":
                parsed = edits(value, what, design: &edited)
            case "crash", "recover":
                valid.append("instance")
                let instanceNode = map.take("instance")
                let instance = instanceNode.flatMap { reader.integer($0, "instance of \(what)", minimum: 0) }
                if let id = component(value, "\(kind) of \(what)", design: edited) {
                    if let instance, let component = edited.component(id), instance >= component.engineInstances {
                        reader.error(instanceNode, "\(id) has \(component.engineInstances) instance\(component.engineInstances == 1 ? "" : "s") (0…\(component.engineInstances - 1)), not instance \(instance)")
                    } else if instanceNode == nil || instance != nil {
                        parsed = [kind == "crash" ? .crash(component: id, instance: instance) : .recover(component: id, instance: instance)]
                    }
                }
            default:
                parsed = slowdowns(value, what, design: edited)
            }
            map.finish(valid: valid)
            guard let at else { continue }
            actions += parsed.map { ScenarioAction(atS: at, $0, location: location) }
        }
        return actions
    }

    /// A component the design has, or an error naming those it has.
    func component(_ node: Node, _ what: String, design: Design) -> String? {
        guard let id = reader.text(node, what) else { return nil }
        guard design.component(id) != nil else {
            reader.error(node, "\(what): " + unknownComponent(id, in: design))
            return nil
        }
        return id
    }

    /// `set: { web.workers: 16, db.service_time: 5ms }`: the workbench's `:set` vocabulary, live edits only.
    func edits(_ node: Node, _ what: String, design: inout Design) -> [ScenarioAction.Kind] {
        guard let map = reader.mapping(node, "set of \(what)") else { return [] }
        var found: [ScenarioAction.Kind] = []
        for pair in map.pairs {
            _ = map.take(pair.key)
            let parameter: DesignParameter
            do {
                parameter = try DesignParameter.parse(pair.key, in: design)
            } catch {
                let id = pair.key.split(separator: ".").first.map(String.init) ?? pair.key
                reader.error(pair.keyNode, design.component(id) == nil && pair.key.contains(".")
                    ? "set of \(what): " + unknownComponent(id, in: design) : "set of \(what): \(error)")
                continue
            }
            if parameter.key == .instances {
                reader.error(pair.keyNode, "set of \(what): \(parameter) changes the design's shape, which restarts a run from 0 s, "
                    + "so a scenario cannot replay it; put the instance count in the design, or use autoscale")
                continue
            }
            guard let text = reader.scalarText(pair.value, "\(parameter)", expected: parameter.isInteger ? "a whole number" : "a duration such as 5ms") else { continue }
            do {
                let value = try parameter.parseValue(text)
                design = try parameter.applying(value, to: design)
                found.append(.set(parameter, value))
            } catch {
                reader.error(pair.value, "set of \(what): \(error)")
            }
        }
        if map.pairs.isEmpty { reader.error(node, "set of \(what) is empty: give COMPONENT.KEY: VALUE, e.g. { web.workers: 16 }") }
        return found
    }

    /// `slow: { web: 3 }`: each component's service times multiplied by its factor (1 restores it).
    func slowdowns(_ node: Node, _ what: String, design: Design) -> [ScenarioAction.Kind] {
        guard let map = reader.mapping(node, "slow of \(what)") else { return [] }
        var found: [ScenarioAction.Kind] = []
        for pair in map.pairs {
            _ = map.take(pair.key)
            guard design.component(pair.key) != nil else {
                reader.error(pair.keyNode, "slow of \(what): " + unknownComponent(pair.key, in: design))
                continue
            }
            if let factor = reader.number(pair.value, "slow factor of \(pair.key)", positive: true) {
                found.append(.slow(component: pair.key, factor: factor))
            }
        }
        if map.pairs.isEmpty { reader.error(node, "slow of \(what) is empty: give COMPONENT: FACTOR, e.g. { web: 3 }") }
        return found
    }
}
