/// Checks of the references made by caches, CDNs, queues and the failure timeline.
extension DesignChecks {
    static func blockReferences(_ component: Component, design: Design, reader: YAMLReader,
                                unknown: (String) -> String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let known = Set(design.components.map(\.id))
        if let cache = component.cache {
            let key = component.kind == .cdn ? "origin" : "on_miss"
            let site = reader.sites["component '\(component.id)'.backing"] ?? component.location
            if cache.backing == component.id {
                found.append(Diagnostic(.error, at: site, "\(key) of '\(component.id)' names the \(component.kind.rawValue) itself"))
            } else if !known.contains(cache.backing) {
                found.append(Diagnostic(.error, at: site, "\(key) of '\(component.id)': " + unknown(cache.backing)))
            }
            if cache.usesKeyModel, design.workload.keys == nil {
                found.append(Diagnostic(.error, at: component.location,
                    "'\(component.id)' has a capacity (the key model) but the workload has no keys; add e.g. 'keys: { count: 1M, zipf: 0.99 }' under workload, or give a fixed hit_ratio"))
            }
        }
        if let deadLetter = component.queue?.deadLetter {
            let site = reader.sites["\(component.id).dead_letter"] ?? component.location
            if deadLetter == component.id {
                found.append(Diagnostic(.error, at: site, "dead_letter of '\(component.id)' names the queue itself"))
            } else if !known.contains(deadLetter) {
                found.append(Diagnostic(.error, at: site, "dead_letter of '\(component.id)': " + unknown(deadLetter)))
            }
        }
        for call in component.calls where call.mode != .async {
            if design.component(call.to)?.kind == .queue {
                found.append(Diagnostic(.error, at: call.location,
                    "'\(component.id)' calls queue '\(call.to)' \(call.mode.rawValue); producers publish to a queue with mode: async (use overflow: block on the queue for backpressure)"))
            }
        }
        if component.kind.routes {
            for route in component.routes where design.component(route)?.kind == .queue {
                found.append(Diagnostic(.error, at: component.location,
                    "'\(component.id)' routes to queue '\(route)'; a queue is published to with an async call, not balanced over"))
            }
        }
        return found
    }

    static func failureReferences(_ design: Design, reader: YAMLReader, unknown: (String) -> String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let regions = Set(design.components.compactMap(\.region))
        for (index, event) in design.failures.enumerated() {
            let site = reader.sites["failures.\(index)"] ?? event.location
            for name in event.components where design.component(name) == nil {
                found.append(Diagnostic(.error, at: site, "failure '\(event.summary)': " + unknown(name)))
            }
            switch event.action {
            case .crash(let name, let instance?):
                if let component = design.component(name), instance >= component.engineInstances {
                    found.append(Diagnostic(.error, at: site,
                        "failure '\(event.summary)': '\(name)' has instances #0…#\(component.engineInstances - 1)"))
                }
            case .drop(let from, let to, _):
                if let component = design.component(from), !component.outgoing.contains(where: { $0.to == to }) {
                    found.append(Diagnostic(.error, at: site, "failure '\(event.summary)': '\(from)' does not call '\(to)'"))
                }
            case .partition(let region):
                if !regions.contains(region) {
                    let known = regions.isEmpty ? "no component has a region" : "regions: " + regions.sorted().joined(separator: ", ")
                    found.append(Diagnostic(.error, at: site, "failure '\(event.summary)': unknown region '\(region)'\(Suggest.didYouMean(region, Array(regions))); \(known)"))
                }
            default:
                break
            }
        }
        return found
    }
}
