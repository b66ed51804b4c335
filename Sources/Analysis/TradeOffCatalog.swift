import Foundation
import Model

/// The trade-off notes shipped with sdw (`Sources/Analysis/TradeOffs/*.yaml`, one file per area), with lookups by
/// id, block kind, parameter value and text, and the checklist of seed topics the notes must cover.
public struct TradeOffCatalog: Sendable {
    /// The block kinds an `applies_to` entry may name; `call` and `workload` scope call and workload settings.
    public static let blockKinds = TradeOffParser.blockKinds
    public static let otherScopes = TradeOffParser.otherScopes
    /// The checklist file in the same folder; files starting with `_` are not areas.
    public static let seedTopicsFile = "_seed-topics.yaml"

    /// Areas in file-name order, notes in file order.
    public let areas: [TradeOffArea]
    public let seedTopics: [SeedTopic]
    /// Warnings (a checklist topic no note covers); errors are thrown instead.
    public let diagnostics: [Diagnostic]
    /// Every note, area by area (kept, not rebuilt per lookup: the workbench asks every frame).
    public let notes: [TradeOffNote]

    init(areas: [TradeOffArea], seedTopics: [SeedTopic], diagnostics: [Diagnostic]) {
        self.areas = areas
        self.seedTopics = seedTopics
        self.diagnostics = diagnostics
        notes = areas.flatMap(\.notes)
    }

    /// The catalogue bundled as a resource of the Analysis target.
    public static func load() throws -> TradeOffCatalog {
        guard let directory = bundledDirectory() else {
            throw TradeOffLoadError([Diagnostic(.error, at: nil, "the TradeOffs resource folder is missing from the Analysis bundle")])
        }
        return try load(directory: directory)
    }

    static func bundledDirectory() -> URL? {
        if let url = Bundle.module.url(forResource: "TradeOffs", withExtension: nil) { return url }
        let fallback = Bundle.module.bundleURL.appendingPathComponent("TradeOffs")
        return FileManager.default.fileExists(atPath: fallback.path) ? fallback : nil
    }

    /// Loads every `*.yaml` in a folder; throws every error found, each at `file:line:column`.
    public static func load(directory: URL) throws -> TradeOffCatalog {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var diagnostics: [Diagnostic] = []
        var areas: [TradeOffArea] = []
        var seedTopics: [SeedTopic] = []
        for name in names.sorted() where name.hasSuffix(".yaml") {
            let path = directory.appendingPathComponent(name).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), "cannot be read as UTF-8 text"))
                continue
            }
            let parser = TradeOffParser(file: path)
            if name == seedTopicsFile {
                seedTopics = parser.seedTopics(text)
            } else if !name.hasPrefix("_") {
                if let area = parser.area(text, id: String(name.dropLast(".yaml".count))) { areas.append(area) }
            }
            diagnostics += parser.reader.diagnostics
        }
        if areas.isEmpty, diagnostics.isEmpty {
            diagnostics.append(Diagnostic(.error, at: nil, "\(directory.path): no trade-off files (*.yaml) found"))
        }
        diagnostics += crossReferences(areas: areas, seedTopics: seedTopics)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw TradeOffLoadError(errors) }
        return TradeOffCatalog(areas: areas, seedTopics: seedTopics, diagnostics: diagnostics)
    }

    /// Duplicate ids, `see_also` naming no note, topics missing from the checklist, checklist topics nobody covers.
    static func crossReferences(areas: [TradeOffArea], seedTopics: [SeedTopic]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [String: TradeOffNote] = [:]
        let notes = areas.flatMap(\.notes)
        for note in notes {
            if let first = seen[note.id] {
                diagnostics.append(Diagnostic(.error, at: note.location,
                                              "note id '\(note.id)' is used twice (first at \(first.location?.description ?? first.area))"))
            } else {
                seen[note.id] = note
            }
        }
        let ids = notes.map(\.id)
        var checklist: [String: SeedTopic] = [:]
        for topic in seedTopics {
            if checklist[topic.topic] != nil {
                diagnostics.append(Diagnostic(.error, at: topic.location, "seed topic '\(topic.topic)' is listed twice"))
            }
            checklist[topic.topic] = topic
        }
        let topicNames = seedTopics.map(\.topic)
        for note in notes {
            for target in note.seeAlso where seen[target] == nil {
                diagnostics.append(Diagnostic(.error, at: note.location,
                                              "note '\(note.id)': see_also '\(target)' is not a note id\(Suggest.didYouMean(target, ids))"))
            }
            for topic in note.topics where checklist[topic] == nil {
                diagnostics.append(Diagnostic(.error, at: note.location,
                                              "note '\(note.id)': topic '\(topic)' is not in \(seedTopicsFile)\(Suggest.didYouMean(topic, topicNames))"))
            }
        }
        let covered = Set(notes.flatMap(\.topics))
        for topic in seedTopics where !covered.contains(topic.topic) {
            diagnostics.append(Diagnostic(.warning, at: topic.location, "seed topic '\(topic.topic)' (\(topic.from)) is covered by no note"))
        }
        return diagnostics
    }

    // MARK: Lookups

    public func note(id: String) -> TradeOffNote? { notes.first { $0.id == id } }

    /// Notes for a block kind (`cache`), including those about one of its parameters (`cache.strategy=…`).
    public func notes(forKind kind: String) -> [TradeOffNote] { notes.filter { $0.applies(toKind: kind) } }

    /// Notes about one value of a parameter (`cache.strategy`, `write_behind`), then those about the parameter as a whole.
    public func notes(forKey key: String, value: String) -> [TradeOffNote] {
        let exact = notes.filter { $0.appliesTo.contains("\(key)=\(value)") }
        let general = notes.filter { note in note.appliesTo.contains(key) && !exact.contains { $0.id == note.id } }
        return exact + general
    }

    /// Checklist topics that no note covers.
    public var uncoveredTopics: [SeedTopic] {
        let covered = Set(notes.flatMap(\.topics))
        return seedTopics.filter { !covered.contains($0.topic) }
    }

    /// Notes containing every word of `text` (case-insensitive), those matching in the id or title first.
    public func search(_ text: String) -> [TradeOffNote] {
        let words = text.lowercased().split { $0.isWhitespace }.map(String.init)
        guard !words.isEmpty else { return [] }
        var scored: [(note: TradeOffNote, score: Int, order: Int)] = []
        for (order, note) in notes.enumerated() {
            let heading = (note.id + " " + note.title).lowercased()
            let body = ([note.area, note.gain, note.cost, note.chooseWhen] + note.appliesTo + note.topics
                        + note.numbers.flatMap { [$0.value, $0.what, $0.source] }).joined(separator: " ").lowercased()
            guard words.allSatisfy({ heading.contains($0) || body.contains($0) }) else { continue }
            scored.append((note, words.filter { heading.contains($0) }.count, order))
        }
        return scored.sorted { ($0.score, -$0.order) > ($1.score, -$1.order) }.map(\.note)
    }

    /// What `sdw notes QUERY` shows: a note id, a kind or key (`cache`, `cache.strategy`), `kind.key=value`, or words.
    public func lookup(_ query: String) -> [TradeOffNote] {
        let query = query.trimmingCharacters(in: .whitespaces)
        if let note = note(id: query) { return [note] }
        if let equals = query.firstIndex(of: "="), !query.contains(" ") {
            return notes(forKey: String(query[..<equals]), value: String(query[query.index(after: equals)...]))
        }
        let scope = String(query.prefix { $0 != "." })
        if !query.contains(" "), (Self.blockKinds + Self.otherScopes).contains(scope) {
            let matches = notes(forKind: query)
            if !matches.isEmpty { return matches }
        }
        return search(query)
    }
}
