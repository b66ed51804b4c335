/// A rectangle on the screen; x and y count from 0 at the top left.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The rectangle shrunk by `by` on every side.
    public func inset(_ by: Int) -> Rect { Rect(x: x + by, y: y + by, width: width - 2 * by, height: height - 2 * by) }
}

/// One character cell: a single Unicode scalar (width 1) and its style.
public struct Cell: Equatable, Sendable {
    public var scalar: Unicode.Scalar
    public var style: CellStyle

    public init(_ scalar: Unicode.Scalar = " ", _ style: CellStyle = .normal) {
        self.scalar = scalar
        self.style = style
    }

    public static let blank = Cell()
}

/// A grid of cells that views draw into; the terminal backend copies it to the screen, changed cells only.
/// Everything written outside the grid (or outside a clip rectangle) is silently dropped.
public struct ScreenBuffer: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    /// The cursor position to show (for text input), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: .blank, count: self.width * self.height)
    }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { (x >= 0 && x < width && y >= 0 && y < height) ? cells[y * width + x] : .blank }
        set { if x >= 0 && x < width && y >= 0 && y < height { cells[y * width + x] = newValue } }
    }

    /// Writes text from (x, y), clipped to `clip` (default: the whole buffer); returns the columns used.
    /// Characters wider than one cell (CJK, emoji) are replaced by `?` so the grid stays aligned.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .normal, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= area.y, y < area.maxY else { return 0 }
        var column = x
        for scalar in text.unicodeScalars {
            // Printable ASCII, most of any frame, needs no Unicode property lookups.
            if scalar.value >= 0x20, scalar.value < 0x7F {
                if column >= area.maxX { break }
                if column >= area.x { self[column, y] = Cell(scalar, style) }
                column += 1
                continue
            }
            if scalar.properties.generalCategory == .nonspacingMark || scalar.value == 0xFE0F { continue }
            let shown = ScreenBuffer.isSingleWidth(scalar) ? scalar : "?"
            if column >= area.maxX { break }
            if column >= area.x { self[column, y] = Cell(shown, style) }
            column += 1
        }
        return column - x
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { cells[y * width + x] = cell }
        }
    }

    /// Sets the style of every cell in a rectangle, keeping the characters.
    public mutating func restyle(_ rect: Rect, _ style: CellStyle) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { cells[y * width + x].style = style }
        }
    }

    /// The rows as plain text, trailing spaces trimmed: what snapshot tests compare.
    public var text: String {
        (0..<height).map { y in
            var row = String(String.UnicodeScalarView(cells[(y * width)..<(y * width + width)].map(\.scalar)))
            while row.hasSuffix(" ") { row.removeLast() }
            return row
        }.joined(separator: "\n")
    }

    /// Rows with a style letter per cell beneath each text row, for snapshots that check colour roles.
    public var styledText: String {
        (0..<height).map { y -> String in
            let row = (0..<width).map { String(Character(self[$0, y].scalar)) }.joined()
            let styles = (0..<width).map { x -> String in
                let style = self[x, y].style
                let letter = ScreenBuffer.styleLetters[Int(style.role.rawValue)]
                return style.bold ? letter.uppercased() : letter
            }.joined()
            return row + "\n" + styles
        }.joined(separator: "\n")
    }

    static let styleLetters = ["·", "d", "a", "o", "w", "c", "b", "k", "r", "f", "s", "i"]

    /// East Asian wide and fullwidth ranges, plus emoji: drawn as `?` to keep one scalar per cell.
    public static func isSingleWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return true }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return false
        }
        return true
    }

    /// Cells that differ from `previous`, as runs on one row with one style, for the backend to write.
    public func changes(from previous: ScreenBuffer?) -> [(x: Int, y: Int, text: String, style: CellStyle)] {
        let fullRedraw = previous == nil || previous!.width != width || previous!.height != height
        var runs: [(x: Int, y: Int, text: String, style: CellStyle)] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                let index = y * width + x
                if !fullRedraw, previous!.cells[index] == cells[index] { x += 1; continue }
                let style = cells[index].style
                var text = String.UnicodeScalarView()
                let start = x
                while x < width {
                    let i = y * width + x
                    guard cells[i].style == style, fullRedraw || previous!.cells[i] != cells[i] else { break }
                    text.append(cells[i].scalar)
                    x += 1
                }
                runs.append((start, y, String(text), style))
            }
        }
        return runs
    }
}
