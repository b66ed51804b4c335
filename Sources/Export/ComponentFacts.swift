import Model

/// Short descriptions of a component shared by every export format, so the table, the boxes and the node labels agree.
public enum ComponentFacts {
    /// `×4 · 8 workers`, `1 instance · 16 workers`.
    public static func capacity(_ component: Component) -> String {
        let workers = component.workers == 1 ? "1 worker" : "\(component.workers) workers"
        return component.instances == 1 ? "1 instance · \(workers)" : "×\(component.instances) · \(workers)"
    }

    /// The service time in a few characters: `exp 2ms`, `logn 5ms p99 40ms`, `const 1ms`, `unif 1ms–3ms`.
    public static func serviceTime(_ serviceTime: ServiceTime) -> String {
        switch serviceTime {
        case .exponential(let mean): return "exp " + Units.formatDuration(mean)
        case .constant(let value): return "const " + Units.formatDuration(value)
        case .uniform(let low, let high): return "unif " + Units.formatDuration(low) + "–" + Units.formatDuration(high)
        case .lognormal(let mean, .p99(let p99)): return "logn " + Units.formatDuration(mean) + " p99 " + Units.formatDuration(p99)
        case .lognormal(let mean, .cv(let cv)): return "logn " + Units.formatDuration(mean) + " cv " + Units.trim(cv)
        }
    }

    /// What matters most about the block after its capacity: a balancer's algorithm, otherwise its service time.
    public static func keyParameter(_ component: Component) -> String {
        component.routes.isEmpty ? serviceTime(component.serviceTime) : component.algorithm.rawValue
    }

    /// The lines of a node label: id, kind with instances, workers and the key parameter.
    public static func labelLines(_ component: Component) -> [String] {
        [component.id, component.kind.rawValue + (component.instances > 1 ? " ×\(component.instances)" : ""),
         component.workers == 1 ? "1 worker" : "\(component.workers) workers", keyParameter(component)]
    }

    /// `10%`, `33.3%`, `0.5%`.
    public static func percent(_ fraction: Double) -> String { Units.trim(fraction * 100) + "%" }

    /// A queue capacity: `10k`, `1000`, `none` for 0.
    public static func queue(_ capacity: Int) -> String { capacity == 0 ? "none" : Units.formatRate(Double(capacity)) }
}
