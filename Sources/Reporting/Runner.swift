import Foundation
import Model
import SimCore

/// Runs a design to the end, one replication per core at a time, and reports progress while it goes.
public enum Runner {
    /// Where a run is: summed over replications.
    public struct Progress: Sendable {
        public var simulatedS: Double
        public var targetS: Double
        public var events: UInt64
        public var wallS: Double
    }

    /// Runs `replications` independent runs with seeds seed, seed+1, …; `progress` is called on the calling
    /// thread about every `progressInterval` wall seconds.
    public static func run(design: Design, options: RunOptions, replications: Int = 1, warnings: [String] = [],
                           progressInterval: Double = 0.25, progress: ((Progress) -> Void)? = nil) throws -> RunReport {
        try options.validate()
        let k = max(1, replications)
        let state = SharedRunState(count: k)
        let started = Date()
        let workers = min(k, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while let index = state.claim() {
                    var replicaOptions = options
                    replicaOptions.seed = options.seed &+ UInt64(index)
                    do {
                        let simulation = try Simulation(design: design, options: replicaOptions)
                        // Chunks of simulated time keep progress fresh without touching the engine's results.
                        let chunk = max(options.durationS / 400, 0.01)
                        while !simulation.isFinished {
                            simulation.advance(to: simulation.now + chunk)
                            state.update(index, time: simulation.now, events: simulation.eventsProcessed)
                        }
                        state.finish(index, simulation.result())
                    } catch {
                        state.fail(error)
                    }
                }
            }
        }
        while group.wait(timeout: .now() + progressInterval) == .timedOut {
            if let progress {
                let snapshot = state.snapshot()
                progress(Progress(simulatedS: snapshot.time, targetS: options.durationS * Double(k),
                                  events: snapshot.events, wallS: Date().timeIntervalSince(started)))
            }
        }
        if let error = state.error { throw error }
        return RunReport(design: design, options: options, runs: state.results(), wallS: Date().timeIntervalSince(started),
                         warnings: warnings)
    }
}

/// Hand-off between worker threads and the reporting thread.
final class SharedRunState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var times: [Double]
    private var events: [UInt64]
    private var finished: [RunResult?]
    private(set) var error: Error?

    init(count: Int) {
        self.count = count
        times = [Double](repeating: 0, count: count)
        events = [UInt64](repeating: 0, count: count)
        finished = [RunResult?](repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.withLock {
            guard next < count, error == nil else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func update(_ index: Int, time: Double, events count: UInt64) {
        lock.withLock {
            times[index] = time
            events[index] = count
        }
    }

    func finish(_ index: Int, _ result: RunResult) { lock.withLock { finished[index] = result } }
    func fail(_ error: Error) { lock.withLock { self.error = error } }

    func snapshot() -> (time: Double, events: UInt64) {
        lock.withLock { (times.reduce(0, +), events.reduce(0, +)) }
    }

    func results() -> [RunResult] { lock.withLock { finished.compactMap { $0 } } }
}
