import Model

/// Replays a scenario's recorded actions on a simulation, each exactly at its simulated time, however the caller
/// slices time: the CLI calls `run()` once, the workbench `advance(to:budget:)` once per frame, and both get the
/// same run (the same fingerprint).
///
/// Timing rule: an action at time t is applied after every event at a time ≤ t (including events at exactly t,
/// such as a design failure at the same instant) and before any event after t; actions at the same time apply in
/// file order. The engine's clock reads exactly t while the action applies.
///
/// Parameter edits use `Simulation.apply`, which works only while the design keeps its shape; the scenario parser
/// refuses shape changes (`instances`), so an edit that still cannot apply is reported in `problems` and skipped.
public final class ScenarioPlayer {
    public let simulation: Simulation
    public let actions: [ScenarioAction]
    /// The index of the next action to apply; `actions.count` when all are done.
    public private(set) var nextAction = 0
    /// The design as edited by the actions so far (what the workbench's inspector would show).
    public private(set) var design: Design
    /// Actions that could not be applied, with why.
    public private(set) var problems: [String] = []

    /// Plays `actions` (in time order) on `simulation`, which must not have advanced yet.
    public init(simulation: Simulation, actions: [ScenarioAction]) {
        precondition(zip(actions, actions.dropFirst()).allSatisfy { $0.atS <= $1.atS }, "scenario actions must be in time order")
        self.simulation = simulation
        self.actions = actions
        design = simulation.design
    }

    /// A fresh simulation of the scenario (its design with its failures, seed, duration and warm-up).
    public convenience init(scenario: Scenario) throws {
        let design = scenario.runDesign
        let options = RunOptions(design: design, seed: scenario.seed, durationS: scenario.durationS, warmupS: scenario.warmupS)
        try self.init(simulation: Simulation(design: design, options: options), actions: scenario.actions)
    }

    /// When the next action happens, for "jump to the next event"; nil when none is left.
    public var nextActionTime: Double? { nextAction < actions.count ? actions[nextAction].atS : nil }

    /// Runs the simulation to `target`, applying every action due on the way.
    public func advance(to target: Double) {
        while let time = nextActionTime, time <= target, !simulation.isFinished {
            simulation.advance(to: time)
            applyDue()
        }
        simulation.advance(to: target)
    }

    /// Like `Simulation.advance(to:budget:)`: at most `budget` events, so a frame stays short; call it again until
    /// the clock reaches `target`. Returns the number of events processed.
    @discardableResult
    public func advance(to target: Double, budget: Int) -> Int {
        var remaining = budget
        while let time = nextActionTime, time <= target, !simulation.isFinished {
            remaining -= simulation.advance(to: time, budget: remaining)
            // Out of budget: the clock may not have reached the action yet; the next call continues from here.
            guard remaining > 0 else { return budget }
            applyDue()
        }
        return budget - remaining + simulation.advance(to: target, budget: remaining)
    }

    /// Runs to the end of the scenario.
    public func run() { advance(to: simulation.endTime) }

    /// Applies every action at the current time (the clock has reached it: events at ≤ t are done).
    func applyDue() {
        while let time = nextActionTime, time <= simulation.now {
            apply(actions[nextAction])
            nextAction += 1
        }
    }

    /// Applies one action now (the workbench applies a recording's actions through this as they happen).
    public func apply(_ action: ScenarioAction) {
        switch action.kind {
        case .rate(let rate):
            design.workload.rateRPS = rate
            simulation.changeRate(to: rate)
        case .set(let parameter, let value):
            do {
                let edited = try parameter.applying(value, to: design)
                if simulation.apply(edited) {
                    // `apply` restarts arrivals at the edited design's rate: the design carries the current rate.
                    design = edited
                } else {
                    problems.append("\(action): the edit changes the design's shape and cannot be applied during a run")
                }
            } catch {
                problems.append("\(action): \(error)")
            }
        case .crash(let id, let instance):
            simulation.inject(crash: id, instance: instance)
        case .recover(let id, let instance):
            if let instance { simulation.recover(id, instance: instance) } else { simulation.recover(id) }
        case .slow(let id, let factor):
            simulation.slow(id, factor: factor)
        }
        simulation.notices.append(EngineNotice(time: simulation.now, message: "scenario: \(action)"))
    }
}

extension Simulation {
    /// Crashes one instance, or with nil every instance, of a component as a failure timeline does: a cache comes
    /// back empty when it recovers (a cold restart).
    public func inject(crash componentID: String, instance: Int?) {
        guard let station = design.index(of: componentID) else { return }
        let offsets = instance.map { [$0] } ?? Array(0..<Int(shape.instanceCount[station]))
        for offset in offsets { crash(componentID, instance: offset) }
        if behaviour[station] == .cache { coldRestart(station, instance: instance) }
    }
}
