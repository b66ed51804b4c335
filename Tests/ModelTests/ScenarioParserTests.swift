import Foundation
import Testing
@testable import Model

/// A small design used by reference (as a file the scenario names) and inline.
private let referencedDesign = """
sdw: 1
name: Small
simulation: { duration: 30s, warmup: 1s }
workload: { entry: web, rate: 100 }
components:
  web:
    kind: service
    instances: 2
    workers: 4
    service_time: { dist: exponential, mean: 5ms }
    calls: [cache]
  cache:
    kind: cache
    instances: 2
    hit_ratio: 0.8
    on_miss: db
  db:
    kind: database
    connections: 4
    service_time: { dist: exponential, mean: 2ms }

"""
private let designHash = SHA256.hex(Array(referencedDesign.utf8))

/// A scenario naming the design above; `body` follows on line 4 (so its first line is line 4).
private func scenario(_ body: String, sha: String = designHash) -> String {
    "sdw_scenario: 1\nname: S\ndesign: { path: ../Designs/small.yaml, sha256: \(sha) }\n" + body
}

private func parseScenario(_ text: String, allowChangedDesign: Bool = false) throws -> (Scenario, [Diagnostic]) {
    try ScenarioParser.parse(text, file: "Scenarios/s.yaml", allowChangedDesign: allowChangedDesign) { path in
        path == "Designs/small.yaml" ? Data(referencedDesign.utf8) : nil
    }
}

/// The errors of a scenario that must not load, as "line:col message".
private func scenarioErrors(_ text: String, allowChangedDesign: Bool = false) -> [String] {
    do {
        _ = try parseScenario(text, allowChangedDesign: allowChangedDesign)
        return ["(loaded)"]
    } catch let error as DesignLoadError {
        return error.diagnostics.map { d in (d.location.map { "\($0.line):\($0.column) " } ?? "") + d.message }
    } catch {
        return ["\(error)"]
    }
}

struct ScenarioParserTests {
    @Test func readsADesignByPathWithActions() throws {
        let (parsed, warnings) = try parseScenario(scenario("""
        seed: 9
        duration: 20s
        warmup: 2s
        failures:
          - { at: 5s, slow: db, factor: 2, until: 6s }
        actions:
          - { at: 1s, rate: 3k }
          - { at: 2.5s, set: { web.workers: 8, db.service_time: 3ms } }
          - { at: 4s, crash: db }
          - { at: 4s, crash: web, instance: 1 }
          - { at: 7s, recover: web, instance: 1 }
          - { at: 8s, slow: { web: 3 } }
          - { at: 9s, recover: db }
        fingerprint: "0123456789abcdef"
        events: 1234
        """))
        #expect(warnings.isEmpty)
        #expect(parsed.designSource == .file(path: "../Designs/small.yaml", sha256: designHash))
        #expect(parsed.design.source == "Designs/small.yaml")
        #expect(parsed.seed == 9 && parsed.durationS == 20 && parsed.warmupS == 2)
        #expect(parsed.failures == [FailureEvent(atS: 5, untilS: 6, action: .slow(component: "db", factor: 2))])
        #expect(parsed.actions == [
            ScenarioAction(atS: 1, .rate(3000)),
            ScenarioAction(atS: 2.5, .set(DesignParameter(component: "web", key: .workers), 8)),
            ScenarioAction(atS: 2.5, .set(DesignParameter(component: "db", key: .serviceTime), 0.003)),
            ScenarioAction(atS: 4, .crash(component: "db", instance: nil)),
            ScenarioAction(atS: 4, .crash(component: "web", instance: 1)),
            ScenarioAction(atS: 7, .recover(component: "web", instance: 1)),
            ScenarioAction(atS: 8, .slow(component: "web", factor: 3)),
            ScenarioAction(atS: 9, .recover(component: "db", instance: nil)),
        ])
        #expect(parsed.actions[0].location == SourceLocation(file: "Scenarios/s.yaml", line: 10, column: 5))
        #expect(parsed.fingerprint == "0123456789abcdef" && parsed.events == 1234)
        #expect(parsed.effectiveDurationS == 20)
        #expect(parsed.runDesign.failures.count == 1)
    }

    @Test func writerRoundTripsInlineAndReferencedScenarios() throws {
        let (byPath, _) = try parseScenario(scenario("""
        actions:
          - { at: 1s, rate: 1.5k }
          - { at: 2s, set: { web.queue_capacity: 50 } }
          - { at: 3s, crash: cache, instance: 0 }
          - { at: 4s, slow: { db: 2.5 } }
        fingerprint: "00000000000000ff"
        events: 77
        """))
        let (again, _) = try parseScenario(ScenarioWriter.yaml(byPath))
        #expect(again == byPath)
        var inline = byPath
        inline.designSource = .inline
        inline.seed = 3
        inline.failures = [FailureEvent(atS: 1, untilS: 2, action: .crash(component: "web", instance: 0))]
        let text = ScenarioWriter.yaml(inline)
        #expect(text.contains("design:\n  sdw: 1\n  name: Small\n"))
        var (reread, _) = try parseScenario(text)
        #expect(reread.designSource == .inline)
        #expect(reread.design.source == "Scenarios/s.yaml")
        reread.design.source = inline.design.source
        #expect(reread == inline)
    }

    @Test func recordingTheFingerprintKeepsEverythingElse() throws {
        let original = scenario("""
        # a comment that stays
        actions:
          - { at: 1s, rate: 200 }   # so does this
        fingerprint: "0000000000000000"  # measured
        events: 5

        """)
        let updated = try ScenarioWriter.recording(fingerprint: "abcdef0123456789", events: 42, in: original)
        #expect(updated == original.replacingOccurrences(of: "fingerprint: \"0000000000000000\"  # measured", with: "fingerprint: \"abcdef0123456789\"  # measured")
            .replacingOccurrences(of: "events: 5", with: "events: 42"))
        let bare = scenario("actions: []\n")
        #expect(try ScenarioWriter.recording(fingerprint: "abcdef0123456789", events: 42, in: bare)
            == bare + "fingerprint: \"abcdef0123456789\"\nevents: 42\n")
        let (parsed, _) = try parseScenario(updated)
        #expect(parsed.fingerprint == "abcdef0123456789" && parsed.events == 42)
    }

    @Test func aHashThatIsNoHashIsSaidSo() {
        #expect(scenarioErrors(scenario("", sha: "zz")) == [
            "3:48 design sha256 'zz' is not a SHA-256 (64 hex digits); the file now has sha256: \(designHash)",
        ])
    }

    @Test func everyErrorNamesItsLineAndColumn() {
        #expect(scenarioErrors(scenario("fingerprnt: \"0123456789abcdef\"\n")) == [
            "4:1 unknown key 'fingerprnt' in the scenario (did you mean 'fingerprint'?); valid keys: sdw_scenario, name, description, design, seed, duration, warmup, failures, actions, fingerprint, events",
        ])
        #expect(scenarioErrors(scenario("""
        actions:
          - { at: 1s, crash: web, instnce: 1 }
          - { at: 3s, rate: 200 }
          - { at: 2s, rate: 300 }
          - { at: 30s, rate: 300 }
        """)) == [
            "5:27 unknown key 'instnce' in action 1 (did you mean 'instance'?); valid keys: at, crash, instance",
            "7:11 action 3 at 2s comes before action 2 at 3s; list actions in time order",
            "8:11 action 4 at 30s is not before the end of the run (30s)",
        ])
        #expect(scenarioErrors(scenario("""
        actions:
          - { at: 1s, crash: dbb }
          - { at: 1s, crash: web, instance: 2 }
          - { at: 1s, recover: web, instance: -1 }
          - { at: 1s, slow: { wbe: 2 } }
          - { at: 1s, slow: { web: 0 } }
          - { at: 1s, rate: 0 }
        """)) == [
            "5:22 crash of action 1: no component named 'dbb' in the design (did you mean 'db'?); it has web, cache, db",
            "6:37 web has 2 instances (0…1), not instance 2",
            "7:39 instance of action 3 must be at least 0, found -1",
            "8:23 slow of action 4: no component named 'wbe' in the design (did you mean 'web'?); it has web, cache, db",
            "9:28 slow factor of web must be greater than 0, found 0",
            "10:21 rate of action 6 must be greater than 0, found '0'",
        ])
        #expect(scenarioErrors(scenario("""
        actions:
          - { at: 1s, set: { web.instances: 6 } }
          - { at: 1s, set: { web.colour: 6 } }
          - { at: 1s, set: { dbx.workers: 6 } }
          - { at: 1s, set: { web.workers: 0 } }
          - { at: 1s, set: { web.service_time: fast } }
        """)) == [
            "5:22 set of action 1: web.instances changes the design's shape, which restarts a run from 0 s, so a scenario cannot replay it; put the instance count in the design, or use autoscale",
            "6:22 set of action 2: 'colour' is not a numeric parameter of 'web'; use one of instances, workers, queue_capacity, service_time",
            "7:22 set of action 3: no component named 'dbx' in the design (did you mean 'db'?); it has web, cache, db",
            "8:35 set of action 4: web.workers must be between 1 and 100000, not 0",
            "9:40 set of action 5: service_time: 'fast' is not a duration such as 5ms or 2s",
        ])
        #expect(scenarioErrors(scenario("""
        actions:
          - { at: 1s }
          - { at: 1s, rate: 5, crash: web }
          - { rate: 5 }
          - { at: 5, rate: 5 }
        """)) == [
            "5:5 action 1 does nothing: give one of rate, set, crash, recover, slow (e.g. { at: 30s, crash: db })",
            "6:5 action 2 gives rate and crash; one action per entry",
            "7:5 action 3 is missing 'at' (the simulated time it happened, e.g. 12.5s)",
            "8:11 at of action 4 needs a unit: write 5ms or 5s (units: ns, us, ms, s, m, h)",
        ])
        #expect(scenarioErrors(scenario("""
        warmup: 40s
        failures:
          - { at: 1s, crash: dbz }
        fingerprint: "xyz"
        events: many
        """)) == [
            "4:9 warmup (40s) must be shorter than the duration (30s)",
            "6:5 failure 'crash dbz at 1s': no component named 'dbz' in the design (did you mean 'db'?); it has web, cache, db",
            "7:14 fingerprint must be 16 lowercase hex digits as sdw prints it, found 'xyz'",
            "8:9 events must be a whole number ≥ 0, found 'many'",
        ])
    }

    @Test func versionsAndFileKinds() {
        #expect(scenarioErrors("sdw_scenario: 2\nname: From the future\nsomething_new: [1, 2]\n") == [
            "1:15 this scenario was written by a newer sdw (format 2); this sdw reads format 1",
        ])
        #expect(scenarioErrors("name: S\ndesign: { path: ../Designs/small.yaml, sha256: \(designHash) }\n") == [
            "1:1 the scenario is missing 'sdw_scenario' (the format version; write 'sdw_scenario: 1' first)",
        ])
        #expect(scenarioErrors(referencedDesign).first?.hasPrefix("1:1 this is a design file (it starts with 'sdw:'), not a scenario; run it with 'sdw run'") == true)
        #expect(scenarioErrors("sdw_scenario: 1\nactions: [\n") .first?.hasPrefix("3:1 YAML syntax:") == true)
        #expect(scenarioErrors("") == ["1:1 the file is empty"])
        #expect(scenarioErrors("sdw_scenario: 1\nname: S\n") == ["1:1 the scenario is missing 'design' (the design: a full design mapping, or { path: ../Designs/x.yaml, sha256: … })"])
    }

    @Test func designReferences() throws {
        let other = String(repeating: "0", count: 64)
        #expect(scenarioErrors(scenario("", sha: other)) == [
            "3:48 the design '../Designs/small.yaml' has changed since the scenario was recorded: the scenario expects sha256 \(other), the file has sha256 \(designHash); to replay against the current design anyway, use --allow-changed-design",
        ])
        let (allowed, warnings) = try parseScenario(scenario("", sha: other), allowChangedDesign: true)
        #expect(allowed.design.name == "Small")
        #expect(warnings.map(\.description) == [
            "Scenarios/s.yaml:3:48: warning: the design '../Designs/small.yaml' has changed since the scenario was recorded: the scenario expects sha256 \(other), the file has sha256 \(designHash); replaying against the current design, so the run may differ",
        ])
        #expect(scenarioErrors("sdw_scenario: 1\ndesign: { path: ../Designs/small.yaml }\n") == [
            "2:9 design is missing 'sha256' (the SHA-256 of the design file's bytes); the file now has sha256: \(designHash)",
        ])
        #expect(scenarioErrors("sdw_scenario: 1\ndesign: { path: ../Designs/gone.yaml, sha256: \(other), colour: red }\n") == [
            "2:17 the design '../Designs/gone.yaml' cannot be read (looked for Designs/gone.yaml)",
            "2:113 unknown key 'colour' in design; valid keys: path, sha256",
        ])
        #expect(scenarioErrors("sdw_scenario: 1\ndesign: ../Designs/small.yaml\n") == [
            "2:9 design must be a full design mapping (sdw: 1, workload, components…) or { path: ../Designs/x.yaml, sha256: … }, found '../Designs/small.yaml'",
        ])
        #expect(ScenarioParser.resolve("../Designs/x.yaml", from: "Scenarios/a.yaml") == "Designs/x.yaml")
        #expect(ScenarioParser.resolve("../Designs/x.yaml", from: "/repo/Scenarios/a.yaml") == "/repo/Designs/x.yaml")
        #expect(ScenarioParser.resolve("x.yaml", from: "a.yaml") == "x.yaml")
        #expect(ScenarioParser.resolve("/abs/x.yaml", from: "Scenarios/a.yaml") == "/abs/x.yaml")
    }

    @Test func inlineDesignErrorsPointIntoTheScenario() {
        #expect(scenarioErrors("""
        sdw_scenario: 1
        design:
          sdw: 1
          workload: { entry: web, rate: 100 }
          components:
            web: { kind: service, workrs: 2 }
        """) == [
            "6:10 component 'web' is missing 'service_time' (e.g. { dist: exponential, mean: 5ms })",
            "6:27 unknown key 'workrs' in component 'web' (did you mean 'workers'?); valid keys: kind, description, instances, workers, queue_capacity, service_time, balancing, position, region, calls, rate_limit, autoscale",
        ])
    }
}
