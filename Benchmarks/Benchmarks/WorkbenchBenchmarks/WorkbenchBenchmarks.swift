import Benchmark
import Foundation
import Model
import Render
import Terminal
import Workbench

/// A 20-block design: a balancer, 3 gateways, 8 services, 4 caches, 4 databases, all connected.
func twentyBlocks() -> Design {
    var components = [Component(id: "edge", kind: .loadBalancer, serviceTime: .exponential(meanS: 0.00005),
                                routes: ["gw1", "gw2", "gw3"], algorithm: .leastConnections)]
    for g in 1...3 {
        components.append(Component(id: "gw\(g)", kind: .service, instances: 2, workers: 32, serviceTime: .exponential(meanS: 0.0002),
                                    calls: (1...8).filter { $0 % 3 == g % 3 }.map { Call(to: "svc\($0)", mode: .forward) }
                                        .enumerated().map { var c = $1; c.probability = 1.0 / 3; _ = $0; return c }))
    }
    for s in 1...8 {
        components.append(Component(id: "svc\(s)", kind: .service, instances: 4, workers: 16, serviceTime: .lognormal(meanS: 0.002, shape: .p99(0.012)),
                                    calls: [Call(to: "cache\((s - 1) % 4 + 1)", mode: .sync)]))
    }
    for c in 1...4 {
        components.append(Component(id: "cache\(c)", kind: .service, instances: 2, workers: 32, serviceTime: .exponential(meanS: 0.0001),
                                    calls: [Call(to: "db\(c)", mode: .forward, probability: 0.1)]))
    }
    for d in 1...4 {
        components.append(Component(id: "db\(d)", kind: .service, workers: 64, serviceTime: .exponential(meanS: 0.004)))
    }
    return Design(name: "Twenty blocks", workload: Workload(entry: "edge", rateRPS: 20_000), components: components)
}

func session(_ design: Design, width: Int, height: Int) -> WorkbenchSession {
    var state = AppState(design: design, filePath: nil, width: width, height: height)
    state.runState = .running
    return WorkbenchSession(state: state, recoveryPath: "/tmp/sdw-bench-recovery.yaml")
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 1000)

    // Views only: the state → ScreenBuffer function at 200×60 with 20 blocks and live figures.
    Benchmark("Render 200×60, 20 blocks (view only)") { benchmark in
        let running = session(twentyBlocks(), width: 200, height: 60)
        for _ in 0..<40 { running.frame(wallSeconds: 0.25) }
        // One render first: what happens once per process or per layout (the trade-off catalogue is read, links are
        // routed) is not what a running frame costs.
        blackHole(WorkbenchView.render(running.state))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(WorkbenchView.render(running.state)) }
    }

    // Render and flush every cell through ncurses (a full redraw) to /dev/null.
    Benchmark("Render + full flush 200×60, 20 blocks") { benchmark in
        let running = session(twentyBlocks(), width: 200, height: 60)
        for _ in 0..<40 { running.frame(wallSeconds: 0.25) }
        let input = fopen("/dev/null", "r")!, output = fopen("/dev/null", "w")!
        let screen = try! TerminalScreen(input: input, output: output, terminalType: "xterm-256color", width: 200, height: 60)
        defer { screen.restore() }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            screen.forceFullRedraw()
            screen.draw(WorkbenchView.render(running.state))
        }
    }

    // Render and flush a full frame as the loop does while running: every cell rendered, the changed ones
    // (live figures, sparklines, the clock) written; two states one second apart alternate.
    Benchmark("Render + diff flush 200×60, 20 blocks (running frame, no engine step)") { benchmark in
        let running = session(twentyBlocks(), width: 200, height: 60)
        for _ in 0..<40 { running.frame(wallSeconds: 0.25) }
        let first = running.state
        running.frame(wallSeconds: 1)
        let second = running.state
        let input = fopen("/dev/null", "r")!, output = fopen("/dev/null", "w")!
        let screen = try! TerminalScreen(input: input, output: output, terminalType: "xterm-256color", width: 200, height: 60)
        defer { screen.restore() }
        screen.draw(WorkbenchView.render(first))
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            screen.draw(WorkbenchView.render(iteration % 2 == 0 ? second : first))
        }
    }

    // A typical running frame: advance a simulated 1/30 s, render, flush the changed cells.
    Benchmark("Frame: step + render + diff flush 200×60, 20 blocks at 20k req/s") { benchmark in
        let running = session(twentyBlocks(), width: 200, height: 60)
        for _ in 0..<40 { running.frame(wallSeconds: 0.25) }
        let input = fopen("/dev/null", "r")!, output = fopen("/dev/null", "w")!
        let screen = try! TerminalScreen(input: input, output: output, terminalType: "xterm-256color", width: 200, height: 60)
        defer { screen.restore() }
        screen.draw(WorkbenchView.render(running.state))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            running.frame(wallSeconds: 1.0 / 30)
            screen.draw(WorkbenchView.render(running.state))
        }
    }

    // Memory while the workbench runs five tiers at 100k req/s for an hour of simulated time.
    Benchmark("Workbench: five tiers at 100k req/s for 1 h simulated", configuration: .init(maxDuration: .seconds(600), maxIterations: 1)) { benchmark in
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let design = try! DesignParser.load(path: root.appendingPathComponent("Designs/five-tier.yaml").path).0
        let running = session(design, width: 160, height: 48)
        running.eventBudgetPerFrame = 50_000_000
        for _ in 0..<3600 { running.frame(wallSeconds: 1) }
        blackHole(WorkbenchView.render(running.state))
        precondition(running.state.simTime >= 3599, "ran \(running.state.simTime) s")
    }
}
