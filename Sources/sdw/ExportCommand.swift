import ArgumentParser
import Foundation
import Export
import Model
import Reporting
import SimCore

extension ExportFormat: ExpressibleByArgument {}

/// `sdw export FILE --format F [-o OUT]`: a design as a text diagram, a Markdown report, Mermaid, D2, DOT or YAML.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a design as a text diagram, a Markdown report, Mermaid, D2, Graphviz DOT or canonical YAML.",
        discussion: """
        Prints to standard output, or writes OUT atomically with -o (never over the design file itself).
        Examples:
          sdw export Designs/web-tier.yaml --format text
          sdw export Designs/web-tier.yaml --format text --ascii
          sdw export Designs/web-tier.yaml --format markdown --with-run --duration 20s -o web-tier.md
          sdw export Designs/five-tier.yaml --format dot | dot -Tsvg > five-tier.svg
        """
    )

    @Argument(help: "The design file (YAML).")
    var file: String

    @Option(name: [.customShort("f"), .long], help: "The format: text, ascii, markdown, mermaid, d2, dot or yaml.")
    var format: ExportFormat

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write here instead of standard output.", valueName: "out"))
    var output: String?

    @Flag(help: "Text diagram in pure ASCII (+ - | > only), for places that mangle box-drawing characters.")
    var ascii = false

    @Flag(help: "Markdown only: simulate the design and add the results table.")
    var withRun = false

    @Option(help: "With --with-run: seed for the random streams (default: the design's seed).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("With --with-run: simulated time, e.g. 60s, 5m.", valueName: "duration"))
    var duration: DurationArgument?

    @Option(help: ArgumentHelp("With --with-run: start of the run to discard, e.g. 10s.", valueName: "duration"))
    var warmup: DurationArgument?

    func validate() throws {
        if ascii, format != .text, format != .ascii {
            throw ValidationError("--ascii goes with --format text (got --format \(format.rawValue))")
        }
        if withRun, format != .markdown { throw ValidationError("--with-run goes with --format markdown (got --format \(format.rawValue))") }
        if !withRun, seed != nil || duration != nil || warmup != nil {
            throw ValidationError("--seed, --duration and --warmup set up the run of --with-run; add --with-run")
        }
        if let duration, !(duration.seconds > 0) { throw ValidationError("--duration must be greater than 0") }
        if let warmup, warmup.seconds < 0 { throw ValidationError("--warmup must be 0 or more") }
        if let output, Self.samePath(output, file) {
            throw ValidationError("-o \(output) is the design file itself; choose another path (the yaml format would lose its comments)")
        }
    }

    func run() throws {
        let (design, diagnostics) = try loadDesign(file)
        var results: SimulatedResults?
        if withRun {
            let options = RunOptions(design: design, seed: seed, durationS: duration?.seconds, warmupS: warmup?.seconds, rateRPS: nil)
            do { try options.validate() } catch { throw ValidationError("\(error)") }
            let report = try Runner.run(design: design, options: options, warnings: diagnostics.map(\.description))
            results = Self.results(report)
        }
        let text = Exporter.render(design, as: ascii ? .ascii : format, results: results)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            throw CLIError("cannot write \(output): \(error.localizedDescription)")
        }
        Console.error("wrote \(output) (\(format.rawValue))")
    }

    /// The figures the Markdown report prints, taken from a finished run.
    static func results(_ report: RunReport) -> SimulatedResults {
        let hasLatency = report.latency.count > 0
        return SimulatedResults(
            seed: report.seed, durationS: report.durationS, warmupS: report.warmupS, offered: report.requests.offered,
            completed: report.requests.completed, errors: report.errorCount, throughputRPS: report.throughputRPS,
            latencyMeanS: hasLatency ? report.latency.mean : nil, latencyP50S: hasLatency ? report.latency.p50 : nil,
            latencyP99S: hasLatency ? report.latency.p99 : nil, fingerprint: report.fingerprint,
            components: report.components.map {
                SimulatedResults.ComponentRow(
                    id: $0.id, throughputRPS: $0.throughputRPS, utilization: $0.utilization, meanQueueLength: $0.meanQueueLength,
                    responseMeanS: $0.response.count > 0 ? $0.response.mean : nil,
                    responseP99S: $0.response.count > 0 ? $0.response.p99 : nil, rejected: $0.rejected, timedOut: $0.timedOut)
            })
    }

    /// Whether two paths name the same file (after `..`, symbolic links and relative parts are resolved).
    static func samePath(_ a: String, _ b: String) -> Bool {
        func resolved(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        return resolved(a) == resolved(b)
    }
}
