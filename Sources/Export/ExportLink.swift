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
    /// For arrows that are not calls or routes: `on miss` (cache), `origin` (CDN), `dead letter` (queue).
    public var role: String? = nil

    /// Calls, routes, then a cache's backing store and a queue's dead-letter queue, component by component in file order.
    public static func all(in design: Design) -> [ExportLink] {
        var links: [ExportLink] = []
        for component in design.components {
            for call in component.calls {
                links.append(ExportLink(from: component.id, to: call.to, mode: call.mode, isRoute: false, probability: call.probability,
                                        timeoutS: call.timeoutS, requestClass: call.requestClass))
            }
            for route in component.routes {
                links.append(ExportLink(from: component.id, to: route, mode: .forward, isRoute: true, probability: 1, timeoutS: nil,
                                        requestClass: nil))
            }
            if let cache = component.cache {
                links.append(ExportLink(from: component.id, to: cache.backing, mode: .sync, isRoute: false, probability: 1, timeoutS: nil,
                                        requestClass: nil, role: component.kind == .cdn ? "origin" : "on miss"))
            }
            if let deadLetter = component.queue?.deadLetter {
                links.append(ExportLink(from: component.id, to: deadLetter, mode: .async, isRoute: false, probability: 1, timeoutS: nil,
                                        requestClass: nil, role: "dead letter"))
            }
        }
        return links
    }

    /// The word for the hand-over: `sync`, `async`, `forward` or `route`.
    public var modeWord: String { role ?? (isRoute ? "route" : mode.rawValue) }

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
