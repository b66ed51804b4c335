/// What a finished simulation run says, reduced to what the Markdown report prints. The command line fills it from
/// its run report, so Export needs no engine.
public struct SimulatedResults: Sendable, Equatable {
    public struct ComponentRow: Sendable, Equatable {
        public var id: String
        public var throughputRPS: Double
        public var utilization: Double
        public var meanQueueLength: Double
        public var responseMeanS: Double?
        public var responseP99S: Double?
        public var rejected: Int
        public var timedOut: Int

        public init(id: String, throughputRPS: Double, utilization: Double, meanQueueLength: Double,
                    responseMeanS: Double?, responseP99S: Double?, rejected: Int, timedOut: Int) {
            self.id = id
            self.throughputRPS = throughputRPS
            self.utilization = utilization
            self.meanQueueLength = meanQueueLength
            self.responseMeanS = responseMeanS
            self.responseP99S = responseP99S
            self.rejected = rejected
            self.timedOut = timedOut
        }
    }

    public var seed: UInt64
    public var durationS: Double
    public var warmupS: Double
    public var offered: Int
    public var completed: Int
    public var errors: Int
    public var throughputRPS: Double
    /// End-to-end latency; nil when no request completed after the warm-up.
    public var latencyMeanS: Double?
    public var latencyP50S: Double?
    public var latencyP99S: Double?
    public var fingerprint: String
    public var components: [ComponentRow]

    public init(seed: UInt64, durationS: Double, warmupS: Double, offered: Int, completed: Int, errors: Int,
                throughputRPS: Double, latencyMeanS: Double?, latencyP50S: Double?, latencyP99S: Double?,
                fingerprint: String, components: [ComponentRow]) {
        self.seed = seed
        self.durationS = durationS
        self.warmupS = warmupS
        self.offered = offered
        self.completed = completed
        self.errors = errors
        self.throughputRPS = throughputRPS
        self.latencyMeanS = latencyMeanS
        self.latencyP50S = latencyP50S
        self.latencyP99S = latencyP99S
        self.fingerprint = fingerprint
        self.components = components
    }
}
