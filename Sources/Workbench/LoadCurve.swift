import Foundation
import Model
import Analysis
import SimCore

/// What `C` / `:curve [FROM..TO]` asks for: a rate range (default 10%–120% of the saturation rate), points and run length.
public struct LoadCurveSpec: Sendable, Equatable {
    public var fromRPS: Double?
    public var toRPS: Double?
    public var points: Int
    /// Simulated seconds per point (nil: 10 s, shorter at high rates so a point stays quick).
    public var durationS: Double?

    public init(fromRPS: Double? = nil, toRPS: Double? = nil, points: Int = LoadCurve.defaultPoints, durationS: Double? = nil) {
        self.fromRPS = fromRPS
        self.toRPS = toRPS
        self.points = points
        self.durationS = durationS
    }
}

/// The work handed to the session's background runner: one short seeded run per rate.
public struct LoadCurveRequest: Sendable, Equatable {
    public var run: Int
    public var design: Design
    public var rates: [Double]
    public var seed: UInt64
    public var durationS: Double
    public var warmupS: Double
}

/// One simulated point: what the design did at an offered rate.
public struct LoadCurvePoint: Sendable, Equatable {
    public var rateRPS: Double
    public var throughputRPS: Double
    public var meanS: Double?
    public var p50S: Double?
    public var p99S: Double?
    /// Rejected, timed-out and failed requests ÷ offered.
    public var errorFraction: Double

    public init(rateRPS: Double, throughputRPS: Double, meanS: Double?, p50S: Double?, p99S: Double?, errorFraction: Double) {
        self.rateRPS = rateRPS
        self.throughputRPS = throughputRPS
        self.meanS = meanS
        self.p50S = p50S
        self.p99S = p99S
        self.errorFraction = errorFraction
    }
}

/// Theory at one offered rate: throughput min(λ, saturation), mean latency, and p99 where a closed form exists.
public struct LoadCurveTheory: Sendable, Equatable {
    public var rateRPS: Double
    public var throughputRPS: Double
    public var meanS: Double?
    public var p99S: Double?
}

/// A sweep of the design over load: the plan, the theory curve (known at once) and the points measured so far.
public struct LoadCurveState: Sendable, Equatable {
    public var run: Int
    /// The design swept; a different design on screen cancels the sweep.
    public var design: Design
    public var rates: [Double]
    public var durationS: Double
    public var seed: UInt64
    public var saturationRPS: Double?
    public var bottleneck: String?
    public var model: String
    public var exact: Bool
    public var notes: [String]
    public var theory: [LoadCurveTheory]
    /// Theory at each swept rate (nil where the traffic equations have no solution).
    public var predicted: [LoadCurveTheory?]
    public var points: [LoadCurvePoint] = []

    public var isComplete: Bool { points.count >= rates.count }

    public init(run: Int, design: Design, rates: [Double], durationS: Double, seed: UInt64, theory: [LoadCurveTheory],
                saturationRPS: Double?, bottleneck: String?, model: String, exact: Bool, notes: [String]) {
        self.run = run
        self.design = design
        self.rates = rates
        self.durationS = durationS
        self.seed = seed
        self.theory = theory
        predicted = rates.map { rate in theory.first { abs($0.rateRPS - rate) <= 1e-9 * max(1, rate) } ?? LoadCurve.theory(design, rateRPS: rate, saturationRPS: saturationRPS) }
        self.saturationRPS = saturationRPS
        self.bottleneck = bottleneck
        self.model = model
        self.exact = exact
        self.notes = notes
    }
}

/// The load curve's pure parts: the plan, the theory, and one point's simulation (the session runs those off the UI thread).
public enum LoadCurve {
    public static let defaultPoints = 12
    public static let theoryPoints = 49
    /// Requests one point may simulate at most: long enough for stable percentiles, short enough to stay interactive.
    public static let requestsPerPoint = 250_000.0

    /// Plans a sweep, or says why it cannot be planned.
    public static func plan(_ design: Design, spec: LoadCurveSpec, run: Int, seed: UInt64) -> Result<LoadCurveState, LoadCurveError> {
        guard !design.components.isEmpty, design.component(design.workload.entry) != nil else {
            return .failure(LoadCurveError("add blocks and an entry point before sweeping the load"))
        }
        guard NetworkAnalyzer.analyze(design) != nil else {
            return .failure(LoadCurveError("the traffic equations have no solution for this design; fix its calls first"))
        }
        let saturation = Capacity.saturation(design)
        let saturationRate = saturation.flatMap { $0.rateRPS.isFinite && $0.rateRPS > 0 ? $0.rateRPS : nil }
        let low = spec.fromRPS ?? saturationRate.map { $0 * 0.1 }
        let high = spec.toRPS ?? saturationRate.map { $0 * 1.2 }
        guard let low, let high else {
            return .failure(LoadCurveError("nothing in this design saturates: give a range, e.g. :curve 100..10k"))
        }
        guard low > 0, high > low else { return .failure(LoadCurveError("give a rising range of rates > 0, e.g. :curve 100..10k")) }
        let count = max(2, min(60, spec.points))
        let rates = (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
        let duration = spec.durationS ?? max(2, min(10, requestsPerPoint / high))
        let grid = (0..<theoryPoints).map { low + (high - low) * Double($0) / Double(theoryPoints - 1) }
        let first = NetworkAnalyzer.analyze(design, rateRPS: low)
        return .success(LoadCurveState(
            run: run, design: design, rates: rates, durationS: duration, seed: seed,
            theory: grid.compactMap { theory(design, rateRPS: $0, saturationRPS: saturation?.rateRPS) },
            saturationRPS: saturationRate, bottleneck: saturation.map(\.bottleneck), model: first?.model ?? "no closed form",
            exact: first?.exact ?? false, notes: first.map { $0.exact ? [] : $0.notes } ?? []))
    }

    /// The same theory `sdw sweep` overlays: throughput min(λ, saturation), mean latency, and p99 for a single M/M/c station.
    public static func theory(_ design: Design, rateRPS: Double, saturationRPS: Double?) -> LoadCurveTheory? {
        guard let analysis = NetworkAnalyzer.analyze(design, rateRPS: rateRPS) else { return nil }
        return LoadCurveTheory(rateRPS: rateRPS, throughputRPS: min(rateRPS, saturationRPS ?? .infinity),
                               meanS: analysis.latencyMeanS, p99S: analysis.latencyP99S)
    }

    public static func request(for curve: LoadCurveState) -> LoadCurveRequest {
        LoadCurveRequest(run: curve.run, design: curve.design, rates: curve.rates, seed: curve.seed, durationS: curve.durationS,
                         warmupS: curve.durationS * 0.2)
    }

    /// Simulates one point to the end, checking `cancelled` between slices of work; nil when cancelled or refused.
    public static func simulate(_ request: LoadCurveRequest, rateRPS: Double, cancelled: () -> Bool = { false }) -> LoadCurvePoint? {
        let options = RunOptions(seed: request.seed, durationS: request.durationS, warmupS: request.warmupS, rateRPS: rateRPS,
                                 seriesCapacity: 60, batches: 10)
        guard let simulation = try? Simulation(design: request.design, options: options) else { return nil }
        while !simulation.isFinished {
            if cancelled() { return nil }
            simulation.advance(to: request.durationS, budget: 50_000)
        }
        let result = simulation.result()
        let offered = result.requests.offered
        let errors = offered > 0 ? Double(result.requests.rejected + result.requests.timedOut + result.requests.failed) / Double(offered) : 0
        let measured = result.latency.count > 0
        return LoadCurvePoint(rateRPS: rateRPS, throughputRPS: result.throughputRPS, meanS: measured ? result.latency.mean : nil,
                              p50S: measured ? result.latency.p50 : nil, p99S: measured ? result.latency.p99 : nil,
                              errorFraction: errors)
    }

    /// `FROM..TO` as typed after `:curve` (rates such as 500, 2k, 1.5M).
    public static func parseRange(_ text: String) -> (Double, Double)? {
        let ends = text.components(separatedBy: "..")
        guard ends.count == 2, let low = Units.parseRate(ends[0].trimmingCharacters(in: .whitespaces)),
              let high = Units.parseRate(ends[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return (low, high)
    }
}

public struct LoadCurveError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Runs a load curve's points one after another on a background thread and hands each to `deliver` (any thread).
/// `cancel()` stops it between slices of a run; nothing is delivered after that.
public final class LoadCurveRunner: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    public let request: LoadCurveRequest

    public init(_ request: LoadCurveRequest) { self.request = request }

    public var isCancelled: Bool { lock.withLock { stopped } }

    public func cancel() { lock.withLock { stopped = true } }

    public func start(deliver: @escaping @Sendable (LoadCurvePoint) -> Void) {
        let thread = Thread { [self] in
            for rate in request.rates {
                guard let point = LoadCurve.simulate(request, rateRPS: rate, cancelled: { self.isCancelled }) else {
                    if isCancelled { return }
                    continue
                }
                if isCancelled { return }
                deliver(point)
            }
        }
        thread.qualityOfService = .utility
        thread.name = "sdw load curve"
        thread.start()
    }
}
