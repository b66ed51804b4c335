import Model

/// A figure quoted in a trade-off note, always with where it comes from.
public struct TradeOffNumber: Sendable, Equatable {
    /// The figure as written ("p99.9 1,800 ms → 74 ms").
    public var value: String
    /// What it measures or shows.
    public var what: String
    /// A named publication, document or book with its year, or "seed: FILE" for the seed documents.
    public var source: String

    public init(value: String, what: String, source: String) {
        self.value = value
        self.what = what
        self.source = source
    }
}

/// One trade-off a learner should know: what a choice gains, what it costs, and when to make it.
public struct TradeOffNote: Sendable, Equatable {
    public var id: String
    public var title: String
    /// The file stem of the area it belongs to ("caching").
    public var area: String
    /// Block kinds (`cache`) and parameter or strategy keys (`cache.strategy=write_behind`, `call.retries`).
    public var appliesTo: [String]
    public var gain: String
    public var cost: String
    public var chooseWhen: String
    public var numbers: [TradeOffNumber]
    public var seeAlso: [String]
    /// Topic ids from the seed checklist (`_seed-topics.yaml`) that this note covers.
    public var topics: [String]
    public var location: SourceLocation?

    public init(id: String, title: String, area: String, appliesTo: [String], gain: String, cost: String, chooseWhen: String,
                numbers: [TradeOffNumber] = [], seeAlso: [String] = [], topics: [String], location: SourceLocation? = nil) {
        self.id = id
        self.title = title
        self.area = area
        self.appliesTo = appliesTo
        self.gain = gain
        self.cost = cost
        self.chooseWhen = chooseWhen
        self.numbers = numbers
        self.seeAlso = seeAlso
        self.topics = topics
        self.location = location
    }

    /// Whether the note applies to a block kind or scope (`cache`), directly or through one of its keys.
    public func applies(toKind kind: String) -> Bool {
        appliesTo.contains { $0 == kind || $0.hasPrefix(kind + ".") || $0.hasPrefix(kind + "=") }
    }
}

/// One area of the catalogue: a data file and its notes, in file order.
public struct TradeOffArea: Sendable, Equatable {
    /// The file stem ("load-balancing").
    public var id: String
    public var title: String
    public var notes: [TradeOffNote]
}

/// A topic extracted from the seed documents, which some note must cover.
public struct SeedTopic: Sendable, Equatable {
    public var topic: String
    /// Where in the seeds it was found ("seed 000 › Caching Strategies › Write-Through").
    public var from: String
    public var location: SourceLocation?
}

/// Every problem found while loading the catalogue, each at `file:line:column`.
public struct TradeOffLoadError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
