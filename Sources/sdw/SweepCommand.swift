import ArgumentParser
import Model
import SimCore
import Reporting

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a design at many loads (or parameter values) in parallel and chart throughput and latency against theory.",
        discussion: """
        Each point is an independent simulation with the same seed; points run in parallel on all cores.
        The chart overlays theory where the model applies: the "hockey stick" of p99 as utilisation nears 1.
        Parameters use the inspector's names: COMPONENT.instances, .workers, .queue_capacity, .service_time (its mean).

        Examples:
          sdw sweep Designs/validation/mm1-rho095.yaml --rate 100..990 --steps 12 --duration 60s
          sdw sweep Designs/web-tier.yaml --param web.instances=1..8 --rate 3k --duration 20s
          sdw sweep Designs/web-tier.yaml --rate 1k..5k --steps 5 --csv
        """
    )

    @Argument(help: "The design file (YAML).")
    var file: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Offered rates to sweep, FROM..TO (e.g. 1k..20k); one rate when sweeping --param.", valueName: "range"))
    var rate: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("A component parameter to sweep, COMPONENT.KEY=FROM..TO (e.g. web.instances=2..16).", valueName: "range"))
    var param: String?

    @Option(parsing: .unconditional, help: "Points in the range, 2 to 200 (whole-number parameters take each value at most once).")
    var steps = 10

    @Option(parsing: .unconditional, help: ArgumentHelp("Simulated time per point, e.g. 30s (default: the design's).", valueName: "duration"))
    var duration: DurationArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start of each run to discard, e.g. 5s.", valueName: "duration"))
    var warmup: DurationArgument?

    @Option(parsing: .unconditional, help: "Seed for every point (default: the design's seed).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Width of the charts' plot area in columns.")
    var width = 60

    @Flag(help: "Print the points and the theory curve as JSON.")
    var json = false

    @Flag(help: "Print the points as CSV.")
    var csv = false

    @Flag(help: "Draw the charts with ASCII characters only.")
    var ascii = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let duration, !(duration.seconds > 0) { throw ValidationError("--duration must be greater than 0") }
        if let warmup, warmup.seconds < 0 { throw ValidationError("--warmup must be 0 or more") }
        guard (20...400).contains(width) else { throw ValidationError("--width must be between 20 and 400 (got \(width))") }
        guard (2...SweepPlan.maxSteps).contains(steps) else {
            throw ValidationError("--steps must be between 2 and \(SweepPlan.maxSteps) (got \(steps))")
        }
        if rate == nil && param == nil { throw ValidationError("say what to sweep: --rate 1k..20k, or --param web.instances=2..16") }
        // The ranges are checked against the design here, so mistakes print this command's usage; an unreadable
        // design is reported by run().
        if let (design, _) = try? DesignParser.load(path: file) { _ = try plan(for: design) }
    }

    func plan(for design: Design) throws -> SweepPlan {
        let options = RunOptions(design: design, seed: seed, durationS: duration?.seconds, warmupS: warmup?.seconds)
        do { try options.validate() } catch { throw ValidationError("\(error)") }
        do {
            return try SweepPlan(design: design, rate: rate, parameter: param, steps: steps, options: options)
        } catch let error as SweepError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let (design, _) = try loadDesign(file)
        let plan = try plan(for: design)
        let options = plan.options
        if Console.stderrIsTerminal, !json, !csv {
            Console.error("simulating \(plan.values.count) points of \(Units.formatDuration(options.durationS)) each…")
        }
        let result = try Sweep.run(plan)
        if json { print(result.json.rendered()) } else if csv { print(result.csv) } else { print(result.text(ascii: ascii, chartWidth: width)) }
    }
}
