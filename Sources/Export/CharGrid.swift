/// A rectangle of characters to draw a diagram into; grows as things are drawn, trims itself when rendered.
struct CharGrid {
    private(set) var rows: [[Character]] = []

    subscript(x: Int, y: Int) -> Character {
        get { y >= 0 && y < rows.count && x >= 0 && x < rows[y].count ? rows[y][x] : " " }
        set {
            guard x >= 0, y >= 0 else { return }
            while rows.count <= y { rows.append([]) }
            while rows[y].count <= x { rows[y].append(" ") }
            rows[y][x] = newValue
        }
    }

    mutating func put(_ text: String, x: Int, y: Int) {
        for (offset, character) in text.enumerated() { self[x + offset, y] = character }
    }

    /// Lines without trailing spaces, the blank margin on the left and blank rows at the top and bottom removed.
    func rendered() -> [String] {
        var lines = rows.map { String($0) }.map { line -> String in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let margin = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { $0.isEmpty ? $0 : String($0.dropFirst(margin)) }
    }
}
