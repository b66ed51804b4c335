import Analysis

/// Plain-text rendering of trade-off notes for `sdw notes`, word-wrapped to a fixed width (80 columns).
public enum NoteText {
    public static let width = 80

    /// One note in full: gain, cost, when to choose it, its numbers with their sources, related notes.
    public static func render(_ note: TradeOffNote, areaTitle: String) -> String {
        var lines = wrap("\(note.id) — \(note.title)", indent: "", hanging: "  ")
        lines += wrap("\(areaTitle) · applies to \(note.appliesTo.joined(separator: ", "))", indent: "  ", hanging: "    ")
        for (heading, text) in [("Gain", note.gain), ("Cost", note.cost), ("Choose when", note.chooseWhen)] {
            lines.append("")
            lines.append("  \(heading)")
            lines += wrap(text, indent: "    ", hanging: "    ")
        }
        if !note.numbers.isEmpty {
            lines.append("")
            lines.append("  Numbers")
            for number in note.numbers {
                lines += wrap(number.value, indent: "    • ", hanging: "      ")
                lines += wrap(number.what, indent: "      ", hanging: "      ")
                lines += wrap("source: \(number.source)", indent: "      ", hanging: "        ")
            }
        }
        lines.append("")
        if !note.seeAlso.isEmpty { lines += wrap("See also: \(note.seeAlso.joined(separator: ", "))", indent: "  ", hanging: "    ") }
        lines += wrap("Seed topics: \(note.topics.joined(separator: ", "))", indent: "  ", hanging: "    ")
        return lines.joined(separator: "\n")
    }

    /// The whole catalogue as an index: per area, each note's id and title.
    public static func index(_ catalog: TradeOffCatalog) -> String {
        let idWidth = min(30, catalog.notes.map(\.id.count).max() ?? 0)
        var lines: [String] = []
        for area in catalog.areas {
            if !lines.isEmpty { lines.append("") }
            lines.append("\(area.title) (\(area.notes.count))")
            for note in area.notes {
                let id = note.id.padding(toLength: max(idWidth, note.id.count), withPad: " ", startingAt: 0)
                lines += wrap(note.title, indent: "  \(id)  ", hanging: String(repeating: " ", count: idWidth + 4))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A short list (id and title) of notes, for query results shown with `--brief`.
    public static func list(_ notes: [TradeOffNote]) -> String {
        let idWidth = min(30, notes.map(\.id.count).max() ?? 0)
        return notes.flatMap { note in
            let id = note.id.padding(toLength: max(idWidth, note.id.count), withPad: " ", startingAt: 0)
            return wrap(note.title, indent: "\(id)  ", hanging: String(repeating: " ", count: idWidth + 2))
        }.joined(separator: "\n")
    }

    /// Word-wraps `text` to `width` columns: the first line starts with `indent`, the rest with `hanging`.
    /// A word longer than a line is kept whole rather than split.
    static func wrap(_ text: String, indent: String, hanging: String, width: Int = NoteText.width) -> [String] {
        var lines: [String] = []
        var line = indent
        var lineHasWord = false
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let fits = line.unicodeScalars.count + (lineHasWord ? 1 : 0) + word.unicodeScalars.count <= width
            if lineHasWord, !fits {
                lines.append(line)
                line = hanging
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
