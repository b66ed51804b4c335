import Foundation
import Model
import SimCore
import Analysis

/// What a sweep varies: the offered rate, or one numeric parameter of a component.
public enum SweepAxis: Sendable, Equatable {
    case rate
    case parameter(DesignParameter)

    public var name: String {
        switch self {
        case .rate: return "rate"
        case .parameter(let parameter): return parameter.description
        }
    }

    public var unit: String {
        switch self {
        case .rate: return "req/s"
        case .parameter(let parameter): return parameter.key == .serviceTime ? "s" : ""
        }
    }

    public func format(_ value: Double) -> String {
        switch self {
        case .rate: return Units.formatRate(value)
        case .parameter(let parameter): return parameter.format(value)
        }
    }
}

/// A validated sweep: the design, the axis, the points, and the run settings shared by every point.
public struct SweepPlan: Sendable {
    public var design: Design
    public var axis: SweepAxis
    public var values: [Double]
    /// The offered rate when the axis is a parameter.
    public var rateRPS: Double
    public var options: RunOptions

    public static let maxSteps = 200

    /// Builds a plan from the command line's texts: `rate` is `1k..20k` (or one rate when a parameter is swept),
    /// `parameter` is `web.instances=2..16`. Errors say what to type instead.
    public init(design: Design, rate: String?, parameter: String?, steps: Int, options: RunOptions) throws {
        guard (2...Self.maxSteps).contains(steps) else {
            throw SweepError("--steps must be between 2 and \(Self.maxSteps) (got \(steps))")
        }
        self.design = design
        self.options = options
        let rateRange = try rate.map { try Self.range($0, label: "--rate \($0)", parse: Self.parseRate) }
        if let parameter {
            if let rateRange, rateRange.upperBound != rateRange.lowerBound {
                throw SweepError("sweep one thing at a time: give --rate a single value (e.g. --rate 2k) when sweeping --param")
            }
            let parts = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw SweepError("--param \(parameter): write COMPONENT.KEY=FROM..TO, e.g. web.instances=2..16")
            }
            let swept: DesignParameter
            do { swept = try DesignParameter.parse(parts[0], in: design) } catch { throw SweepError("--param: \(error)") }
            let range = try Self.range(parts[1], label: "--param \(parameter)", parse: { try swept.parseValue($0) })
            guard range.lowerBound < range.upperBound else {
                throw SweepError("--param \(parameter): give a range FROM..TO, e.g. \(parts[0])=\(swept.isInteger ? "2..16" : "2ms..20ms")")
            }
            for bound in [range.lowerBound, range.upperBound] {
                do { _ = try swept.applying(bound, to: design) } catch { throw SweepError("--param: \(error)") }
            }
            axis = .parameter(swept)
            values = Self.points(range, steps: steps, integer: swept.isInteger)
            rateRPS = rateRange?.lowerBound ?? options.rateRPS ?? design.workload.rateRPS
        } else {
            guard let rateRange, let rate else {
                throw SweepError("say what to sweep: --rate 1k..20k, or --param web.instances=2..16")
            }
            guard rateRange.lowerBound < rateRange.upperBound else {
                throw SweepError("--rate \(rate): give a range FROM..TO, e.g. --rate 1k..20k")
            }
            guard rateRange.lowerBound > 0 else { throw SweepError("--rate \(rate): rates must be greater than 0") }
            axis = .rate
            values = Self.points(rateRange, steps: steps, integer: false)
            rateRPS = rateRange.lowerBound
        }
    }

    static func parseRate(_ text: String) throws -> Double {
        guard let value = Units.parseRate(text), value.isFinite else {
            throw SweepError("'\(text)' is not a rate such as 950, 10k or 1.5M (per second)")
        }
        return value
    }

    /// `a..b` (a ≤ b) or a single value a (a range of one).
    static func range(_ text: String, label: String, parse: (String) throws -> Double) throws -> ClosedRange<Double> {
        let ends = text.components(separatedBy: "..")
        guard ends.count <= 2, !ends.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw SweepError("\(label): write FROM..TO, e.g. 1k..20k")
        }
        let values: [Double]
        do { values = try ends.map(parse) } catch { throw SweepError("\(label): \(error)") }
        if values.count == 2, values[0] > values[1] {
            throw SweepError("\(label) goes downward; write the smaller value first: \(ends[1])..\(ends[0])")
        }
        return values[0]...values[values.count - 1]
    }

    /// `steps` evenly spaced values from the lower to the upper bound; whole numbers without repeats.
    static func points(_ range: ClosedRange<Double>, steps: Int, integer: Bool) -> [Double] {
        let raw = (0..<steps).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(steps - 1) }
        guard integer else { return raw }
        var seen = Set<Double>()
        return raw.map { $0.rounded() }.filter { seen.insert($0).inserted }
    }

    /// The design and offered rate at one point of the axis.
    public func point(_ value: Double) throws -> (design: Design, rateRPS: Double) {
        switch axis {
        case .rate: return (design, value)
        case .parameter(let parameter): return (try parameter.applying(value, to: design), rateRPS)
        }
    }
}

public struct SweepError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ message: String) { description = message }
}

/// One simulated point beside what theory predicts there.
public struct SweepPoint: Sendable {
    public var value: Double
    public var rateRPS: Double
    public var result: RunResult
    public var theory: TheoryPoint

    public var errorFraction: Double {
        let offered = result.requests.offered
        guard offered > 0 else { return 0 }
        return Double(result.requests.rejected + result.requests.timedOut + result.requests.failed) / Double(offered)
    }
}

/// Theory at one value of the axis: throughput min(λ, saturation), mean latency and (single M/M/c station) p99.
public struct TheoryPoint: Sendable, Equatable {
    public var value: Double
    public var throughputRPS: Double
    public var meanS: Double?
    public var p99S: Double?
    public var exact: Bool

    public static func at(_ value: Double, plan: SweepPlan) -> TheoryPoint? {
        guard let (design, rate) = try? plan.point(value), let analysis = NetworkAnalyzer.analyze(design, rateRPS: rate) else {
            return nil
        }
        let saturation = Capacity.saturation(design)?.rateRPS ?? .infinity
        return TheoryPoint(value: value, throughputRPS: min(rate, saturation), meanS: analysis.latencyMeanS,
                           p99S: analysis.latencyP99S, exact: analysis.exact)
    }
}

public struct SweepResult: Sendable {
    public var plan: SweepPlan
    public var points: [SweepPoint]
    /// Theory on a finer grid than the simulated points, for the overlaid curve.
    public var curve: [TheoryPoint]
    /// The model at the first point, and why it is only approximate (empty when exact).
    public var model: String
    public var modelNotes: [String]
    public var wallS: Double
}

/// Runs every point of a sweep, one simulation per core at a time (the same thread approach as `Runner`).
public enum Sweep {
    public static func run(_ plan: SweepPlan, curvePoints: Int = 61) throws -> SweepResult {
        let started = Date()
        let count = plan.values.count
        let state = SharedRunState(count: count)
        let group = DispatchGroup()
        for _ in 0..<min(count, max(1, ProcessInfo.processInfo.activeProcessorCount)) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while let index = state.claim() {
                    do {
                        let (design, rate) = try plan.point(plan.values[index])
                        var options = plan.options
                        options.rateRPS = rate
                        let simulation = try Simulation(design: design, options: options)
                        simulation.advance(to: options.durationS)
                        state.finish(index, simulation.result())
                    } catch {
                        state.fail(error)
                    }
                }
            }
        }
        group.wait()
        if let error = state.error { throw error }
        let results = state.results()
        let points = plan.values.indices.map { index in
            let (_, rate) = (try? plan.point(plan.values[index])) ?? (plan.design, plan.rateRPS)
            let theory = TheoryPoint.at(plan.values[index], plan: plan)
                ?? TheoryPoint(value: plan.values[index], throughputRPS: rate, meanS: nil, p99S: nil, exact: false)
            return SweepPoint(value: plan.values[index], rateRPS: rate, result: results[index], theory: theory)
        }
        let low = plan.values.first!, high = plan.values.last!
        var grid = (0..<curvePoints).map { low + (high - low) * Double($0) / Double(curvePoints - 1) }
        if case .parameter(let parameter) = plan.axis, parameter.isInteger {
            grid = Array(Set(grid.map { $0.rounded() })).sorted()
        }
        let first = try plan.point(low)
        let analysis = NetworkAnalyzer.analyze(first.design, rateRPS: first.rateRPS)
        return SweepResult(plan: plan, points: points, curve: grid.compactMap { TheoryPoint.at($0, plan: plan) },
                           model: analysis?.model ?? "no solution of the traffic equations",
                           modelNotes: analysis.map { $0.exact ? [] : $0.notes } ?? [], wallS: Date().timeIntervalSince(started))
    }
}
