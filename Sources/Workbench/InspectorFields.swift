import Model

/// One row of the inspector: a parameter shown as text and, when editable, set from text with validation.
public struct InspectorField: Sendable, Equatable {
    public var key: String
    public var label: String
    public var value: String
    public var editable: Bool
    /// What to type, shown while editing.
    public var hint: String
}

/// The inspector's rows for the current selection, and how each one is parsed back.
public enum InspectorFields {
    public static func fields(for state: AppState) -> [InspectorField] {
        switch state.selection {
        case .component(let id)?:
            guard let component = state.design.component(id) else { return [] }
            return componentFields(component)
        case .link(let from, let to)?:
            guard let source = state.design.component(from) else { return [] }
            if let call = source.calls.first(where: { $0.to == to }) { return callFields(call) }
            return [InspectorField(key: "route", label: "route", value: "\(from) → \(to)", editable: false,
                                   hint: "a load balancer route; d removes it")]
        case nil:
            return workloadFields(state.design)
        }
    }

    static func componentFields(_ c: Component) -> [InspectorField] {
        // Queues and databases take their slots from partitions, shards and replicas (`instances` follows them).
        var rows = [InspectorField(key: "kind", label: "kind", value: c.kind.rawValue, editable: false, hint: "")]
        switch c.kind {
        case .queue:
            break
        case .database:
            rows.append(InspectorField(key: "connections", label: "connections", value: "\(c.workers)", editable: true,
                                       hint: "connection pool per node: queries served at once, ≥ 1"))
        default:
            rows.append(InspectorField(key: "instances", label: "instances", value: "\(c.instances)", editable: true, hint: "a whole number ≥ 1"))
            rows.append(InspectorField(key: "workers", label: "workers", value: "\(c.workers)", editable: true, hint: "per instance, ≥ 1"))
        }
        if c.kind != .queue {
            rows.append(InspectorField(key: "queue_capacity", label: "queue cap", value: "\(c.queueCapacity)", editable: true,
                                       hint: c.kind == .database ? "queries waiting for a connection, per node, ≥ 0" : "waiting room per instance, ≥ 0"))
        }
        rows.append(InspectorField(key: "service_time", label: "service", value: serviceText(c.serviceTime), editable: true,
                                   hint: "exponential 5ms · constant 1ms · uniform 1ms 3ms · lognormal 5ms p99 40ms · lognormal 5ms cv 1.5"))
        if c.kind.routes {
            rows.append(InspectorField(key: "algorithm", label: "algorithm", value: c.algorithm.rawValue, editable: true,
                                       hint: BalancingAlgorithm.allCases.map(\.rawValue).joined(separator: " | ")))
            rows.append(InspectorField(key: "routes", label: "routes", value: c.routes.joined(separator: ", "), editable: true,
                                       hint: "component names, comma separated"))
            rows.append(InspectorField(key: "weights", label: "weights",
                                       value: c.weights.map { $0.map(Units.trim).joined(separator: ", ") } ?? "—",
                                       editable: true, hint: "one number per route, e.g. 3, 1 (or - for none)"))
        }
        if c.kind != .queue && c.kind != .database {
            rows.append(InspectorField(key: "balancing", label: "balancing", value: c.balancing.rawValue, editable: true,
                                       hint: "how callers pick an instance: " + BalancingAlgorithm.allCases.map(\.rawValue).joined(separator: " | ")))
        }
        rows += blockFields(c)
        for (index, call) in c.calls.enumerated() {
            rows.append(InspectorField(key: "call.\(index)", label: index == 0 ? "calls" : "", value: callText(call), editable: true,
                                       hint: "TARGET MODE [p=0.3] [timeout=500ms] [class=read]; MODE sync | forward | async"))
        }
        return rows + optionalFields(c)
    }

    static func callFields(_ call: Call) -> [InspectorField] {
        [
            InspectorField(key: "link.mode", label: "mode", value: call.mode.rawValue, editable: true, hint: "sync | forward | async"),
            InspectorField(key: "link.probability", label: "probability", value: Units.trim(call.probability), editable: true,
                           hint: "a fraction in (0, 1]"),
            InspectorField(key: "link.timeout", label: "timeout", value: call.timeoutS.map(Units.formatDuration) ?? "—",
                           editable: true, hint: "e.g. 500ms (sync calls only), or - for none"),
            InspectorField(key: "link.class", label: "class", value: call.requestClass ?? "all", editable: true,
                           hint: "a request class name, or all"),
        ] + resilienceFields(call)
    }

    static func workloadFields(_ design: Design) -> [InspectorField] {
        [
            InspectorField(key: "workload.rate", label: "rate", value: Units.formatRate(design.workload.rateRPS) + "/s", editable: true,
                           hint: "requests per second: 950, 10k, 1.5M"),
            InspectorField(key: "workload.arrivals", label: "arrivals", value: design.workload.arrivals.rawValue, editable: true,
                           hint: "poisson | constant"),
            InspectorField(key: "workload.entry", label: "entry", value: design.workload.entry, editable: true,
                           hint: "the component that receives external requests"),
            InspectorField(key: "workload.pattern", label: "pattern", value: patternText(design.workload.pattern), editable: true,
                           hint: "constant · ramp to=3k over=60s · spike at=30s factor=3 for=10s · diurnal peak=2k period=10m"),
        ]
    }

    // MARK: Text forms

    public static func serviceText(_ s: ServiceTime) -> String {
        switch s {
        case .exponential(let mean): return "exponential \(Units.formatDuration(mean))"
        case .constant(let value): return "constant \(Units.formatDuration(value))"
        case .uniform(let low, let high): return "uniform \(Units.formatDuration(low)) \(Units.formatDuration(high))"
        case .lognormal(let mean, .p99(let p99)): return "lognormal \(Units.formatDuration(mean)) p99 \(Units.formatDuration(p99))"
        case .lognormal(let mean, .cv(let cv)): return "lognormal \(Units.formatDuration(mean)) cv \(Units.trim(cv))"
        }
    }

    public static func callText(_ call: Call) -> String {
        var text = "\(call.to) \(call.mode.rawValue)"
        if call.probability != 1 { text += " p=\(Units.trim(call.probability))" }
        if let timeout = call.timeoutS { text += " timeout=\(Units.formatDuration(timeout))" }
        if let requestClass = call.requestClass { text += " class=\(requestClass)" }
        return text
    }

    public static func patternText(_ pattern: LoadPattern) -> String {
        switch pattern {
        case .constant: return "constant"
        case .ramp(let to, let over, let start):
            return "ramp to=\(Units.formatRate(to)) over=\(Units.formatDuration(over))" + (start > 0 ? " start=\(Units.formatDuration(start))" : "")
        case .spike(let at, let factor, let length):
            return "spike at=\(Units.formatDuration(at)) factor=\(Units.trim(factor)) for=\(Units.formatDuration(length))"
        case .diurnal(let peak, let period):
            return "diurnal peak=\(Units.formatRate(peak)) period=\(Units.formatDuration(period))"
        }
    }
}
