import Foundation
import Testing
import Model
import SimCore
@testable import Reporting

/// The example scenarios and the replay's timing and determinism guarantees.
struct ReplayTests {
    static let examples = ["cache-stampede", "retry-storm", "retry-storm-fixed", "flash-crowd-autoscale", "database-failover"]

    static func load(_ name: String) throws -> Scenario {
        try ScenarioParser.load(path: CLI.root.appendingPathComponent("Scenarios/\(name).yaml").path).0
    }

    /// `sdw replay --check` in-process: each example replays to its recorded fingerprint and event count, twice.
    @Test(arguments: examples) func exampleMatchesItsRecordedFingerprintTwice(name: String) throws {
        let scenario = try Self.load(name)
        #expect(!scenario.actions.isEmpty, "an example does something beyond the design's timeline")
        let first = try Replay.run(scenario)
        let second = try Replay.run(scenario)
        #expect(first.verdict == .matches, "\(name): \(first.summary)")
        #expect(first.fingerprint == scenario.fingerprint)
        #expect(first.events == scenario.events)
        #expect(second.fingerprint == first.fingerprint && second.events == first.events)
    }

    /// The examples cover what the issue asks for: a cache crash, retries, autoscaling and a database failover.
    @Test func examplesExerciseFailuresAutoscalingRetriesAndFailover() throws {
        let stampede = try Replay.run(try Self.load("cache-stampede"))
        // The cache outage fails reads; the edit at 33 s shows in the report (16 connections instead of 6).
        #expect(stampede.report.requests.failed > 1000)
        #expect(stampede.report.components.first { $0.id == "db" }?.workers == 16)
        let storm = try Replay.run(try Self.load("retry-storm"))
        #expect(storm.report.components.first { $0.id == "api" }.map { $0.blocks.retries > 1000 } == true)
        let fixed = try Replay.run(try Self.load("retry-storm-fixed"))
        #expect(fixed.report.errorCount < storm.report.errorCount)
        let crowd = try Self.load("flash-crowd-autoscale")
        #expect(crowd.design.component("web")?.autoscale != nil)
        let failover = try Replay.run(try Self.load("database-failover"))
        #expect(failover.report.components.first { $0.id == "db" }?.blocks.failovers == 1)
        #expect(failover.report.requests.failed > 0)
    }

    /// The workbench's frame loop and the CLI get the same run: uneven slices of simulated time, and event
    /// budgets that stop between events, give the fingerprint of one `run()`.
    @Test(arguments: ["flash-crowd-autoscale", "database-failover", "cache-stampede"])
    func steppingInUnevenIncrementsGivesTheSameRun(name: String) throws {
        let scenario = try Self.load(name)
        let whole = try ScenarioPlayer(scenario: scenario)
        whole.run()

        let sliced = try ScenarioPlayer(scenario: scenario)
        let steps = [0.013, 0.7, 1.9, 0.25, 3.1, 0.0001, 5]
        var index = 0
        while !sliced.simulation.isFinished {
            sliced.advance(to: sliced.simulation.now + steps[index % steps.count])
            index += 1
        }
        let budgeted = try ScenarioPlayer(scenario: scenario)
        var frame = 0
        while !budgeted.simulation.isFinished {
            frame += 1
            budgeted.advance(to: Double(frame) * 0.05, budget: 997)
        }
        #expect(sliced.simulation.fingerprint == whole.simulation.fingerprint)
        #expect(budgeted.simulation.fingerprint == whole.simulation.fingerprint)
        #expect(sliced.simulation.eventsProcessed == whole.simulation.eventsProcessed)
        #expect(budgeted.simulation.eventsProcessed == whole.simulation.eventsProcessed)
        #expect(whole.simulation.fingerprint == scenario.fingerprint)
        #expect(whole.nextAction == scenario.actions.count && whole.problems.isEmpty)
        let stepped = try Replay.run(scenario, step: 0.37)
        #expect(stepped.verdict == .matches)
    }

    static let tinyDesign = """
    sdw: 1
    name: Tiny
    simulation: { duration: 10s, warmup: 1s }
    workload: { entry: web, rate: 200 }
    components:
      web:
        kind: service
        instances: 2
        workers: 4
        service_time: { dist: exponential, mean: 5ms }
    failures:
      - { at: 5s, slow: web, factor: 3 }

    """

    /// An action at t applies after every event at ≤ t (here a design failure at exactly 5 s) and before any later
    /// one, with the clock reading exactly t.
    @Test func anActionAtTTakesEffectAtT() throws {
        let (design, _) = try DesignParser.parse(Self.tinyDesign, file: "tiny.yaml")
        let scenario = Scenario(name: "t", design: design, actions: [
            ScenarioAction(atS: 5, .slow(component: "web", factor: 2)),
            ScenarioAction(atS: 5, .crash(component: "web", instance: 1)),
            ScenarioAction(atS: 7.25, .recover(component: "web", instance: nil)),
        ])
        let player = try ScenarioPlayer(scenario: scenario)
        player.advance(to: 4.999_999)
        #expect(player.nextAction == 0)
        #expect(player.simulation.slowFactor(of: "web") == 1)
        #expect(player.simulation.isDown("web") == [false, false])
        player.advance(to: 5)
        #expect(player.nextAction == 2)
        #expect(player.simulation.now == 5)
        // The timeline's ×3 at 5 s came first; the action's ×2 at the same instant wins.
        #expect(player.simulation.slowFactor(of: "web") == 2)
        #expect(player.simulation.isDown("web") == [false, true])
        let notices = player.simulation.drainNotices()
        #expect(notices.map(\.time) == [5, 5, 5])
        #expect(notices.map(\.message) == ["failure: slow web ×3 at 5s", "scenario: 5s slow web ×2", "scenario: 5s crash web#1"])
        #expect(player.nextActionTime == 7.25)
        player.advance(to: 7.25)
        #expect(player.simulation.isDown("web") == [false, false] && player.simulation.slowFactor(of: "web") == 1)
        #expect(player.simulation.drainNotices().last.map { ($0.time, $0.message) } ?? (0, "") == (7.25, "scenario: 7.25s recover web"))
    }

    /// A rate change takes effect from its time: the same run without it is the same up to then and differs after.
    @Test func rateAndParameterEditsApplyLive() throws {
        let (design, _) = try DesignParser.parse(Self.tinyDesign, file: "tiny.yaml")
        let edited = Scenario(name: "t", design: design, actions: [
            ScenarioAction(atS: 2, .rate(400)),
            ScenarioAction(atS: 3, .set(DesignParameter(component: "web", key: .workers), 8)),
        ])
        let plain = try ScenarioPlayer(scenario: Scenario(name: "t", design: design))
        let player = try ScenarioPlayer(scenario: edited)
        plain.advance(to: 2)
        player.advance(to: 2)
        #expect(plain.simulation.eventsProcessed == player.simulation.eventsProcessed)
        plain.run()
        player.run()
        #expect(player.problems.isEmpty)
        // The edit keeps the new rate: `apply` restarts arrivals at the edited design's rate, which carries 400/s.
        #expect(player.design.workload.rateRPS == 400 && player.design.component("web")?.workers == 8)
        let offered = Double(player.simulation.result().requests.offered), before = Double(plain.simulation.result().requests.offered)
        #expect(offered > before * 1.7)
    }

    @Test func aChangedDesignIsRefusedUnlessAllowed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Scenarios"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Designs"), withIntermediateDirectories: true)
        let designFile = folder.appendingPathComponent("Designs/tiny.yaml").path
        try Self.tinyDesign.write(toFile: designFile, atomically: true, encoding: .utf8)
        let hash = SHA256.hex(Array(Self.tinyDesign.utf8))
        let scenarioFile = folder.appendingPathComponent("Scenarios/tiny.yaml").path
        try """
        sdw_scenario: 1
        design: { path: ../Designs/tiny.yaml, sha256: \(hash) }
        actions:
          - { at: 2s, rate: 300 }

        """.write(toFile: scenarioFile, atomically: true, encoding: .utf8)
        let recorded = try Replay.run(try ScenarioParser.load(path: scenarioFile).0)
        let text = try ScenarioWriter.recording(fingerprint: recorded.fingerprint, events: recorded.events,
                                                in: try String(contentsOfFile: scenarioFile, encoding: .utf8))
        try AtomicFile.write(text, to: scenarioFile)
        #expect(try Replay.run(try ScenarioParser.load(path: scenarioFile).0).verdict == .matches)

        let changed = Self.tinyDesign.replacingOccurrences(of: "rate: 200", with: "rate: 250")
        try changed.write(toFile: designFile, atomically: true, encoding: .utf8)
        let newHash = SHA256.hex(Array(changed.utf8))
        do {
            _ = try ScenarioParser.load(path: scenarioFile)
            Issue.record("a changed design must not load silently")
        } catch let error as DesignLoadError {
            #expect(error.diagnostics.map(\.description) == [
                "\(scenarioFile):2:47: error: the design '../Designs/tiny.yaml' has changed since the scenario was recorded: the scenario expects sha256 \(hash), the file has sha256 \(newHash); to replay against the current design anyway, use --allow-changed-design",
            ])
        }
        let (allowed, warnings) = try ScenarioParser.load(path: scenarioFile, allowChangedDesign: true)
        #expect(warnings.count == 1 && warnings[0].severity == .warning)
        #expect(allowed.designSource == .file(path: "../Designs/tiny.yaml", sha256: hash))
        let replay = try Replay.run(allowed)
        #expect(replay.verdict == .differs(expected: recorded.fingerprint, expectedEvents: recorded.events))
        #expect(replay.summary.hasPrefix("fingerprint mismatch: expected fingerprint \(recorded.fingerprint) ("))
    }

    @Test func aNewerFormatIsNamed() throws {
        let file = try CLI.temporaryFile("sdw_scenario: 2\nname: Later\ntimeline_v2: {}\n", name: "later.yaml")
        #expect(throws: DesignLoadError.self) { try ScenarioParser.load(path: file) }
        do { _ = try ScenarioParser.load(path: file) } catch let error as DesignLoadError {
            #expect(error.description == "\(file):1:15: error: this scenario was written by a newer sdw (format 2); this sdw reads format 1")
        }
    }

    @Test func jsonCarriesTheScenarioCheck() throws {
        let replay = try Replay.run(try Self.load("database-failover"))
        let rendered = replay.json.rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        let scenario = try #require(object["scenario"] as? [String: Any])
        #expect(scenario["check"] as? String == "matches")
        #expect(scenario["expected_fingerprint"] as? String == replay.fingerprint)
        #expect(object["fingerprint"] as? String == replay.fingerprint)
        #expect((scenario["actions"] as? [String]) == ["15s rate → 1k/s", "20s crash db#0", "40s recover db#0"])
    }
}
