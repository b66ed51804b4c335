/// One entry of a design's (or scenario's) failure timeline: something breaks at `atS` and, if `untilS` is set,
/// heals then.
public struct FailureEvent: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// One instance (or, with nil, every instance) of a component stops answering.
        case crash(component: String, instance: Int?)
        /// A component's service times are multiplied by `factor`.
        case slow(component: String, factor: Double)
        /// A share of the calls from one component to another are lost on the way.
        case drop(from: String, to: String, fraction: Double)
        /// Calls between the region and every other region are lost.
        case partition(region: String)
    }

    public var atS: Double
    public var untilS: Double?
    public var action: Action
    public var location: SourceLocation?

    public init(atS: Double, untilS: Double? = nil, action: Action, location: SourceLocation? = nil) {
        self.atS = atS
        self.untilS = untilS
        self.action = action
        self.location = location
    }

    public static func == (lhs: FailureEvent, rhs: FailureEvent) -> Bool {
        lhs.atS == rhs.atS && lhs.untilS == rhs.untilS && lhs.action == rhs.action
    }

    /// The components the event names (for reference checks).
    public var components: [String] {
        switch action {
        case .crash(let component, _), .slow(let component, _): return [component]
        case .drop(let from, let to, _): return [from, to]
        case .partition: return []
        }
    }

    /// A one-line description for logs and reports: "crash db#0 at 30s until 60s".
    public var summary: String {
        var text: String
        switch action {
        case .crash(let component, let instance): text = "crash \(component)" + (instance.map { "#\($0)" } ?? "")
        case .slow(let component, let factor): text = "slow \(component) ×\(Units.trim(factor))"
        case .drop(let from, let to, let fraction): text = "drop \(Units.formatPercent(fraction)) of \(from) → \(to)"
        case .partition(let region): text = "partition region \(region)"
        }
        text += " at \(Units.formatDuration(atS))"
        if let untilS { text += " until \(Units.formatDuration(untilS))" }
        return text
    }
}
