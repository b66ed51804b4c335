import Analysis
import ArgumentParser
import Model
import Reporting

struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "Read the trade-off notes: what each choice gains, what it costs, when to choose it, with sourced numbers.",
        discussion: """
        With no query, lists every note by area. A query is a note id (write-behind), a block kind (cache), a parameter \
        (cache.strategy) or one of its values (cache.strategy=write_behind, load_balancer.algorithm=least_connections), \
        or words to search for (retry storm).
        """
    )

    @Argument(help: "A note id, block kind, kind.key=value, or words to search for.")
    var query: [String] = []

    @Flag(name: .long, help: "List matching notes by id and title only.")
    var brief = false

    func run() throws {
        let catalog: TradeOffCatalog
        do {
            catalog = try TradeOffCatalog.load()
        } catch let error as TradeOffLoadError {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            throw ExitCode.failure
        }
        guard !query.isEmpty else {
            print(NoteText.index(catalog))
            print("\n\(catalog.notes.count) notes. `sdw notes QUERY` finds a note id, kind, kind.key=value or words.")
            return
        }
        let text = query.joined(separator: " ")
        let matches = catalog.lookup(text)
        guard !matches.isEmpty else {
            var message = "no trade-off note matches '\(text)'"
            if let close = Suggest.closest(to: text, in: catalog.notes.map(\.id)) { message += " (did you mean '\(close)'?)" }
            Console.error(message + "; `sdw notes` lists them all")
            throw ExitCode.failure
        }
        if brief {
            print(NoteText.list(matches))
            return
        }
        let titles = Dictionary(uniqueKeysWithValues: catalog.areas.map { ($0.id, $0.title) })
        let separator = "\n\n" + String(repeating: "─", count: NoteText.width) + "\n\n"
        print(matches.map { NoteText.render($0, areaTitle: titles[$0.area] ?? $0.area) }.joined(separator: separator))
    }
}
