import Foundation
import Testing

/// `sdw notes` run as a user would: the index, one note, a parameter value, a text search, and a miss.
@Suite(.serialized) struct NotesCLITests {
    static func expectFitsIn80Columns(_ text: String) {
        for line in text.split(separator: "\n") {
            #expect(line.unicodeScalars.count <= 80, "line longer than 80 columns: \(line)")
        }
    }

    @Test func noQueryListsEveryNoteByArea() throws {
        let output = try CLI.run(["notes"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("Caching ("))
        for line in ["  write-behind", "Load balancing (", "Resilience (", "  pacelc"] {
            #expect(output.stdout.contains(line), "missing \(line)")
        }
        #expect(output.stdout.contains(" notes. `sdw notes QUERY` finds a note id, kind, kind.key=value or words."))
        Self.expectFitsIn80Columns(output.stdout)
    }

    @Test func aNoteIdPrintsTheWholeNoteWithSources() throws {
        let output = try CLI.run(["notes", "hedged-requests"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("hedged-requests — Hedged and backup requests\n  Resilience · applies to "))
        for heading in ["\n  Gain\n", "\n  Cost\n", "\n  Choose when\n", "\n  Numbers\n"] {
            #expect(output.stdout.contains(heading), "missing \(heading)")
        }
        #expect(output.stdout.contains("• p99.9 1,800 ms → 74 ms for ~2% more requests"))
        #expect(output.stdout.contains("source: Dean & Barroso, 'The Tail at Scale'"))
        Self.expectFitsIn80Columns(output.stdout)
    }

    @Test func aParameterValueFindsItsNoteFirst() throws {
        let output = try CLI.run(["notes", "load_balancer.algorithm=least_connections"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("least-connections — Least connections"))
        let brief = try CLI.run(["notes", "--brief", "cache.strategy=write_behind"])
        #expect(brief.stdout.hasPrefix("write-behind"))
        #expect(!brief.stdout.contains("Gain"))
    }

    @Test func wordsSearchTheText() throws {
        let output = try CLI.run(["notes", "--brief", "retry", "storm"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("retry-storms"))
        let kind = try CLI.run(["notes", "cdn"])
        #expect(kind.stdout.contains("cdn-push — Push CDN") && kind.stdout.contains("cdn-pull — Pull CDN"))
        Self.expectFitsIn80Columns(kind.stdout)
    }

    @Test func aMissSaysSoAndFails() throws {
        let output = try CLI.run(["notes", "write-behnd"])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("no trade-off note matches 'write-behnd' (did you mean 'write-behind'?)"))
    }
}
