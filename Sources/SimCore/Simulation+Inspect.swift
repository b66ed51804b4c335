import Model

/// Cheap read-only views of the block behaviours for the workbench's live figures, read once per frame:
/// no allocation except the (short) list of breakers of a block that has some.
extension Simulation {
    /// What the block behaviours at a component counted since the warm-up (all zero for an unknown id).
    public func blockCounters(of componentID: String) -> BlockCounters {
        guard let station = design.index(of: componentID) else { return BlockCounters() }
        return metrics.blocks[station]
    }

    /// Requests waiting now in the component's queues; for a queue, the messages published but not yet consumed.
    public func waiting(of componentID: String) -> Int {
        guard let station = design.index(of: componentID) else { return 0 }
        return Int(metrics.queued[station])
    }

    /// The state of the circuit breaker of each of the component's calls that has one, in call order.
    /// An open breaker whose `open_for` has passed still reads open until the next call probes it.
    public func breakerStates(of componentID: String) -> [(to: String, state: CircuitBreaker.State)] {
        guard let station = design.index(of: componentID) else { return [] }
        let first = Int(callStart[station]), end = Int(callEnd[station])
        guard first < end, end <= callRuntimes.count else { return [] }
        var states: [(to: String, state: CircuitBreaker.State)] = []
        for index in first..<end {
            guard let breaker = callRuntimes[index].breaker else { continue }
            states.append((design.components[station].calls[index - first].to, breaker.state))
        }
        return states
    }

    /// An autoscaling group's instances taking traffic and booting; nil when the component does not autoscale.
    public func scalingState(of componentID: String) -> (online: Int, booting: Int)? {
        guard let station = design.index(of: componentID), station < scaling.count, let group = scaling[station] else { return nil }
        return (group.online, group.booting)
    }

    /// Queues: the publish-to-processed latency percentile `p` (0–100) of messages since the warm-up; nil for other kinds.
    /// Walks a histogram: call it a few times per simulated second, not per event.
    public func asyncLatencyPercentile(of componentID: String, _ p: Double) -> Double? {
        guard let station = design.index(of: componentID), design.components[station].kind == .queue else { return nil }
        return metrics.asyncLatency[station].percentile(p)
    }
}
