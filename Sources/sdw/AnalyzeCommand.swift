import ArgumentParser
import Model
import Reporting

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print the closed-form analysis of a design: load, utilisation, queueing, capacity and cost.",
        discussion: """
        Per component: offered load λ, visits per request, utilisation ρ, and expected wait and response time
        (M/M/1, M/M/c Erlang C, M/G/1 Pollaczek–Khinchine, open Jackson network) where those models hold;
        where they do not, it says which assumption fails and marks the figures as approximate.
        Capacity: the bottleneck, the entry rate at which the design saturates, headroom, and how many
        instances each component needs for a target utilisation or a target p99.
        Warnings: design-level problems (saturation, single points of failure, deep sync chains, retries without
        backoff, missing timeouts, small caches, stale reads from replicas, rate limits, queues, hot shards,
        autoscaling), each with the reason, a suggestion and the trade-off note to read.

        Examples:
          sdw analyze Designs/web-tier.yaml
          sdw analyze Designs/validation/mm1-rho095.yaml --target-p99 50ms
          sdw analyze Designs/web-tier.yaml --rate 3k --target-utilization 60% --json
        """
    )

    @Argument(help: "The design file (YAML).")
    var file: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Offered requests per second, e.g. 950, 10k (default: the design's rate).", valueName: "rate"))
    var rate: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Utilisation to size instances for, e.g. 70% or 0.7.", valueName: "fraction"))
    var targetUtilization = "70%"

    @Option(parsing: .unconditional, help: ArgumentHelp("p99 of the time at each component to size instances for (Erlang C), e.g. 50ms.", valueName: "duration"))
    var targetP99: String?

    @Flag(help: "Print the analysis as JSON.")
    var json = false

    func parsed() throws -> (rateRPS: Double?, utilization: Double, p99S: Double?) {
        (try rate.map { try CLIParse.rate($0, option: "--rate") },
         try CLIParse.fraction(targetUtilization, option: "--target-utilization"),
         try targetP99.map { try CLIParse.duration($0, option: "--target-p99") })
    }

    func validate() throws { _ = try parsed() }

    func run() throws {
        let (rateRPS, utilization, p99) = try parsed()
        let (design, _) = try loadDesign(file)
        guard let report = AnalysisReport(design: design, rateRPS: rateRPS, targetUtilization: utilization, targetP99S: p99) else {
            throw CLIError("\(file): the traffic equations have no solution (requests loop back forever); no analysis is possible")
        }
        print(json ? report.json.rendered() : report.text)
    }
}

/// Parsing of option values with messages that say what to type instead.
enum CLIParse {
    static func rate(_ text: String, option: String) throws -> Double {
        guard let value = Units.parseRate(text), value > 0, value.isFinite else {
            throw ValidationError("\(option) '\(text)' is not a rate greater than 0 such as 950, 10k or 1.5M (per second)")
        }
        return value
    }

    static func duration(_ text: String, option: String) throws -> Double {
        guard let value = Units.parseDuration(text), value > 0, value.isFinite else {
            throw ValidationError("\(option) '\(text)' is not a duration greater than 0 such as 50ms or 2s")
        }
        return value
    }

    /// `70%` or `0.7`.
    static func fraction(_ text: String, option: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value = trimmed.hasSuffix("%") ? Double(trimmed.dropLast()).map { $0 / 100 } : Double(trimmed)
        guard let value, value > 0, value <= 1 else {
            throw ValidationError("\(option) '\(text)' is not a fraction in (0, 1] such as 70% or 0.7")
        }
        return value
    }

    static func count(_ text: String, option: String) throws -> Double {
        guard let value = Units.parseCount(text), value >= 0 else {
            throw ValidationError("\(option) '\(text)' is not a count such as 100, 2.5k, 500M or 1.5B")
        }
        return value
    }

    static func bytes(_ text: String, option: String) throws -> Double {
        guard let value = Units.parseBytes(text), value >= 0 else {
            throw ValidationError("\(option) '\(text)' is not a size such as 512B, 1KB, 2.5MB or 4KiB")
        }
        return value
    }

    static func number(_ text: String, option: String) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw ValidationError("\(option) '\(text)' is not a number")
        }
        return value
    }
}
