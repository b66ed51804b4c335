import Foundation
import Yams

/// Builds the model from the node tree, reporting structural problems through the reader.
struct DesignBuilder {
    let reader: YAMLReader

    func build(_ root: Node) -> Design? {
        guard let top = reader.mapping(root, "the design") else { return nil }
        defer { top.finish(valid: DesignParser.topLevelKeys) }

        if let versionNode = top.require("sdw", hint: "the format version; write 'sdw: 1' first") {
            if let version = reader.integer(versionNode, "sdw (format version)", minimum: 1), version != Design.formatVersion {
                reader.error(versionNode, "format version \(version) is not supported; this sdw reads 'sdw: \(Design.formatVersion)'")
            }
        }
        let fileName = URL(fileURLWithPath: reader.file).deletingPathExtension().lastPathComponent
        let name = top.take("name").flatMap { reader.string($0, "name") } ?? fileName
        let description = top.take("description").flatMap { reader.string($0, "description") } ?? ""
        var seed: UInt64 = 1
        if let node = top.take("seed"), let text = reader.scalarText(node, "seed", expected: "a whole number ≥ 0") {
            if let value = UInt64(text) { seed = value } else { reader.error(node, "seed must be a whole number ≥ 0, found '\(text)'") }
        }
        let simulation = top.take("simulation").flatMap(simulationSettings) ?? SimulationSettings()
        let componentsNode = top.require("components", hint: "a mapping of component names to their settings")
        let components = componentsNode.flatMap(componentList) ?? []
        let workloadNode = top.require("workload", hint: "entry, rate, arrivals…")
        let workload = workloadNode.flatMap(self.workload)
        let network = top.take("network").flatMap(networkSettings) ?? NetworkSettings()
        let failures = top.take("failures").flatMap(failureTimeline) ?? []

        guard let workload else { return nil }
        return Design(name: name, description: description, seed: seed, simulation: simulation,
                      workload: workload, components: components, failures: failures, network: network, source: reader.file)
    }

    func simulationSettings(_ node: Node) -> SimulationSettings? {
        guard let map = reader.mapping(node, "simulation") else { return nil }
        defer { map.finish(valid: DesignParser.simulationKeys) }
        let duration = map.take("duration").flatMap { reader.duration($0, "simulation duration") } ?? 60
        var warmup: Double?
        if let warmupNode = map.take("warmup"), let value = reader.duration(warmupNode, "simulation warmup", allowZero: true) {
            if value >= duration {
                reader.error(warmupNode, "warmup (\(Units.formatDuration(value))) must be shorter than the duration (\(Units.formatDuration(duration)))")
            }
            warmup = value
        }
        return SimulationSettings(durationS: duration, warmupS: warmup)
    }

    func workload(_ node: Node) -> Workload? {
        guard let map = reader.mapping(node, "workload") else { return nil }
        defer { map.finish(valid: DesignParser.workloadKeys) }
        reader.remember("workload.entry", map.take("entry"))
        let entry = map.require("entry", hint: "the component that receives external requests")
            .flatMap { reader.string($0, "workload entry") }
        let arrivals = map.take("arrivals").flatMap { reader.choice($0, "arrivals", Workload.Arrivals.self) } ?? .poisson
        let rate = map.require("rate", hint: "requests per second, e.g. 950 or 10k").flatMap { reader.rate($0, "workload rate") }
        let pattern = map.take("pattern").flatMap(self.pattern) ?? .constant
        let classes = map.take("classes").flatMap(requestClasses) ?? []
        let keys = map.take("keys").flatMap(keyModel)
        guard let entry, let rate else { return nil }
        return Workload(entry: entry, arrivals: arrivals, rateRPS: rate, pattern: pattern, classes: classes, keys: keys)
    }

    func pattern(_ node: Node) -> LoadPattern? {
        guard let map = reader.mapping(node, "pattern") else { return nil }
        guard let kindNode = map.require("kind", hint: "one of " + LoadPattern.kinds.joined(separator: ", ")),
              let kind = reader.scalarText(kindNode, "pattern kind", expected: "a pattern kind") else { return nil }
        switch kind {
        case "constant":
            map.finish(valid: ["kind"])
            return .constant
        case "ramp":
            defer { map.finish(valid: ["kind", "to", "over", "start"]) }
            let to = map.require("to", hint: "the rate reached at the end of the ramp").flatMap { reader.rate($0, "ramp 'to'") }
            let over = map.require("over", hint: "how long the ramp lasts").flatMap { reader.duration($0, "ramp 'over'") }
            let start = map.take("start").flatMap { reader.duration($0, "ramp 'start'", allowZero: true) } ?? 0
            guard let to, let over else { return nil }
            return .ramp(toRPS: to, overS: over, startS: start)
        case "spike":
            defer { map.finish(valid: ["kind", "at", "factor", "for"]) }
            let at = map.require("at", hint: "when the spike starts").flatMap { reader.duration($0, "spike 'at'", allowZero: true) }
            let factor = map.require("factor", hint: "the rate multiplier during the spike").flatMap { reader.number($0, "spike factor", positive: true) }
            let length = map.require("for", hint: "how long the spike lasts").flatMap { reader.duration($0, "spike 'for'") }
            guard let at, let factor, let length else { return nil }
            return .spike(atS: at, factor: factor, forS: length)
        case "diurnal":
            defer { map.finish(valid: ["kind", "peak", "period"]) }
            let peak = map.require("peak", hint: "the rate at the busiest time").flatMap { reader.rate($0, "diurnal peak") }
            let period = map.take("period").flatMap { reader.duration($0, "diurnal period") } ?? 86_400
            guard let peak else { return nil }
            return .diurnal(peakRPS: peak, periodS: period)
        default:
            reader.error(kindNode, "pattern kind '\(kind)' is not known\(Suggest.didYouMean(kind, LoadPattern.kinds)); valid: \(LoadPattern.kinds.joined(separator: ", "))")
            return nil
        }
    }

    func requestClasses(_ node: Node) -> [RequestClass]? {
        guard let items = reader.sequence(node, "classes") else { return nil }
        var classes: [RequestClass] = []
        for item in items {
            guard let map = reader.mapping(item, "a request class") else { continue }
            defer { map.finish(valid: DesignParser.classKeys) }
            let name = map.require("name", hint: "the class name used by calls").flatMap { reader.string($0, "class name") }
            let weight = map.take("weight").flatMap { reader.number($0, "class weight", positive: true) } ?? 1
            let write = map.take("write").flatMap { ComponentBuilder(reader: reader).boolean($0, "write of a request class") } ?? false
            guard let name else { continue }
            if classes.contains(where: { $0.name == name }) {
                reader.error(item, "request class '\(name)' is declared twice")
                continue
            }
            classes.append(RequestClass(name: name, weight: weight, write: write))
        }
        return classes
    }

    func componentList(_ node: Node) -> [Component]? {
        guard let map = reader.mapping(node, "components") else { return nil }
        if map.pairs.isEmpty {
            reader.error(node, "components is empty; a design needs at least one component")
        }
        var components: [Component] = []
        for pair in map.pairs {
            _ = map.take(pair.key)
            if let component = ComponentBuilder(reader: reader).build(id: pair.key, idNode: pair.keyNode, node: pair.value) {
                components.append(component)
            }
        }
        return components
    }
}
