/// Checks that need the whole design: references, classes, call cycles, routing sums, reachability.
enum DesignChecks {
    static func check(_ design: Design, reader: YAMLReader) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func error(_ location: SourceLocation?, _ message: String) { found.append(Diagnostic(.error, at: location, message)) }
        func warning(_ location: SourceLocation?, _ message: String) { found.append(Diagnostic(.warning, at: location, message)) }

        let ids = design.components.map(\.id)
        let known = Set(ids)
        func unknown(_ name: String) -> String {
            "unknown component '\(name)'\(Suggest.didYouMean(name, ids)); components: \(ids.joined(separator: ", "))"
        }

        if !known.contains(design.workload.entry) {
            error(reader.sites["workload.entry"], "workload entry: " + unknown(design.workload.entry))
        }
        let classNames = design.workload.classes.map(\.name)
        for component in design.components {
            for (index, call) in component.calls.enumerated() {
                if !known.contains(call.to) { error(call.location, "call from '\(component.id)': " + unknown(call.to)) }
                if let requestClass = call.requestClass, !classNames.contains(requestClass) {
                    let valid = classNames.isEmpty ? "the workload declares no classes" : "classes: " + classNames.joined(separator: ", ")
                    error(reader.sites["\(component.id).calls.\(index).class"] ?? call.location,
                          "call from '\(component.id)' names request class '\(requestClass)', which is not declared\(Suggest.didYouMean(requestClass, classNames)); \(valid)")
                }
            }
            for (index, route) in component.routes.enumerated() where !known.contains(route) {
                error(reader.sites["\(component.id).routes.\(index)"] ?? component.location, "route of '\(component.id)': " + unknown(route))
            }
            if component.routes.contains(component.id) {
                error(component.location, "load balancer '\(component.id)' routes to itself")
            }
            found += blockReferences(component, design: design, reader: reader, unknown: unknown)
            // A request can be forwarded to at most one place: forward probabilities are a routing choice.
            for requestClass in classNames.isEmpty ? [nil] : classNames.map(Optional.some) {
                let total = component.calls
                    .filter { $0.mode == .forward && ($0.requestClass == nil || $0.requestClass == requestClass) }
                    .reduce(0) { $0 + $1.probability }
                if total > 1 + 1e-9 {
                    let which = requestClass.map { " for class '\($0)'" } ?? ""
                    error(component.location, "forward calls of '\(component.id)' add up to probability \(Units.trim(total))\(which); a request is forwarded to one place, so they must add up to at most 1")
                    break
                }
            }
        }
        found += failureReferences(design, reader: reader, unknown: unknown)
        guard found.isEmpty else { return found }

        if let cycle = syncCycle(design) {
            error(cycle.location, "cycle of sync calls: \(cycle.path.joined(separator: " → ")); a sync caller would wait on itself")
        }

        if let stuck = neverCompletes(design) {
            error(stuck.location, "requests reaching '\(stuck.id)' can never complete: every path from it forwards on forever (a forward or route loop taken with probability 1)")
        }

        // Components nothing reaches receive no traffic: allowed (work in progress), but worth saying.
        let reachable = reachableIDs(design)
        for component in design.components where !reachable.contains(component.id) {
            warning(component.location, "'\(component.id)' receives no traffic: nothing on the path from '\(design.workload.entry)' calls or routes to it")
        }
        return found
    }

    /// A component from which no chain of forwards and routes ever ends (and that traffic reaches).
    static func neverCompletes(_ design: Design) -> Component? {
        var canComplete = Set<String>()
        for component in design.components where !component.kind.routes {
            let forwarded = component.calls.filter { $0.mode == .forward && $0.requestClass == nil }.reduce(0) { $0 + $1.probability }
            if forwarded < 1 - 1e-12 || component.calls.contains(where: { $0.mode == .forward && $0.requestClass != nil }) {
                canComplete.insert(component.id)
            }
        }
        var changed = true
        while changed {
            changed = false
            for component in design.components where !canComplete.contains(component.id) {
                if component.outgoing.contains(where: { $0.mode == .forward && canComplete.contains($0.to) }) {
                    canComplete.insert(component.id)
                    changed = true
                }
            }
        }
        let reachable = reachableIDs(design)
        return design.components.first { reachable.contains($0.id) && !canComplete.contains($0.id) }
    }

    static func reachableIDs(_ design: Design) -> Set<String> {
        var seen: Set<String> = [design.workload.entry]
        var stack = [design.workload.entry]
        while let id = stack.popLast() {
            for edge in design.component(id)?.outgoing ?? [] where !seen.contains(edge.to) {
                seen.insert(edge.to)
                stack.append(edge.to)
            }
        }
        return seen
    }

    /// A sync call from A to B is a cycle when B's request path (any call or route) can come back to A.
    static func syncCycle(_ design: Design) -> (path: [String], location: SourceLocation?)? {
        for component in design.components {
            for call in component.calls where call.mode == .sync {
                if let path = path(from: call.to, to: component.id, in: design) {
                    return ([component.id] + path, call.location)
                }
            }
        }
        return nil
    }

    static func path(from start: String, to goal: String, in design: Design) -> [String]? {
        var previous: [String: String] = [:]
        var queue = [start]
        var seen: Set<String> = [start]
        var head = 0
        while head < queue.count {
            let id = queue[head]
            head += 1
            if id == goal {
                var path = [id]
                var cursor = id
                while let before = previous[cursor] { path.append(before); cursor = before }
                return path.reversed()
            }
            for edge in design.component(id)?.outgoing ?? [] where !seen.contains(edge.to) {
                seen.insert(edge.to)
                previous[edge.to] = id
                queue.append(edge.to)
            }
        }
        return nil
    }
}
