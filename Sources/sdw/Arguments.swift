import ArgumentParser
import Model

/// `--duration 60s` (a bare number is seconds).
struct DurationArgument: ExpressibleByArgument {
    var seconds: Double
    init?(argument: String) {
        guard let value = Units.parseDuration(argument), value.isFinite else { return nil }
        seconds = value
    }
    static var defaultCompletionKind: CompletionKind { .default }
}

/// `--rate 10k` (per second).
struct RateArgument: ExpressibleByArgument {
    var perSecond: Double
    init?(argument: String) {
        guard let value = Units.parseRate(argument) else { return nil }
        perSecond = value
    }
}
