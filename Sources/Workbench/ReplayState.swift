import Model

/// A scenario being replayed: what the timeline bar shows and `n` jumps between.
public struct ReplayState: Sendable, Equatable {
    public var scenario: Scenario
    /// The scenario file.
    public var path: String
    /// The index of the next scenario action to apply (the session reports it).
    public var nextAction = 0
    /// Shown in the status line when the replay started (e.g. a changed design).
    public var warnings: [String]

    public init(scenario: Scenario, path: String, warnings: [String] = []) {
        self.scenario = scenario
        self.path = path
        self.warnings = warnings
    }

    /// One mark on the timeline.
    public struct Event: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case action, failure, heal }
        public var time: Double
        public var kind: Kind
        public var label: String
    }

    /// The scenario's actions and its run's failure timeline (the design's and the scenario's), in time order.
    public var events: [Event] {
        var events = scenario.actions.map { action -> Event in
            // "33s set db.workers = 16" without the time, which the bar shows by position.
            let text = action.description
            let label = text.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? text
            return Event(time: action.atS, kind: .action, label: label)
        }
        for failure in scenario.runDesign.failures {
            let summary = failure.summary.components(separatedBy: " at ").first ?? failure.summary
            events.append(Event(time: failure.atS, kind: .failure, label: summary))
            if let until = failure.untilS { events.append(Event(time: until, kind: .heal, label: "end of " + summary)) }
        }
        return events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    public var durationS: Double { scenario.effectiveDurationS }

    /// The first event after `time` (events at exactly `time` have fired already).
    public func nextEvent(after time: Double) -> Event? {
        events.first { $0.time > time + 1e-9 && $0.time < durationS }
    }
}
