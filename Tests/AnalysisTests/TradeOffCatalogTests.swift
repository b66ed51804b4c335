import Foundation
import Model
import Testing
import Analysis

@Suite struct TradeOffCatalogTests {
    /// The kinds and scopes an `applies_to` entry may start with, written out here so that a new one is a decision.
    static let knownScopes: Set = ["service", "load_balancer", "cache", "queue", "topic", "database", "cdn", "rate_limiter",
                                   "api_gateway", "call", "workload"]
    static let seedFiles = ["000_03962cff3e9a93bf.txt", "001_a6fa0cd1cdd0bd36.txt"]

    let catalog: TradeOffCatalog

    init() throws { catalog = try TradeOffCatalog.load() }

    @Test func loadsWithoutDiagnostics() {
        #expect(catalog.diagnostics.isEmpty, "\(catalog.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(catalog.areas.count >= 12)
        #expect(catalog.notes.count >= 100)
        #expect(Set(catalog.notes.map(\.id)).count == catalog.notes.count, "note ids are unique")
    }

    @Test func everyNoteSaysGainCostAndWhenToChoose() {
        for note in catalog.notes {
            for (field, text) in [("title", note.title), ("gain", note.gain), ("cost", note.cost), ("choose_when", note.chooseWhen)] {
                #expect(!text.isEmpty, "\(note.id): \(field) is empty")
            }
            #expect(note.gain.count >= 60 && note.cost.count >= 60, "\(note.id): gain and cost should explain, not name")
            #expect(note.gain != note.cost)
            #expect(!note.appliesTo.isEmpty && !note.topics.isEmpty, "\(note.id)")
        }
    }

    @Test func everyNumberNamesItsSource() {
        let documentation = ["docs", "documentation", "Developer Guide", "User Guide", "Reference Manual", "wiki", "reference",
                             "specification", "OEIS", "Handbook", "REFERENCE.md"]
        for note in catalog.notes {
            for number in note.numbers {
                #expect(!number.value.isEmpty && !number.what.isEmpty, "\(note.id)")
                let source = number.source
                let hasYear = source.range(of: #"\b(19|20)\d\d\b"#, options: .regularExpression) != nil
                let fromSeed = source.contains("seed: ")
                let isArithmetic = source.hasPrefix("arithmetic")
                let isDocumentation = documentation.contains { source.contains($0) }
                #expect(hasYear || fromSeed || isArithmetic || isDocumentation,
                        "\(note.id): source '\(source)' names no publication year, seed file, documentation or arithmetic")
                // "seed: FILE" must name one of the two seed documents.
                var rest = Substring(source)
                while let range = rest.range(of: "seed: ") {
                    let file = rest[range.upperBound...].prefix { !$0.isWhitespace && $0 != ";" && $0 != "," && $0 != ")" }
                    #expect(Self.seedFiles.contains(String(file)), "\(note.id): '\(file)' is not a seed file")
                    rest = rest[range.upperBound...]
                }
            }
        }
    }

    @Test func seeAlsoNamesExistingNotes() {
        let ids = Set(catalog.notes.map(\.id))
        for note in catalog.notes {
            for target in note.seeAlso {
                if !ids.contains(target) { Issue.record("\(note.id): see_also '\(target)' does not exist") }
                #expect(target != note.id, "\(note.id) refers to itself")
            }
        }
    }

    @Test func appliesToUsesKnownKindsAndEveryKindHasNotes() {
        for note in catalog.notes {
            for entry in note.appliesTo {
                let scope = String(entry.prefix { $0 != "." && $0 != "=" })
                #expect(Self.knownScopes.contains(scope), "\(note.id): applies_to '\(entry)'")
            }
        }
        for kind in TradeOffCatalog.blockKinds {
            #expect(Self.knownScopes.contains(kind))
            #expect(catalog.notes(forKind: kind).count >= 2, "block kind \(kind) has too few notes")
        }
    }

    @Test func everySeedTopicIsCovered() {
        #expect(catalog.seedTopics.count >= 150)
        let covered = Set(catalog.notes.flatMap(\.topics))
        for topic in catalog.seedTopics {
            let isCovered = covered.contains(topic.topic)
            #expect(isCovered, "seed topic '\(topic.topic)' (\(topic.from)) is covered by no note")
        }
        #expect(catalog.uncoveredTopics.isEmpty)
        let listed = Set(catalog.seedTopics.map(\.topic))
        for note in catalog.notes {
            for topic in note.topics where !listed.contains(topic) {
                Issue.record("\(note.id): topic '\(topic)' is not in the checklist")
            }
        }
        // The issue names these; the checklist must keep them.
        for topic in ["cap-theorem", "pacelc", "consistency-models", "consistent-hashing", "leader-election", "gossip", "quorum",
                      "bloom-filter", "idempotency", "back-of-envelope", "latency-numbers", "cdn-push", "cdn-pull", "retry-storms",
                      "circuit-breaker", "token-bucket", "write-behind", "least-connections", "range-sharding", "read-your-writes",
                      "delivery-semantics", "backpressure", "sql-vs-nosql", "sync-communication"] {
            if !listed.contains(topic) { Issue.record("checklist lost '\(topic)'") }
        }
    }

    @Test func caseStudiesShowTheSeedAndThePublishedFigures() throws {
        for id in ["twitter-case-study", "uber-case-study", "netflix-case-study", "message-broker-choice", "indexes"] {
            let note = try #require(catalog.note(id: id))
            #expect(note.numbers.contains { $0.source.hasPrefix("seed: ") }, "\(id) lacks the seed's figure")
            #expect(note.numbers.contains { !$0.source.contains("seed: ") }, "\(id) lacks a published figure")
        }
    }

    @Test func lookupsFindTheRightNotes() throws {
        #expect(catalog.note(id: "write-behind")?.title == "Write-behind (write-back) cache")
        #expect(catalog.note(id: "no-such-note") == nil)
        #expect(catalog.notes(forKey: "cache.strategy", value: "write_behind").first?.id == "write-behind")
        #expect(catalog.notes(forKey: "load_balancer.algorithm", value: "least_connections").first?.id == "least-connections")
        #expect(catalog.notes(forKey: "database.sharding", value: "range").map(\.id).prefix(1) == ["range-sharding"])
        #expect(catalog.notes(forKey: "database.sharding", value: "range").contains { $0.id == "sharding-overview" },
                "notes about the parameter as a whole follow the exact ones")
        let cache = catalog.notes(forKind: "cache").map(\.id)
        #expect(cache.contains("cache-aside") && cache.contains("cache-stampede") && !cache.contains("round-robin"))
        #expect(catalog.search("retry storm").first?.id == "retry-storms")
        #expect(catalog.search("PACELC").first?.id == "pacelc")
        #expect(catalog.search("zzzz-not-a-word").isEmpty)
        #expect(catalog.lookup("call.retries").contains { $0.id == "retries-backoff" })
        #expect(catalog.lookup("circuit-breaker").map(\.id) == ["circuit-breaker"])
        #expect(catalog.lookup("rate_limiter.algorithm=token_bucket").first?.id == "token-bucket")
    }

    @Test func aBrokenFileIsReportedAtFileLineAndColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.yaml")
        try """
        area: Broken
        notes:
          - id: first-note
            title: A note
            applies_to: [cache, cahce.strategy=write_behind]
            gain: something gained
            choose_when: always
            numbers:
              - value: "1 ms"
                what: a figure
            see_also: [no-such-note]
            topics: [a-topic]
            colour: blue
        """.write(to: broken, atomically: true, encoding: .utf8)
        try "topics:\n  - { topic: a-topic, from: test }\n  - { topic: lonely, from: test }\n"
            .write(to: directory.appendingPathComponent("_seed-topics.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(throws: TradeOffLoadError.self) { try TradeOffCatalog.load(directory: directory) }
        let messages = error.diagnostics.map(\.description)
        let path = broken.path
        #expect(messages.contains { $0.hasPrefix("\(path):5:25: error:") && $0.contains("unknown kind 'cahce'") && $0.contains("did you mean 'cache'") },
                "\(messages)")
        #expect(messages.contains { $0.hasPrefix("\(path):3:5: error:") && $0.contains("missing 'cost'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("\(path):9:9: error:") && $0.contains("missing 'source'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("\(path):13:5: error:") && $0.contains("unknown key 'colour'") }, "\(messages)")

        let syntax = directory.appendingPathComponent("broken.yaml")
        try "area: Broken\nnotes:\n  - id: x\n   title: misaligned\n".write(to: syntax, atomically: true, encoding: .utf8)
        let syntaxError = try #require(throws: TradeOffLoadError.self) { try TradeOffCatalog.load(directory: directory) }
        #expect(syntaxError.diagnostics.first?.description.hasPrefix("\(path):4:") == true, "\(syntaxError)")
        #expect(syntaxError.diagnostics.first?.description.contains("YAML syntax") == true)
    }

    @Test func crossReferencesAreCheckedAcrossFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let note = """
          - id: same-id
            title: A note
            applies_to: [cache]
            gain: something gained
            cost: something paid
            choose_when: always
            see_also: [same-idd]
            topics: [a-topic, unlisted]

        """
        try ("area: One\nnotes:\n" + note).write(to: directory.appendingPathComponent("one.yaml"), atomically: true, encoding: .utf8)
        try ("area: Two\nnotes:\n" + note).write(to: directory.appendingPathComponent("two.yaml"), atomically: true, encoding: .utf8)
        try "topics:\n  - { topic: a-topic, from: test }\n"
            .write(to: directory.appendingPathComponent("_seed-topics.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(throws: TradeOffLoadError.self) { try TradeOffCatalog.load(directory: directory) }
        let messages = error.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("two.yaml:3:5: error: note id 'same-id' is used twice (first at ") && $0.contains("one.yaml:3:5") },
                "\(messages)")
        #expect(messages.contains { $0.contains("see_also 'same-idd' is not a note id (did you mean 'same-id'?)") })
        #expect(messages.contains { $0.contains("topic 'unlisted' is not in _seed-topics.yaml") })
    }
}
