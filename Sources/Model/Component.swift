/// The kinds of block the engine simulates. Later kinds (cache, queue, database…) extend this list.
public enum ComponentKind: String, Sendable, CaseIterable {
    case service
    case loadBalancer = "load_balancer"

    public var summary: String {
        switch self {
        case .service:
            return "A stateless service: instances × workers slots, a FIFO queue per instance, a service time, calls to others."
        case .loadBalancer:
            return "Spends its own service time, then hands each request to one backend instance chosen by its algorithm."
        }
    }
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
    public var location: SourceLocation?

    public init(to: String, mode: CallMode = .sync, probability: Double = 1, timeoutS: Double? = nil,
                requestClass: String? = nil, location: SourceLocation? = nil) {
        self.to = to
        self.mode = mode
        self.probability = probability
        self.timeoutS = timeoutS
        self.requestClass = requestClass
        self.location = location
    }

    public static func == (lhs: Call, rhs: Call) -> Bool {
        lhs.to == rhs.to && lhs.mode == rhs.mode && lhs.probability == rhs.probability
            && lhs.timeoutS == rhs.timeoutS && lhs.requestClass == rhs.requestClass
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
    }

    /// Every component this one sends requests to, with the mode of the hand-over.
    public var outgoing: [(to: String, mode: CallMode)] {
        calls.map { ($0.to, $0.mode) } + routes.map { ($0, CallMode.forward) }
    }
}
