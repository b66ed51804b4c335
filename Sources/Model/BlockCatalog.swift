/// What each block kind accepts, with defaults: the source of `sdw blocks` and of the workbench palette.
public struct BlockParameter: Sendable, Equatable {
    public var key: String
    public var type: String
    public var defaultValue: String
    public var meaning: String
}

public struct BlockInfo: Sendable, Equatable {
    public var kind: ComponentKind
    public var summary: String
    public var parameters: [BlockParameter]
}

public enum BlockCatalog {
    static let common: [BlockParameter] = [
        BlockParameter(key: "kind", type: "name", defaultValue: "(required)", meaning: "the block kind"),
        BlockParameter(key: "description", type: "text", defaultValue: "none", meaning: "a line shown beside the block"),
        BlockParameter(key: "instances", type: "count ≥ 1", defaultValue: "1", meaning: "copies, each with its own queue and workers"),
        BlockParameter(key: "workers", type: "count ≥ 1", defaultValue: "1", meaning: "requests served at once per instance"),
        BlockParameter(key: "queue_capacity", type: "count ≥ 0", defaultValue: "\(Component.defaultQueueCapacity)",
                       meaning: "waiting room per instance; arrivals beyond it are rejected (0: no waiting)"),
        BlockParameter(key: "balancing", type: BalancingAlgorithm.allCases.map(\.rawValue).joined(separator: "|"), defaultValue: "random",
                       meaning: "how callers that call this block directly pick one of its instances"),
        BlockParameter(key: "position", type: "[x, y] whole numbers ≥ 0", defaultValue: "automatic",
                       meaning: "where the block sits on the workbench canvas (column, row); absent: laid out automatically"),
        BlockParameter(key: "region", type: "name", defaultValue: "none",
                       meaning: "calls between blocks in different regions pay network.cross_region_latency each way"),
    ]

    static let serviceTime = BlockParameter(
        key: "service_time", type: "{dist, mean, …}", defaultValue: "(required)",
        meaning: "exponential {mean} | lognormal {mean, p99 or cv} | constant {mean} | uniform {min, max} or {mean}")

    public static let blocks: [BlockInfo] = [
        BlockInfo(kind: .service, summary: ComponentKind.service.summary, parameters: common + [
            serviceTime,
            BlockParameter(key: "calls", type: "list of {to, mode, probability, timeout, class}", defaultValue: "none",
                           meaning: "made in order after the service time; mode sync (wait) | forward (hand on) | async (fire and forget)"),
            callResilience, rateLimit, autoscale,
        ]),
        BlockInfo(kind: .loadBalancer, summary: ComponentKind.loadBalancer.summary, parameters: common + [
            BlockParameter(key: "service_time", type: "{dist, mean, …}", defaultValue: "constant 0",
                           meaning: "the balancer's own processing time per request"),
            BlockParameter(key: "routes", type: "list of component names", defaultValue: "(required)",
                           meaning: "backends; the balancer picks one instance among all their instances"),
            BlockParameter(key: "algorithm", type: BalancingAlgorithm.allCases.map(\.rawValue).joined(separator: "|"),
                           defaultValue: "round_robin", meaning: "how a backend instance is picked"),
            BlockParameter(key: "weights", type: "list of numbers", defaultValue: "none",
                           meaning: "with algorithm weighted: one weight per route, split evenly over its instances"),
        ]),
    ]

    public static func info(_ kind: ComponentKind) -> BlockInfo { (blocks + moreBlocks).first { $0.kind == kind }! }

    /// Every kind, in the order of `ComponentKind.allCases`.
    public static var all: [BlockInfo] { ComponentKind.allCases.map(info) }
}
