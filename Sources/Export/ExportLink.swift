import Model

/// One arrow of a design: a call or a load balancer's route, with what its label says.
public struct ExportLink: Sendable, Equatable {
    public var from: String
    public var to: String
    public var mode: CallMode
    /// A load balancer's route rather than a call.
    public var isRoute: Bool
    public var probability: Double
    public var timeoutS: Double?
    public var requestClass: String?

    /// Calls then routes, component by component in file order.
    public static func all(in design: Design) -> [ExportLink] {
        design.components.flatMap { component in
            component.calls.map {
                ExportLink(from: component.id, to: $0.to, mode: $0.mode, isRoute: false, probability: $0.probability,
                           timeoutS: $0.timeoutS, requestClass: $0.requestClass)
            } + component.routes.map {
                ExportLink(from: component.id, to: $0, mode: .forward, isRoute: true, probability: 1, timeoutS: nil, requestClass: nil)
            }
        }
    }

    /// The word for the hand-over: `sync`, `async`, `forward` or `route`.
    public var modeWord: String { isRoute ? "route" : mode.rawValue }

    /// A short label for diagrams: `sync`, `forward 10%`, `async`, `route`.
    public var shortLabel: String {
        probability != 1 ? "\(modeWord) \(ComponentFacts.percent(probability))" : modeWord
    }

    /// Everything about the link: `sync · timeout 500ms`, `forward · 10% · class read`.
    public var fullLabel: String {
        var parts = [modeWord]
        if probability != 1 { parts.append(ComponentFacts.percent(probability)) }
        if let timeoutS { parts.append("timeout " + Units.formatDuration(timeoutS)) }
        if let requestClass { parts.append("class " + requestClass) }
        return parts.joined(separator: " · ")
    }
}
