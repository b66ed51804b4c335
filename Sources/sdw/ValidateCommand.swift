import ArgumentParser
import Model
import Analysis

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check design files; exit 0 when all are valid, 1 otherwise.",
        discussion: "Errors and warnings name file:line:column. A valid but unstable design gets a warning naming the bottleneck."
    )

    @Argument(help: "Design files to check.")
    var files: [String]

    func run() throws {
        var failed = 0
        for file in files {
            do {
                let (design, diagnostics) = try DesignParser.load(path: file)
                for diagnostic in diagnostics { Console.error(diagnostic.description) }
                for warning in NetworkAnalyzer.warnings(for: design) {
                    Console.error("\(file): warning: \(warning)")
                }
                print("ok  \(file)  \(design.name) (\(design.components.count) components)")
            } catch let error as DesignLoadError {
                for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
                print("bad \(file)  \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")")
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }
}
