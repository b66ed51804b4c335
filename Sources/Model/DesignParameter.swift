import Foundation

/// A numeric parameter of one component, named as the workbench's inspector names it: `web.instances`,
/// `db.workers`, `web.queue_capacity`, `db.service_time` (its mean; the distribution keeps its shape).
public struct DesignParameter: Sendable, Equatable, CustomStringConvertible {
    public enum Key: String, Sendable, CaseIterable {
        case instances
        case workers
        case queueCapacity = "queue_capacity"
        case serviceTime = "service_time"
    }

    public var component: String
    public var key: Key

    public var description: String { "\(component).\(key.rawValue)" }

    /// Whole numbers (instances, workers, queue capacity) or a duration (service time).
    public var isInteger: Bool { key != .serviceTime }

    /// `web.instances` for a component of the design, or an error naming what exists.
    public static func parse(_ text: String, in design: Design) throws -> DesignParameter {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        let keys = Key.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count == 2, !parts[0].isEmpty else {
            throw DesignParameterError("'\(text)' is not COMPONENT.KEY, e.g. web.instances (keys: \(keys))")
        }
        guard design.component(parts[0]) != nil else {
            let names = design.components.map(\.id).joined(separator: ", ")
            throw DesignParameterError("no component named '\(parts[0])'; the design has \(names)")
        }
        guard let key = Key(rawValue: parts[1]) else {
            throw DesignParameterError("'\(parts[1])' is not a numeric parameter of '\(parts[0])'; use one of \(keys)")
        }
        return DesignParameter(component: parts[0], key: key)
    }

    public init(component: String, key: Key) {
        self.component = component
        self.key = key
    }

    /// Parses one value: a whole number, or a duration such as 5ms for the service time.
    public func parseValue(_ text: String) throws -> Double {
        if isInteger {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) else {
                throw DesignParameterError("\(key.rawValue) must be a whole number, not '\(text)'")
            }
            return Double(value)
        }
        guard let seconds = Units.parseDuration(text), seconds.isFinite else {
            throw DesignParameterError("service_time: '\(text)' is not a duration such as 5ms or 2s")
        }
        return seconds
    }

    public func format(_ value: Double) -> String {
        isInteger ? String(Int(value)) : Units.formatDuration(value)
    }

    /// The allowed values, as the workbench's inspector allows them.
    public var limits: ClosedRange<Double> {
        switch key {
        case .instances: return 1...1000
        case .workers: return 1...100_000
        case .queueCapacity: return 0...100_000
        case .serviceTime: return 1e-9...3600
        }
    }

    /// The design with this parameter set; the result is validated like an edit in the workbench.
    public func applying(_ value: Double, to design: Design) throws -> Design {
        guard limits.contains(value) else {
            throw DesignParameterError("\(description) must be between \(format(limits.lowerBound)) and \(format(limits.upperBound)), not \(format(value))")
        }
        guard let index = design.index(of: component) else { throw DesignParameterError("no component named '\(component)'") }
        var design = design
        switch key {
        case .instances: design.components[index].instances = Int(value)
        case .workers: design.components[index].workers = Int(value)
        case .queueCapacity: design.components[index].queueCapacity = Int(value)
        case .serviceTime: design.components[index].serviceTime = design.components[index].serviceTime.withMean(value)
        }
        if let problem = DesignParser.check(design).first(where: { $0.severity == .error }) {
            throw DesignParameterError("\(description) = \(format(value)): \(problem.message)")
        }
        return design
    }
}

public struct DesignParameterError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ message: String) { description = message }
}

extension ServiceTime {
    /// The same distribution scaled to a new mean: spreads (uniform bounds, lognormal p99) scale with it, a cv stays.
    public func withMean(_ mean: Double) -> ServiceTime {
        let factor = meanS > 0 ? mean / meanS : 1
        switch self {
        case .exponential: return .exponential(meanS: mean)
        case .constant: return .constant(S: mean)
        case .uniform(let low, let high): return .uniform(minS: low * factor, maxS: high * factor)
        case .lognormal(_, .p99(let p99)): return .lognormal(meanS: mean, shape: .p99(p99 * factor))
        case .lognormal(_, .cv(let cv)): return .lognormal(meanS: mean, shape: .cv(cv))
        }
    }
}
