import ArgumentParser
import Foundation
import Model
import SimCore
import Reporting

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a design headless and print its report.",
        discussion: """
        Examples:
          sdw run Designs/web-tier.yaml
          sdw run Designs/web-tier.yaml --rate 3k --duration 5m --seed 7
          sdw run Designs/validation/mm1-rho095.yaml --replications 8 --json
        """
    )

    @Argument(help: "The design file (YAML).")
    var file: String

    @Option(parsing: .unconditional, help: "Seed for the random streams (default: the design's seed).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: ArgumentHelp("Simulated time, e.g. 60s, 5m (a bare number is seconds).", valueName: "duration"))
    var duration: DurationArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start of the run to discard, e.g. 10s.", valueName: "duration"))
    var warmup: DurationArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Offered requests per second, e.g. 950, 10k, 1.5M.", valueName: "rate"))
    var rate: RateArgument?

    @Option(parsing: .unconditional, help: "Independent replications, run in parallel; the CI is then taken across them.")
    var replications: Int = 1

    @Flag(help: "Print the report as JSON (see docs/FORMAT.md).")
    var json = false

    func validate() throws {
        guard replications >= 1, replications <= 10_000 else {
            throw ValidationError("--replications must be between 1 and 10000 (got \(replications))")
        }
        if let duration, !(duration.seconds > 0) { throw ValidationError("--duration must be greater than 0") }
        if let warmup, warmup.seconds < 0 { throw ValidationError("--warmup must be 0 or more") }
        if let rate, !(rate.perSecond > 0) { throw ValidationError("--rate must be greater than 0") }
    }

    func run() throws {
        let (design, diagnostics) = try loadDesign(file)
        let options = RunOptions(design: design, seed: seed, durationS: duration?.seconds, warmupS: warmup?.seconds,
                                 rateRPS: rate?.perSecond)
        // Flags that clash with the design's own settings (a warm-up past its duration): the message, then `sdw run`'s usage.
        do { try options.validate() } catch {
            Console.error("Error: \(error) (--duration and --warmup override the design's simulation settings)")
            Console.error("Usage: sdw " + RunCommand.usageString())
            throw ExitCode(64)
        }
        let showProgress = Console.stderrIsTerminal
        var printed = false
        let report = try Runner.run(design: design, options: options, replications: replications,
                                    warnings: diagnostics.map(\.description)) { progress in
            // Quiet for the first second: short runs print nothing but their report.
            guard showProgress, progress.wallS >= 1 else { return }
            let rate = Double(progress.events) / progress.wallS
            let remaining = progress.simulatedS > 0 ? progress.wallS * (progress.targetS / progress.simulatedS - 1) : 0
            let line = String(format: "\r\u{1B}[2Ksimulating %@ / %@ · %@ events/s · ETA %.0fs",
                              Units.formatDuration(progress.simulatedS), Units.formatDuration(progress.targetS),
                              Units.formatRate(rate), remaining)
            FileHandle.standardError.write(Data(line.utf8))
            printed = true
        }
        if printed { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        print(json ? report.json.rendered() : report.text)
    }
}
