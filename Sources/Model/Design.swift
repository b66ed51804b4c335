/// A validated system design: components, the workload offered to them, and run settings.
public struct Design: Sendable, Equatable {
    public static let formatVersion = 1

    public var name: String
    public var description: String
    public var seed: UInt64
    public var simulation: SimulationSettings
    public var workload: Workload
    /// In file order; ids are unique.
    public var components: [Component]
    /// Things that break during the run, in time order.
    public var failures: [FailureEvent]
    public var network: NetworkSettings
    /// Where the design came from (a path, or a label such as "<stdin>").
    public var source: String

    public init(name: String, description: String = "", seed: UInt64 = 1,
                simulation: SimulationSettings = SimulationSettings(), workload: Workload,
                components: [Component], failures: [FailureEvent] = [], network: NetworkSettings = NetworkSettings(),
                source: String = "<memory>") {
        self.name = name
        self.description = description
        self.seed = seed
        self.simulation = simulation
        self.workload = workload
        self.components = components
        self.failures = failures
        self.network = network
        self.source = source
    }

    public func component(_ id: String) -> Component? {
        components.first { $0.id == id }
    }

    public func index(of id: String) -> Int? {
        components.firstIndex { $0.id == id }
    }
}

/// How long to simulate and how much of the start to discard.
public struct SimulationSettings: Sendable, Equatable {
    public var durationS: Double
    public var warmupS: Double

    public init(durationS: Double = 60, warmupS: Double? = nil) {
        self.durationS = durationS
        self.warmupS = warmupS ?? SimulationSettings.defaultWarmup(forDuration: durationS)
    }

    /// 10 s, or a sixth of a shorter run.
    public static func defaultWarmup(forDuration duration: Double) -> Double {
        min(10, duration / 6)
    }
}
