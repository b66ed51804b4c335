import Foundation
import Testing
import Model

/// `sdw replay` through the real binary: exit codes, --check, --json, --record-fingerprint, bad input.
@Suite(.serialized) struct ReplayCLITests {
    static func failoverText() throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent("Scenarios/database-failover.yaml"), encoding: .utf8)
    }

    @Test func checkPassesForEveryExample() throws {
        for name in ReplayTests.examples {
            let output = try CLI.run(["replay", "Scenarios/\(name).yaml", "--check"])
            #expect(output.status == 0, "\(name): \(output.stderr)")
            #expect(output.stdout.contains(": matches the recorded run"))
            #expect(output.stdout.contains("Scenario: "))
        }
    }

    @Test func jsonReportHasTheScenarioObject() throws {
        let output = try CLI.run(["replay", "Scenarios/retry-storm.yaml", "--json"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let scenario = try #require(object["scenario"] as? [String: Any])
        #expect(scenario["check"] as? String == "matches")
        #expect(object["fingerprint"] as? String == scenario["expected_fingerprint"] as? String)
        #expect(object["sdw_report"] as? Int == 1)
    }

    @Test func aDifferentFingerprintFailsTheCheck() throws {
        let original = try Self.failoverText()
        let recorded = try #require(original.split(separator: "\n").first { $0.hasPrefix("fingerprint:") })
        let file = try CLI.temporaryFile(original.replacingOccurrences(of: String(recorded), with: "fingerprint: \"0000000000000000\""),
                                         name: "failover.yaml")
        let checked = try CLI.run(["replay", file, "--check"])
        #expect(checked.status == 1)
        #expect(checked.stderr.contains("fingerprint mismatch: expected fingerprint 0000000000000000 (226,694 events), got fingerprint 3d7653f901c8c7b7 (226,694 events)"))
        #expect(checked.stderr.contains("--record-fingerprint"))
        let unchecked = try CLI.run(["replay", file])
        #expect(unchecked.status == 0, "without --check a mismatch is reported but not an error")
        #expect(unchecked.stderr.contains("fingerprint mismatch"))
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("fingerprint: \"0000000000000000\""), "nothing is written without the flag")
    }

    @Test func recordFingerprintRewritesOnlyThoseLines() throws {
        let original = try Self.failoverText()
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        let stripped = lines.filter { !$0.hasPrefix("fingerprint:") && !$0.hasPrefix("events:") }.joined(separator: "\n")
        let file = try CLI.temporaryFile(stripped, name: "failover.yaml")
        let unrecorded = try CLI.run(["replay", file, "--check"])
        #expect(unrecorded.status == 1)
        #expect(unrecorded.stderr.contains("no fingerprint recorded to check"))
        let recorded = try CLI.run(["replay", file, "--record-fingerprint"])
        #expect(recorded.status == 0)
        #expect(recorded.stderr.contains("recorded fingerprint 3d7653f901c8c7b7 (226694 events)"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == original)
        #expect(try CLI.run(["replay", file, "--check"]).status == 0)
    }

    @Test func badFlagsExit64() throws {
        let output = try CLI.run(["replay", "Scenarios/retry-storm.yaml", "--check", "--record-fingerprint"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--check and --record-fingerprint exclude each other"))
        #expect(try CLI.run(["replay", "Scenarios/retry-storm.yaml", "--frobnicate"]).status == 64)
    }

    @Test func badScenariosExit1WithAClearMessage() throws {
        let newer = try CLI.temporaryFile("sdw_scenario: 3\nname: Later\n", name: "later.yaml")
        let output = try CLI.run(["replay", newer])
        #expect(output.status == 1)
        #expect(output.stderr == "\(newer):1:15: error: this scenario was written by a newer sdw (format 3); this sdw reads format 1\n")
        #expect(output.stdout.isEmpty)

        let missing = try CLI.run(["replay", "Scenarios/nope.yaml"])
        #expect(missing.status == 1 && missing.stderr == "error: Scenarios/nope.yaml: no such file\n")

        let design = try CLI.run(["replay", "Designs/web-tier.yaml"])
        #expect(design.status == 1 && design.stderr.contains("this is a design file (it starts with 'sdw:'), not a scenario"))
    }

    @Test func aChangedDesignNeedsTheFlag() throws {
        let folder = URL(fileURLWithPath: try CLI.temporaryFile("x", name: "x")).deletingLastPathComponent()
        let design = try String(contentsOf: CLI.root.appendingPathComponent("Designs/retry-storm.yaml"), encoding: .utf8)
        try design.replacingOccurrences(of: "rate: 1500", with: "rate: 1400")
            .write(to: folder.appendingPathComponent("retry-storm.yaml"), atomically: true, encoding: .utf8)
        let scenario = try String(contentsOf: CLI.root.appendingPathComponent("Scenarios/retry-storm.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "../Designs/retry-storm.yaml", with: "retry-storm.yaml")
        let file = folder.appendingPathComponent("storm.yaml").path
        try scenario.write(toFile: file, atomically: true, encoding: .utf8)

        let refused = try CLI.run(["replay", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("has changed since the scenario was recorded: the scenario expects sha256 a9aaab149827b900ab6a5dbb42de4b5abfff4668f6975989347f4095c64a27c6"))
        #expect(refused.stderr.contains("use --allow-changed-design"))
        let allowed = try CLI.run(["replay", file, "--allow-changed-design"])
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("warning: the design 'retry-storm.yaml' has changed"))
        #expect(allowed.stderr.contains("fingerprint mismatch"))
        #expect(try CLI.run(["replay", file, "--allow-changed-design", "--check"]).status == 1)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == scenario, "the scenario is left as it was")
    }
}
