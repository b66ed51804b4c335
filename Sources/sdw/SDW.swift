import ArgumentParser
import Foundation
import Model
import Workbench

struct SDW: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdw",
        abstract: "System Design Workbench: compose architectures and run them on a deterministic simulator.",
        discussion: """
        With no command (or just a file), sdw opens the interactive workbench on Designs/web-tier.yaml (or the file).
        `sdw run FILE` simulates headless and prints a report; `sdw analyze FILE` prints the theory, `sdw sweep FILE --rate 1k..20k`
        charts load against latency, `sdw estimate --dau 500M …` does the back-of-the-envelope math, and
        `sdw export FILE --format F` shares a design as a diagram or report; `sdw replay SCENARIO` replays a recorded
        scenario (`--check` verifies its fingerprint). Design and scenario files are YAML; see docs/FORMAT.md.
        """,
        version: "0.1.0",
        subcommands: [OpenCommand.self, RunCommand.self, ValidateCommand.self, BlocksCommand.self,
                      AnalyzeCommand.self, EstimateCommand.self, SweepCommand.self, ExportCommand.self, NotesCommand.self,
                      ReplayCommand.self],
        defaultSubcommand: OpenCommand.self
    )
}

/// A message for the user and exit status 1, without a stack of decoding details.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

enum DesignLocator {
    /// Designs/web-tier.yaml in the working directory, or beside the executable's checkout.
    static func defaultDesign() -> String? {
        let name = "Designs/web-tier.yaml"
        var candidates = [FileManager.default.currentDirectoryPath]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(directory.path)
            directory.deleteLastPathComponent()
        }
        for candidate in candidates {
            let path = (candidate as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                return candidate == FileManager.default.currentDirectoryPath ? name : path
            }
        }
        return nil
    }
}

/// Prints diagnostics to stderr and loads a design (with its warnings), or throws ExitCode.failure.
func loadDesign(_ path: String) throws -> (Design, [Diagnostic]) {
    do {
        let (design, diagnostics) = try DesignParser.load(path: path)
        for diagnostic in diagnostics { Console.error(diagnostic.description) }
        return (design, diagnostics)
    } catch let error as DesignLoadError {
        // A scenario given where a design is expected: say so instead of listing its keys as errors.
        if ScenarioFiles.isScenario(path) {
            Console.error("\(path): this is a scenario (sdw_scenario), not a design; replay it with: sdw replay \(path)")
            throw ExitCode.failure
        }
        for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
        throw ExitCode.failure
    }
}

enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
