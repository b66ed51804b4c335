import Model

/// A rough monthly bill for a design: each instance priced by kind at on-demand list prices.
/// Illustrative, not a quote; the source is named so users can replace the figures.
public enum CostModel {
    public static let hoursPerMonth = 730.0
    public static let source = "AWS on-demand us-east-1 list prices (2024): m5.large $0.096/h; Application Load Balancer $0.0225/h plus capacity units"

    /// Hourly price of one instance of a kind.
    public static func hourlyUSD(_ kind: ComponentKind, workers: Int) -> Double {
        switch kind {
        case .service:
            // One m5.large (2 vCPU) per 16 workers, at least one.
            return 0.096 * Double(max(1, (workers + 15) / 16))
        case .loadBalancer:
            // The balancer's hour plus one capacity unit per 1k new connections/s, ignored at this scale.
            return 0.0225 + 0.008
        }
    }

    public static func monthlyUSD(_ component: Component) -> Double {
        hourlyUSD(component.kind, workers: component.workers) * Double(component.instances) * hoursPerMonth
    }

    public static func monthlyUSD(_ design: Design) -> Double {
        design.components.reduce(0) { $0 + monthlyUSD($1) }
    }
}
