import Benchmark
import Foundation
import Model
import SimCore

/// Designs are read from the repository's Designs/ folder (the benchmark runs from Benchmarks/).
func loadDesign(_ name: String) -> Design {
    let here = URL(fileURLWithPath: #filePath)
    let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try! DesignParser.load(path: root.appendingPathComponent("Designs/\(name)").path).0
}

let eventsMetric = BenchmarkMetric.custom("events (k)", polarity: .prefersLarger, useScalingFactor: false)
let eventsPerSecondMetric = BenchmarkMetric.custom("events/s (k)", polarity: .prefersLarger, useScalingFactor: false)

/// Runs a design for `seconds` simulated seconds and reports events and events/s as custom metrics.
func simulate(_ benchmark: Benchmark, _ design: Design, seconds: Double, warmup: Double) {
    for _ in benchmark.scaledIterations {
        let simulation = try! Simulation(design: design, options: RunOptions(design: design, durationS: seconds, warmupS: warmup))
        let start = ContinuousClock.now
        simulation.run()
        let elapsed = ContinuousClock.now - start
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(eventsMetric, Int(simulation.eventsProcessed / 1000))
        benchmark.measurement(eventsPerSecondMetric, Int(Double(simulation.eventsProcessed) / wall / 1000))
        blackHole(simulation.result().latency.mean)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, eventsMetric, eventsPerSecondMetric],
        maxDuration: .seconds(30),
        maxIterations: 5
    )

    // The kernel on M/M/1 at ρ = 0.95: one arrival and one completion event per request.
    let mm1 = loadDesign("validation/mm1-rho095.yaml")
    Benchmark("M/M/1 kernel, 1,000 s simulated (≈1.9M events)") { benchmark in
        simulate(benchmark, mm1, seconds: 1000, warmup: 10)
    }
    // Ten times longer: mallocs stay flat when there is no allocation per event.
    Benchmark("M/M/1 kernel, 10,000 s simulated (≈19M events)", configuration: .init(maxIterations: 3)) { benchmark in
        simulate(benchmark, mm1, seconds: 10_000, warmup: 10)
    }

    // Five tiers at 100k requests/s for 60 simulated seconds (target: < 10 s wall, < 200 MB).
    let fiveTier = loadDesign("five-tier.yaml")
    Benchmark("Five tiers, 100k req/s, 60 s simulated", configuration: .init(maxDuration: .seconds(60), maxIterations: 2)) { benchmark in
        simulate(benchmark, fiveTier, seconds: 60, warmup: 5)
    }

    // The default design the workbench opens with.
    let webTier = loadDesign("web-tier.yaml")
    // Issue 5: a 1M-key cache, a sharded database with replicas and a topic, all in the path.
    let blocks = loadDesign("bench/blocks-100k.yaml")
    Benchmark("Cache (1M keys) + sharded DB + topic, 100k req/s, 20 s simulated",
              configuration: .init(maxDuration: .seconds(60), maxIterations: 2)) { benchmark in
        simulate(benchmark, blocks, seconds: 20, warmup: 2)
    }

    Benchmark("Web tier, 950 req/s, 600 s simulated") { benchmark in
        simulate(benchmark, webTier, seconds: 600, warmup: 10)
    }
}
