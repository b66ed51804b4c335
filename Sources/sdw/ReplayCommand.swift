import ArgumentParser
import Foundation
import Model
import Reporting

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded scenario headless and print its report and fingerprint.",
        discussion: """
        A scenario (Scenarios/*.yaml, see docs/FORMAT.md) is a design, a seed, a failure timeline and the user's
        actions at their simulated times. Replaying it gives the same run on every machine.
        Exit status: 0 ok; 1 invalid scenario or (with --check) a fingerprint that differs; 64 bad flags.

        Examples:
          sdw replay Scenarios/retry-storm.yaml
          sdw replay Scenarios/retry-storm.yaml --check
          sdw replay Scenarios/my-run.yaml --record-fingerprint
        """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Flag(help: "Print the report as JSON (see docs/FORMAT.md), with a 'scenario' object.")
    var json = false

    @Flag(help: "Verify the fingerprint recorded in the scenario; exit 1 if the run differs.")
    var check = false

    @Flag(help: "Replay even if the design file's SHA-256 differs from the one the scenario pins (with a warning).")
    var allowChangedDesign = false

    @Flag(help: "Write the measured fingerprint and event count into the scenario file (atomically; nothing else changes).")
    var recordFingerprint = false

    func validate() throws {
        if check && recordFingerprint {
            throw ValidationError("--check and --record-fingerprint exclude each other: check a recorded fingerprint, or record a new one")
        }
    }

    func run() throws {
        let scenario: Scenario
        let diagnostics: [Diagnostic]
        do {
            (scenario, diagnostics) = try ScenarioParser.load(path: file, allowChangedDesign: allowChangedDesign)
        } catch let error as DesignLoadError {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            throw ExitCode.failure
        }
        for diagnostic in diagnostics { Console.error(diagnostic.description) }
        let replay: Replay
        do {
            replay = try Replay.run(scenario, warnings: diagnostics.filter { $0.severity == .warning }.map(\.description))
        } catch {
            Console.error("\(file): cannot run the scenario: \(error)")
            throw ExitCode.failure
        }
        print(json ? replay.json.rendered() : replay.text)

        if recordFingerprint {
            do {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                let updated = try ScenarioWriter.recording(fingerprint: replay.fingerprint, events: replay.events, in: text)
                try AtomicFile.write(updated, to: file)
                Console.error("recorded fingerprint \(replay.fingerprint) (\(replay.events) events) in \(file)")
            } catch {
                Console.error("\(file): could not record the fingerprint: \(error)")
                throw ExitCode.failure
            }
            return
        }
        switch replay.verdict {
        case .matches:
            break
        case .differs:
            Console.error("\(file): \(replay.summary)")
            if check {
                Console.error("the engine's behaviour (or the design) changed since the scenario was recorded; if that is intended, "
                    + "re-record with 'sdw replay \(file) --record-fingerprint'")
                throw ExitCode.failure
            }
        case .notRecorded:
            if check {
                Console.error("\(file): no fingerprint recorded to check; record one with 'sdw replay \(file) --record-fingerprint'")
                throw ExitCode.failure
            }
        }
    }
}
