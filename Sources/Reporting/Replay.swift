import Foundation
import Model
import SimCore

/// Headless replay of a scenario: runs it to the end with its actions and compares the result with the
/// fingerprint and event count recorded in the scenario (`sdw replay`, `sdw replay --check`).
public struct Replay: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// The fingerprint and event count are the recorded ones.
        case matches
        /// The engine produced a different run than the one recorded.
        case differs(expected: String, expectedEvents: UInt64?)
        /// The scenario has no recorded fingerprint yet.
        case notRecorded
    }

    public var scenario: Scenario
    public var report: RunReport
    public var fingerprint: String
    public var events: UInt64
    public var verdict: Verdict
    /// Parse warnings (e.g. a changed design allowed with --allow-changed-design) and actions that could not apply.
    public var warnings: [String]

    /// Replays `scenario` to the end. `step`, when set, advances in slices of that many simulated seconds (the
    /// result is the same; tests use it to prove it).
    public static func run(_ scenario: Scenario, warnings: [String] = [], step: Double? = nil) throws -> Replay {
        let started = Date()
        let player = try ScenarioPlayer(scenario: scenario)
        let simulation = player.simulation
        if let step {
            while !simulation.isFinished { player.advance(to: simulation.now + step) }
        } else {
            player.run()
        }
        let result = simulation.result()
        var allWarnings = warnings + player.problems
        let report = RunReport(design: scenario.runDesign, options: simulation.options, runs: [result],
                               wallS: Date().timeIntervalSince(started), warnings: allWarnings)
        let verdict: Verdict
        if let expected = scenario.fingerprint {
            let same = expected == result.fingerprint && (scenario.events.map { $0 == result.events } ?? true)
            verdict = same ? .matches : .differs(expected: expected, expectedEvents: scenario.events)
        } else {
            verdict = .notRecorded
            allWarnings.append("the scenario has no recorded fingerprint; record it with 'sdw replay FILE --record-fingerprint'")
        }
        return Replay(scenario: scenario, report: report, fingerprint: result.fingerprint, events: result.events,
                      verdict: verdict, warnings: allWarnings)
    }

    /// One line for the terminal: the measured fingerprint and how it compares with the recorded one.
    public var summary: String {
        let measured = "fingerprint \(fingerprint) (\(Units.formatGrouped(Int(events))) events)"
        switch verdict {
        case .matches: return "\(measured): matches the recorded run"
        case .notRecorded: return "\(measured): none recorded in the scenario"
        case .differs(let expected, let expectedEvents):
            let recorded = "fingerprint \(expected)" + (expectedEvents.map { " (\(Units.formatGrouped(Int($0))) events)" } ?? "")
            return "fingerprint mismatch: expected \(recorded), got \(measured)"
        }
    }

    /// The run report followed by the scenario's actions and the fingerprint check.
    public var text: String {
        var out = ["Scenario: \(scenario.name)" + (scenario.description.isEmpty ? "" : " — \(scenario.description)")]
        if !scenario.actions.isEmpty {
            out.append("Actions: " + scenario.actions.map(\.description).joined(separator: " · "))
        }
        out.append("")
        out.append(report.text)
        out.append(summary)
        return out.joined(separator: "\n")
    }

    /// The `sdw run --json` report with a `scenario` object: name, source, actions, and the fingerprint check.
    public var json: JSONValue {
        let check: String
        switch verdict {
        case .matches: check = "matches"
        case .differs: check = "differs"
        case .notRecorded: check = "not_recorded"
        }
        var expected: JSONValue = .null
        if let fingerprint = scenario.fingerprint { expected = .string(fingerprint) }
        let scenarioObject: JSONValue = .object([
            ("name", .string(scenario.name)),
            ("source", .string(scenario.source)),
            ("actions", .array(scenario.actions.map { .string($0.description) })),
            ("expected_fingerprint", expected),
            ("expected_events", scenario.events.map { .uint($0) } ?? .null),
            ("check", .string(check)),
        ])
        guard case .object(var pairs) = report.json else { return report.json }
        pairs.append(("scenario", scenarioObject))
        return .object(pairs)
    }
}
