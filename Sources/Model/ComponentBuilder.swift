import Foundation
import Yams

/// Builds one component from its mapping.
struct ComponentBuilder {
    let reader: YAMLReader

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, CharacterSet.letters.contains(first) || first == "_" else { return false }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-"))
        return id.unicodeScalars.allSatisfy { allowed.contains($0) } && id.count <= 40
    }

    func build(id: String, idNode: Node, node: Node) -> Component? {
        let what = "component '\(id)'"
        if !Self.isValidID(id) {
            reader.error(idNode, "component name '\(id)' must start with a letter or '_' and use only letters, digits, '_' and '-' (at most 40)")
        }
        guard let map = reader.mapping(node, what) else { return nil }
        guard let kindNode = map.require("kind", hint: "one of " + ComponentKind.allCases.map(\.rawValue).joined(separator: ", ")),
              let kind = reader.choice(kindNode, "kind of \(what)", ComponentKind.self) else {
            // Without a kind the valid keys are unknown: take the common ones so only real strays are reported.
            for key in DesignParser.commonComponentKeys { _ = map.take(key) }
            return nil
        }
        defer { map.finish(valid: DesignParser.componentKeys(kind)) }
        reader.remember("\(id).kind", kindNode)

        let description = map.take("description").flatMap { reader.string($0, "description of \(what)") }
        var instances = 1, workers = 1, queueCapacity = Component.defaultQueueCapacity
        var balancing = kind == .cache ? BalancingAlgorithm.consistentHash : .random
        if kind != .queue && kind != .database {
            instances = map.take("instances").flatMap { reader.integer($0, "instances of \(what)", minimum: 1) } ?? 1
            workers = map.take("workers").flatMap { reader.integer($0, "workers of \(what)", minimum: 1) } ?? 1
            balancing = map.take("balancing").flatMap { reader.choice($0, "balancing of \(what)", BalancingAlgorithm.self) } ?? balancing
        }
        if kind == .database {
            workers = map.take("connections").flatMap { reader.integer($0, "connections of \(what)", minimum: 1) } ?? 10
        }
        if kind != .queue {
            queueCapacity = map.take("queue_capacity").flatMap { reader.integer($0, "queue_capacity of \(what)", minimum: 0) }
                ?? Component.defaultQueueCapacity
        }

        let serviceTime: ServiceTime?
        if let fallback = kind.defaultServiceTime {
            serviceTime = map.take("service_time").flatMap { self.serviceTime($0, what) } ?? fallback
        } else {
            serviceTime = map.require("service_time", hint: "e.g. { dist: exponential, mean: 5ms }")
                .flatMap { self.serviceTime($0, what) }
        }

        var component = Component(id: id, kind: kind, description: description, instances: instances, workers: workers,
                                  queueCapacity: queueCapacity, serviceTime: serviceTime ?? .constant(S: 0),
                                  balancing: balancing, location: reader.location(idNode))
        component.position = map.take("position").flatMap { position($0, what) }
        component.region = map.take("region").flatMap { reader.string($0, "region of \(what)") }
        var complete = serviceTime != nil
        switch kind {
        case .service, .rateLimiter, .queue:
            component.calls = map.take("calls").flatMap { calls($0, what, owner: id) } ?? []
        case .loadBalancer, .apiGateway:
            component.algorithm = map.take("algorithm").flatMap { reader.choice($0, "algorithm of \(what)", BalancingAlgorithm.self) }
                ?? .roundRobin
            if let routesNode = map.require("routes", hint: "the components it balances over, e.g. [web]") {
                component.routes = routes(routesNode, what, owner: id)
            }
            if let weightsNode = map.take("weights") {
                component.weights = weights(weightsNode, what, count: component.routes.count)
                if component.algorithm != .weighted {
                    reader.warning(at: reader.location(weightsNode), "weights of \(what) are ignored unless algorithm is 'weighted'")
                }
            } else if component.algorithm == .weighted {
                reader.error(map.node, "\(what) uses algorithm 'weighted' but has no 'weights' (one number per route)")
            }
        case .cache, .cdn, .database:
            break
        }
        complete = blockSettings(of: &component, map, what) && complete
        // Queues and databases count their slots from partitions, shards and replicas.
        if kind == .queue || kind == .database { component.instances = component.engineInstances }
        return complete ? component : nil
    }

    func serviceTime(_ node: Node, _ owner: String) -> ServiceTime? {
        let what = "service_time of \(owner)"
        guard let map = reader.mapping(node, what) else {
            return nil
        }
        guard let distNode = map.require("dist", hint: "one of " + ServiceTime.names.joined(separator: ", ")),
              let dist = reader.scalarText(distNode, "dist", expected: "a distribution name") else { return nil }
        func mean(_ allowZero: Bool = false) -> Double? {
            map.require("mean", hint: "the mean service time, e.g. 5ms").flatMap { reader.duration($0, "mean of \(what)", allowZero: allowZero) }
        }
        switch dist {
        case "exponential":
            defer { map.finish(valid: ["dist", "mean"]) }
            return mean().map { .exponential(meanS: $0) }
        case "constant":
            defer { map.finish(valid: ["dist", "mean"]) }
            return mean(true).map { .constant(S: $0) }
        case "uniform":
            defer { map.finish(valid: ["dist", "min", "max", "mean"]) }
            let low = map.take("min").flatMap { reader.duration($0, "min of \(what)", allowZero: true) }
            let high = map.take("max").flatMap { reader.duration($0, "max of \(what)") }
            let meanValue = map.take("mean").flatMap { reader.duration($0, "mean of \(what)") }
            switch (low, high, meanValue) {
            case let (low?, high?, nil):
                guard high > low else { reader.error(node, "\(what): max must be greater than min"); return nil }
                return .uniform(minS: low, maxS: high)
            case let (low, nil, mean?):
                let from = low ?? 0
                guard mean > from else { reader.error(node, "\(what): mean must be greater than min"); return nil }
                return .uniform(minS: from, maxS: 2 * mean - from)
            default:
                reader.error(node, "\(what): give either 'min' and 'max', or 'mean' (and optionally 'min')")
                return nil
            }
        case "lognormal":
            defer { map.finish(valid: ["dist", "mean", "p99", "cv"]) }
            guard let meanValue = mean() else { return nil }
            let p99Node = map.take("p99"), cvNode = map.take("cv")
            switch (p99Node, cvNode) {
            case (let p99Node?, nil):
                guard let p99 = reader.duration(p99Node, "p99 of \(what)") else { return nil }
                guard ServiceTime.lognormalSigma(mean: meanValue, p99: p99) != nil else {
                    let limit = Units.formatDuration(meanValue * ServiceTime.maxP99OverMean)
                    reader.error(p99Node, "\(what): no lognormal has mean \(Units.formatDuration(meanValue)) and p99 \(Units.formatDuration(p99)); the p99 must be above the mean and at most \(limit) (≈14.97 × mean)")
                    return nil
                }
                return .lognormal(meanS: meanValue, shape: .p99(p99))
            case (nil, let cvNode?):
                guard let cv = reader.number(cvNode, "cv of \(what)", positive: true) else { return nil }
                return .lognormal(meanS: meanValue, shape: .cv(cv))
            case (nil, nil):
                reader.error(node, "\(what): a lognormal needs its spread: 'p99' (e.g. 40ms) or 'cv' (e.g. 1.5)")
                return nil
            case (_?, _?):
                reader.error(node, "\(what): give 'p99' or 'cv', not both")
                return nil
            }
        default:
            reader.error(distNode, "distribution '\(dist)' is not known\(Suggest.didYouMean(dist, ServiceTime.names)); valid: \(ServiceTime.names.joined(separator: ", "))")
            return nil
        }
    }

    func calls(_ node: Node, _ owner: String, owner id: String) -> [Call]? {
        guard let items = reader.sequence(node, "calls of \(owner)") else { return nil }
        var calls: [Call] = []
        for item in items {
            // Shorthand: `- db` is a sync call to db.
            if case .scalar(let scalar) = item {
                calls.append(Call(to: scalar.string, location: reader.location(item)))
                continue
            }
            guard let map = reader.mapping(item, "a call of \(owner)") else { continue }
            defer { map.finish(valid: DesignParser.callKeys) }
            let toNode = map.require("to", hint: "the component called")
            guard let to = toNode.flatMap({ reader.string($0, "call target") }) else { continue }
            let mode = map.take("mode").flatMap { reader.choice($0, "call mode", CallMode.self) } ?? .sync
            let probability = map.take("probability").flatMap { probabilityNode -> Double? in
                guard let value = reader.number(probabilityNode, "call probability", range: 0...1) else { return nil }
                if value == 0 { reader.error(probabilityNode, "call probability must be greater than 0 (remove the call instead)"); return nil }
                return value
            } ?? 1
            var timeout: Double?
            if let timeoutNode = map.take("timeout") {
                timeout = reader.duration(timeoutNode, "call timeout")
                if mode != .sync, timeout != nil {
                    reader.error(timeoutNode, "a timeout applies only to sync calls (this call is \(mode.rawValue))")
                }
            }
            let requestClassNode = map.take("class")
            let requestClass = requestClassNode.flatMap { reader.string($0, "call class") }
            if let requestClassNode { reader.remember("\(id).calls.\(calls.count).class", requestClassNode) }
            var call = Call(to: to, mode: mode, probability: probability, timeoutS: timeout,
                            requestClass: requestClass, location: reader.location(toNode))
            resilience(of: &call, map)
            calls.append(call)
        }
        return calls
    }

    func routes(_ node: Node, _ owner: String, owner id: String) -> [String] {
        let items: [Node]
        if case .scalar = node { items = [node] } else { items = reader.sequence(node, "routes of \(owner)") ?? [] }
        var routes: [String] = []
        for item in items {
            guard let route = reader.string(item, "a route of \(owner)") else { continue }
            if routes.contains(route) { reader.error(item, "route '\(route)' is listed twice in \(owner)"); continue }
            reader.remember("\(id).routes.\(routes.count)", item)
            routes.append(route)
        }
        if items.isEmpty {
            reader.error(node, "\(owner) has no routes; a load balancer needs at least one backend component")
        }
        return routes
    }

    /// `[x, y]` or `{ x: 3, y: 7 }`: a canvas cell, column and row, both ≥ 0.
    func position(_ node: Node, _ owner: String) -> GridPoint? {
        let what = "position of \(owner)"
        switch node {
        case .sequence(let sequence):
            let items = Array(sequence)
            guard items.count == 2 else {
                reader.error(node, "\(what) must be two whole numbers [x, y] (column, row), found \(items.count) value\(items.count == 1 ? "" : "s")")
                return nil
            }
            let x = reader.integer(items[0], "position x (column) of \(owner)", minimum: 0)
            let y = reader.integer(items[1], "position y (row) of \(owner)", minimum: 0)
            guard let x, let y else { return nil }
            return GridPoint(x: x, y: y)
        case .mapping:
            guard let map = reader.mapping(node, what) else { return nil }
            defer { map.finish(valid: ["x", "y"]) }
            let x = map.require("x", hint: "the column, a whole number ≥ 0").flatMap { reader.integer($0, "position x (column) of \(owner)", minimum: 0) }
            let y = map.require("y", hint: "the row, a whole number ≥ 0").flatMap { reader.integer($0, "position y (row) of \(owner)", minimum: 0) }
            guard let x, let y else { return nil }
            return GridPoint(x: x, y: y)
        default:
            reader.error(node, "\(what) must be [x, y] (column, row), e.g. [3, 7], or { x: 3, y: 7 }, found \(YAMLReader.describe(node))")
            return nil
        }
    }

    func weights(_ node: Node, _ owner: String, count: Int) -> [Double]? {
        guard let items = reader.sequence(node, "weights of \(owner)") else { return nil }
        let values = items.compactMap { reader.number($0, "a weight of \(owner)", positive: true) }
        guard values.count == items.count else { return nil }
        guard values.count == count else {
            reader.error(node, "\(owner) has \(values.count) weights for \(count) routes; give one weight per route")
            return nil
        }
        return values
    }
}
