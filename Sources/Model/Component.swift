/// The kinds of block the engine simulates.
public enum ComponentKind: String, Sendable, CaseIterable {
    case service
    case loadBalancer = "load_balancer"
    case apiGateway = "api_gateway"
    case rateLimiter = "rate_limiter"
    case cache
    case cdn
    case queue
    case database

    public var summary: String {
        switch self {
        case .service:
            return "A stateless service: instances × workers slots, a FIFO queue per instance, a service time, calls to others."
        case .loadBalancer:
            return "Spends its own service time, then hands each request to one backend instance chosen by its algorithm."
        case .apiGateway:
            return "A load balancer with a token-bucket rate limit: requests over the limit get 429 Too Many Requests."
        case .rateLimiter:
            return "A token bucket (rate, burst; global or per client) in front of its calls; refused requests count as 429s."
        case .cache:
            return "Redis/Memcached-like: a fixed hit ratio or LRU + TTL over Zipf keys; misses go on_miss and fill it."
        case .cdn:
            return "Edge locations serve hits at edge latency; misses go to the origin, optionally through a shield."
        case .queue:
            return "Kafka/SQS-like: partitions, a consumer group, lag, retries, a dead-letter queue; producers call it async."
        case .database:
            return "A primary for writes and lagging read replicas, a connection pool, shards by hash, range or directory."
        }
    }

    /// The service time a block of this kind has when the file gives none; nil: `service_time` is required.
    public var defaultServiceTime: ServiceTime? {
        switch self {
        case .service, .queue, .database: return nil
        case .loadBalancer, .apiGateway, .rateLimiter: return .constant(S: 0)
        case .cache: return .constant(S: 0.0005)
        case .cdn: return .constant(S: 0.01)
        }
    }

    /// Kinds that pass requests to their `routes` (picking an instance) after their own service time.
    public var routes: Bool { self == .loadBalancer || self == .apiGateway }
}

/// How a request is handed to the callee.
public enum CallMode: String, Sendable, CaseIterable {
    /// The caller's worker waits for the answer.
    case sync
    /// The request moves on; the caller's worker is freed.
    case forward
    /// Fire and forget: a separate request is started, the caller does not wait.
    case async
}

/// How a load balancer (or callers of a multi-instance service) pick an instance.
public enum BalancingAlgorithm: String, Sendable, CaseIterable {
    case random
    case roundRobin = "round_robin"
    case leastConnections = "least_connections"
    case weighted
    case consistentHash = "consistent_hash"
    case powerOfTwo = "power_of_two"
}

/// A call from one component to another, made after the caller's own service time.
public struct Call: Sendable, Equatable {
    public var to: String
    public var mode: CallMode
    public var probability: Double
    public var timeoutS: Double?
    /// When set, only requests of this class make the call.
    public var requestClass: String?
    /// Sync calls: retry failures and timeouts with backoff.
    public var retry: RetrySettings?
    /// Sync calls: fail fast while too many calls fail.
    public var breaker: BreakerSettings?
    /// Sync calls: at most this many calls in flight at once; more fail at once.
    public var bulkhead: Int?
    /// Sync calls: send a second copy if no answer came after this long; the first answer wins.
    public var hedgeAfterS: Double?
    /// One-way network latency of the call (each way), plus a uniform jitter of up to `jitterS`.
    public var latencyS: Double
    public var jitterS: Double
    public var location: SourceLocation?

    public init(to: String, mode: CallMode = .sync, probability: Double = 1, timeoutS: Double? = nil,
                requestClass: String? = nil, retry: RetrySettings? = nil, breaker: BreakerSettings? = nil,
                bulkhead: Int? = nil, hedgeAfterS: Double? = nil, latencyS: Double = 0, jitterS: Double = 0,
                location: SourceLocation? = nil) {
        self.to = to
        self.mode = mode
        self.probability = probability
        self.timeoutS = timeoutS
        self.requestClass = requestClass
        self.retry = retry
        self.breaker = breaker
        self.bulkhead = bulkhead
        self.hedgeAfterS = hedgeAfterS
        self.latencyS = latencyS
        self.jitterS = jitterS
        self.location = location
    }

    public static func == (lhs: Call, rhs: Call) -> Bool {
        lhs.to == rhs.to && lhs.mode == rhs.mode && lhs.probability == rhs.probability
            && lhs.timeoutS == rhs.timeoutS && lhs.requestClass == rhs.requestClass && lhs.retry == rhs.retry
            && lhs.breaker == rhs.breaker && lhs.bulkhead == rhs.bulkhead && lhs.hedgeAfterS == rhs.hedgeAfterS
            && lhs.latencyS == rhs.latencyS && lhs.jitterS == rhs.jitterS
    }

    /// Whether the call needs the resilience machinery (retries, breaker, bulkhead, hedging, latency).
    public var isPlain: Bool {
        retry == nil && breaker == nil && bulkhead == nil && hedgeAfterS == nil && latencyS == 0 && jitterS == 0
    }
}

/// A block on the canvas: a station with instances × workers and a FIFO queue per instance.
public struct Component: Sendable, Equatable {
    public var id: String
    public var kind: ComponentKind
    public var description: String?
    public var instances: Int
    public var workers: Int
    /// Waiting room per instance; beyond it requests are rejected. 0 means no waiting.
    public var queueCapacity: Int
    public var serviceTime: ServiceTime
    public var calls: [Call]
    /// Load balancer only: the components whose instances it picks from.
    public var routes: [String]
    /// Load balancer only: how it picks.
    public var algorithm: BalancingAlgorithm
    /// Load balancer with `weighted`: one weight per route.
    public var weights: [Double]?
    /// How callers that call this component directly spread over its instances.
    public var balancing: BalancingAlgorithm
    /// Where the block sits on the workbench canvas; nil: laid out automatically.
    public var position: GridPoint?
    /// Cache and CDN settings.
    public var cache: CacheSettings?
    /// Queue (topic) settings.
    public var queue: QueueSettings?
    /// Database settings.
    public var database: DatabaseSettings?
    /// A token bucket in front of the block (rate limiter, API gateway, or any service).
    public var rateLimit: RateLimit?
    /// An autoscaling group (services): `instances` is the starting count.
    public var autoscale: Autoscaling?
    /// The region the block runs in; calls across regions pay the design's cross-region latency.
    public var region: String?
    public var location: SourceLocation?

    public static let defaultQueueCapacity = 10_000

    public init(id: String, kind: ComponentKind, description: String? = nil, instances: Int = 1, workers: Int = 1,
                queueCapacity: Int = Component.defaultQueueCapacity, serviceTime: ServiceTime,
                calls: [Call] = [], routes: [String] = [], algorithm: BalancingAlgorithm = .roundRobin,
                weights: [Double]? = nil, balancing: BalancingAlgorithm = .random, position: GridPoint? = nil,
                location: SourceLocation? = nil) {
        self.id = id
        self.kind = kind
        self.description = description
        self.instances = instances
        self.workers = workers
        self.queueCapacity = queueCapacity
        self.serviceTime = serviceTime
        self.calls = calls
        self.routes = routes
        self.algorithm = algorithm
        self.weights = weights
        self.balancing = balancing
        self.position = position
        self.location = location
    }

    public static func == (lhs: Component, rhs: Component) -> Bool {
        lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.description == rhs.description
            && lhs.instances == rhs.instances && lhs.workers == rhs.workers
            && lhs.queueCapacity == rhs.queueCapacity && lhs.serviceTime == rhs.serviceTime
            && lhs.calls == rhs.calls && lhs.routes == rhs.routes && lhs.algorithm == rhs.algorithm
            && lhs.weights == rhs.weights && lhs.balancing == rhs.balancing && lhs.position == rhs.position
            && lhs.cache == rhs.cache && lhs.queue == rhs.queue && lhs.database == rhs.database
            && lhs.rateLimit == rhs.rateLimit && lhs.autoscale == rhs.autoscale && lhs.region == rhs.region
    }

    /// Every component this one sends requests to, with the mode of the hand-over.
    public var outgoing: [(to: String, mode: CallMode)] {
        var edges = calls.map { ($0.to, $0.mode) } + routes.map { ($0, CallMode.forward) }
        if let cache {
            edges.append((cache.backing, cache.strategy == .cacheAside && kind == .cache ? .forward : .sync))
        }
        if let deadLetter = queue?.deadLetter { edges.append((deadLetter, .async)) }
        return edges
    }

    /// How the analysis sees the block's servers: `groups` separate queues of `perGroup` servers each.
    /// A queue's partitions are served by min(consumers, partitions) consumers one message at a time.
    public var servers: (groups: Int, perGroup: Int) {
        switch kind {
        case .queue:
            let settings = queue ?? QueueSettings()
            return (min(settings.consumers, settings.partitions), 1)
        default:
            return (instances, workers)
        }
    }

    /// Slots the block offers at its largest: autoscaling groups reserve their maximum, databases a node per
    /// shard and replica, queues a partition each.
    public var engineInstances: Int {
        switch kind {
        case .database:
            let settings = database ?? DatabaseSettings()
            return settings.shards * settings.nodesPerShard
        case .queue:
            return (queue ?? QueueSettings()).partitions
        default:
            return max(instances, autoscale?.maxInstances ?? 0)
        }
    }
}
