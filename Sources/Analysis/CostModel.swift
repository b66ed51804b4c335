import Model

/// A rough monthly bill for a design at list prices: instances per hour, cache memory per GB-hour, and requests per
/// million for the pay-per-use kinds (API gateway, CDN, queue). An estimate for comparing designs, not a quote; every
/// figure names its source in `assumptions` and docs/FORMAT.md.
public enum CostModel {
    public static let hoursPerMonth = 730.0
    public static let secondsPerMonth = hoursPerMonth * 3600
    public static let source = "AWS us-east-1 on-demand list prices, checked 2024"

    /// The price list, each line with what it assumes.
    public static let assumptions: [String] = [
        "service, rate_limiter: EC2 m5.large $0.096/h, one per 16 workers per instance",
        "load_balancer: Application Load Balancer $0.0225/h + one LCU $0.008/h",
        "api_gateway: API Gateway REST $3.50 per million requests",
        "cache: ElastiCache cache.r6g.large (13.07 GiB) $0.206/h per instance; key model: $0.206 per 13.07 GiB-hour of capacity × 1 KiB per entry, at least one node",
        "cdn: CloudFront $0.0075 per 10,000 HTTPS requests + $0.085/GB to the internet at 50 KB per response",
        "queue: SQS standard $0.40 per million API requests, 3 per message (send, receive, delete)",
        "database: RDS for MySQL db.m5.large $0.171/h per node (primary and each replica, per shard); storage not counted",
    ]

    public static let cacheNodeHourly = 0.206
    public static let cacheNodeGiB = 13.07
    public static let cacheEntryBytes = 1024.0

    /// Monthly cost of one component given the requests per second it receives.
    public static func monthlyUSD(_ component: Component, requestsPerS: Double = 0) -> Double {
        let instances = Double(component.instances)
        let perMillion = requestsPerS * secondsPerMonth / 1e6
        switch component.kind {
        case .service, .rateLimiter:
            return 0.096 * Double(max(1, (component.workers + 15) / 16)) * instances * hoursPerMonth
        case .loadBalancer:
            return (0.0225 + 0.008) * hoursPerMonth
        case .apiGateway:
            return 3.50 * perMillion
        case .cache:
            if let capacity = component.cache?.capacity {
                let gib = Double(capacity) * instances * cacheEntryBytes / 1_073_741_824
                return max(cacheNodeHourly, cacheNodeHourly * gib / cacheNodeGiB) * hoursPerMonth
            }
            return cacheNodeHourly * instances * hoursPerMonth
        case .cdn:
            let gigabytes = requestsPerS * secondsPerMonth * 50_000 / 1e9
            return 0.75 * perMillion + 0.085 * gigabytes
        case .queue:
            return 0.40 * 3 * perMillion
        case .database:
            return 0.171 * Double(component.engineInstances) * hoursPerMonth
        }
    }

    /// Monthly cost of every component at the given offered load per component (missing ids count as idle).
    public static func monthlyUSD(_ design: Design, requestsPerS: [String: Double] = [:]) -> Double {
        design.components.reduce(0) { $0 + monthlyUSD($1, requestsPerS: requestsPerS[$1.id] ?? 0) }
    }

    /// Dollars per million requests entering the design.
    public static func perMillionRequestsUSD(monthly: Double, entryRateRPS: Double) -> Double? {
        guard entryRateRPS > 0 else { return nil }
        return monthly / (entryRateRPS * secondsPerMonth / 1e6)
    }
}

extension CostModel {
    /// Monthly cost per component and in total at the given requests per second per component (an analysis's
    /// `arrivalRates`).
    public static func estimate(_ design: Design, requestsPerS rates: [String: Double]) -> (perComponent: [String: Double], monthly: Double) {
        var perComponent: [String: Double] = [:]
        for component in design.components {
            perComponent[component.id] = monthlyUSD(component, requestsPerS: rates[component.id] ?? 0)
        }
        // Summed in design order: a dictionary's order changes between runs, and so would the rounding.
        return (perComponent, design.components.reduce(0) { $0 + perComponent[$1.id]! })
    }
}
