import Foundation
import Model

/// Reads the catalogue's YAML files with Model's `YAMLReader`, so a broken file reports `file:line:column: message`.
struct TradeOffParser {
    /// Scopes an `applies_to` entry may start with: the block kinds, and the call and workload settings.
    static let blockKinds = ["service", "load_balancer", "cache", "queue", "topic", "database", "cdn", "rate_limiter", "api_gateway"]
    static let otherScopes = ["call", "workload"]
    static let noteKeys = ["id", "title", "applies_to", "gain", "cost", "choose_when", "numbers", "see_also", "topics"]

    let reader: YAMLReader

    init(file: String) { reader = YAMLReader(file: file) }

    /// One area file: `area: Title` and `notes: [...]`.
    func area(_ text: String, id: String) -> TradeOffArea? {
        guard let root = reader.compose(text), let file = reader.mapping(root, "a trade-off file") else { return nil }
        let title = file.require("area", hint: "the area's title, e.g. 'area: Caching'").flatMap { reader.text($0, "area") }
        var notes: [TradeOffNote] = []
        if let list = file.require("notes", hint: "a list of notes").flatMap({ reader.sequence($0, "notes") }) {
            notes = list.compactMap { item in reader.mapping(item, "a note").flatMap { note($0, area: id) } }
        }
        file.finish(valid: ["area", "notes"])
        guard let title else { return nil }
        return TradeOffArea(id: id, title: title, notes: notes)
    }

    /// The checklist file: `topics: [{topic, from}, ...]`.
    func seedTopics(_ text: String) -> [SeedTopic] {
        guard let root = reader.compose(text), let file = reader.mapping(root, "the seed topic checklist") else { return [] }
        var topics: [SeedTopic] = []
        if let list = file.require("topics", hint: "a list of {topic, from}").flatMap({ reader.sequence($0, "topics") }) {
            for item in list {
                guard let entry = reader.mapping(item, "a seed topic") else { continue }
                let topic = entry.require("topic", hint: "a lowercase-hyphenated id").flatMap { identifier($0, "topic") }
                let from = entry.require("from", hint: "where in the seeds it comes from").flatMap { reader.text($0, "from") }
                entry.finish(valid: ["topic", "from"])
                if let topic, let from { topics.append(SeedTopic(topic: topic, from: from, location: entry.location)) }
            }
        }
        file.finish(valid: ["topics"])
        return topics
    }

    private func note(_ note: KeyedNode, area: String) -> TradeOffNote? {
        let id = note.require("id", hint: "a lowercase-hyphenated id such as cache-aside").flatMap { identifier($0, "id") }
        let what = id.map { "note '\($0)'" } ?? "the note"
        let title = note.require("title", hint: "a short title").flatMap { reader.text($0, "\(what): title") }
        let appliesTo = note.require("applies_to", hint: "block kinds or keys, e.g. [cache, cache.strategy=write_behind]")
            .flatMap { scopes($0, what) }
        let gain = note.require("gain", hint: "what the choice buys").flatMap { reader.text($0, "\(what): gain") }
        let cost = note.require("cost", hint: "what it costs").flatMap { reader.text($0, "\(what): cost") }
        let chooseWhen = note.require("choose_when", hint: "when to pick it").flatMap { reader.text($0, "\(what): choose_when") }
        let numbers = note.take("numbers").map { figures($0, what) } ?? []
        let seeAlso = note.take("see_also").flatMap { reader.strings($0, "\(what): see_also") } ?? []
        let topics = note.require("topics", hint: "the seed topics it covers").flatMap { reader.strings($0, "\(what): topics") }
        note.finish(valid: Self.noteKeys)
        guard let id, let title, let appliesTo, let gain, let cost, let chooseWhen, let topics else { return nil }
        if topics.isEmpty { reader.error(at: note.location, "\(what): topics must name at least one seed topic") }
        return TradeOffNote(id: id, title: title, area: area, appliesTo: appliesTo, gain: gain, cost: cost, chooseWhen: chooseWhen,
                            numbers: numbers, seeAlso: seeAlso.map(\.text), topics: topics.map(\.text), location: note.location)
    }

    private func figures(_ node: YAMLNode, _ what: String) -> [TradeOffNumber] {
        guard let items = reader.sequence(node, "\(what): numbers") else { return [] }
        return items.compactMap { item in
            guard let number = reader.mapping(item, "\(what): a number") else { return nil }
            let value = number.require("value", hint: "the figure").flatMap { reader.text($0, "\(what): value") }
            let meaning = number.require("what", hint: "what the figure measures").flatMap { reader.text($0, "\(what): what") }
            let source = number.require("source", hint: "a named publication with its year, or 'seed: FILE'")
                .flatMap { reader.text($0, "\(what): source") }
            number.finish(valid: ["value", "what", "source"])
            guard let value, let meaning, let source else { return nil }
            return TradeOffNumber(value: value, what: meaning, source: source)
        }
    }

    /// `kind`, `kind.key` or `kind.key=value`, where kind is a block kind or `call`/`workload`.
    private func scopes(_ node: YAMLNode, _ what: String) -> [String]? {
        guard let entries = reader.strings(node, "\(what): applies_to") else { return nil }
        if entries.isEmpty { reader.error(node, "\(what): applies_to must name at least one block kind or key") }
        let valid = Self.blockKinds + Self.otherScopes
        for (entry, location) in entries {
            let scope = String(entry.prefix { $0 != "." && $0 != "=" })
            guard valid.contains(scope) else {
                reader.error(at: location, "\(what): applies_to '\(entry)' starts with unknown kind '\(scope)'"
                             + "\(Suggest.didYouMean(scope, valid)); valid: \(valid.joined(separator: ", "))")
                continue
            }
            let rest = entry.dropFirst(scope.count)
            let parts = rest.split(separator: "=", omittingEmptySubsequences: false)
            let wellFormed = rest.isEmpty || (rest.hasPrefix(".") && parts.count <= 2
                && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "." } })
            if !wellFormed {
                reader.error(at: location, "\(what): applies_to '\(entry)' must be 'kind', 'kind.key' or 'kind.key=value' "
                             + "in lowercase_with_underscores")
            }
        }
        return entries.map(\.text)
    }

    private func identifier(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = reader.text(node, what) else { return nil }
        guard text.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), text.first?.isLetter == true else {
            reader.error(node, "\(what) '\(text)' must be lowercase letters, digits and hyphens, starting with a letter")
            return nil
        }
        return text
    }
}
