import ArgumentParser
import Model
import Analysis
import Reporting

struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Back-of-the-envelope estimate: QPS, bandwidth, storage, cache and servers, every step with its formula.",
        discussion: """
        Counts accept k, M, B (billion) and T: 500M, 1.5B. Sizes are SI (1KB = 1,000 bytes); KiB, MiB are binary.

        Examples:
          sdw estimate --dau 500M --reads-per-user 100 --writes-per-user 2 --payload 1KB
          sdw estimate --dau 10M --reads-per-user 20 --writes-per-user 1 --payload 300B --read-payload 5KB \\
                       --peak-factor 3 --retention 10 --replication 3 --server-qps 2k --json
        """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Daily active users, e.g. 500M.", valueName: "count"))
    var dau: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Reads per user per day.", valueName: "count"))
    var readsPerUser = "0"

    @Option(parsing: .unconditional, help: ArgumentHelp("Writes per user per day.", valueName: "count"))
    var writesPerUser = "0"

    @Option(parsing: .unconditional, help: ArgumentHelp("Bytes stored per write, e.g. 1KB.", valueName: "size"))
    var payload: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Bytes returned per read (default: the write payload).", valueName: "size"))
    var readPayload: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Peak rate ÷ average rate.", valueName: "factor"))
    var peakFactor = "2"

    @Option(parsing: .unconditional, help: ArgumentHelp("Years of data kept.", valueName: "years"))
    var retention = "5"

    @Option(parsing: .unconditional, help: ArgumentHelp("Copies of each byte stored.", valueName: "copies"))
    var replication = "1"

    @Option(parsing: .unconditional, help: ArgumentHelp("Share of a day's reads to keep in cache, e.g. 20%.", valueName: "fraction"))
    var hot = "20%"

    @Option(parsing: .unconditional, help: ArgumentHelp("Requests per second one server handles, e.g. 1k.", valueName: "rate"))
    var serverQps = "1k"

    @Flag(help: "Print the estimate as JSON.")
    var json = false

    func inputs() throws -> EnvelopeInputs {
        let inputs = EnvelopeInputs(
            dailyActiveUsers: try CLIParse.count(dau, option: "--dau"),
            readsPerUser: try CLIParse.count(readsPerUser, option: "--reads-per-user"),
            writesPerUser: try CLIParse.count(writesPerUser, option: "--writes-per-user"),
            writePayloadBytes: try CLIParse.bytes(payload, option: "--payload"),
            readPayloadBytes: try readPayload.map { try CLIParse.bytes($0, option: "--read-payload") },
            peakFactor: try CLIParse.number(peakFactor, option: "--peak-factor"),
            retentionYears: try CLIParse.number(retention.hasSuffix("y") ? String(retention.dropLast()) : retention, option: "--retention"),
            replication: try CLIParse.number(replication, option: "--replication"),
            hotFraction: try CLIParse.fraction(hot, option: "--hot"),
            serverCapacityQPS: try CLIParse.rate(serverQps, option: "--server-qps"))
        if let problem = inputs.problem { throw ValidationError(problem) }
        return inputs
    }

    func validate() throws { _ = try inputs() }

    func run() throws {
        let inputs = try inputs()
        let steps = Envelope.estimate(inputs)
        print(json ? EnvelopeReport.json(inputs, steps: steps).rendered() : EnvelopeReport.text(inputs, steps: steps))
    }
}
