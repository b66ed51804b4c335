import Model

/// Small drawing helpers shared by the views.
extension ScreenBuffer {
    public enum BorderWeight { case light, rounded, heavy }

    /// A box with an optional title in its top border.
    public mutating func box(_ rect: Rect, title: String? = nil, style: CellStyle = CellStyle(.border),
                             titleStyle: CellStyle? = nil, weight: BorderWeight = .light) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let (h, v, tl, tr, bl, br): (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar)
        switch weight {
        case .light: (h, v, tl, tr, bl, br) = ("─", "│", "┌", "┐", "└", "┘")
        case .rounded: (h, v, tl, tr, bl, br) = ("─", "│", "╭", "╮", "╰", "╯")
        case .heavy: (h, v, tl, tr, bl, br) = ("━", "┃", "┏", "┓", "┗", "┛")
        }
        for x in rect.x + 1..<rect.maxX - 1 {
            self[x, rect.y] = Cell(h, style)
            self[x, rect.maxY - 1] = Cell(h, style)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            self[rect.x, y] = Cell(v, style)
            self[rect.maxX - 1, y] = Cell(v, style)
        }
        self[rect.x, rect.y] = Cell(tl, style)
        self[rect.maxX - 1, rect.y] = Cell(tr, style)
        self[rect.x, rect.maxY - 1] = Cell(bl, style)
        self[rect.maxX - 1, rect.maxY - 1] = Cell(br, style)
        if let title, rect.width > 4 {
            put(" " + Text.fit(title, rect.width - 4) + " ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style)
        }
    }

    /// Text padded or cut (with …) to exactly `width` columns.
    @discardableResult
    public mutating func putFitted(_ text: String, x: Int, y: Int, width: Int, style: CellStyle = .normal) -> Int {
        put(Text.pad(Text.fit(text, width), width), x: x, y: y, style: style)
    }
}

public enum Text {
    /// Cuts to `width` columns, ending with … when cut.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let scalars = Array(text.unicodeScalars)
        if scalars.count <= width { return text }
        return String(String.UnicodeScalarView(scalars.prefix(width - 1))) + "…"
    }

    public static func pad(_ text: String, _ width: Int) -> String {
        let count = text.unicodeScalars.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    public static func padLeft(_ text: String, _ width: Int) -> String {
        let count = text.unicodeScalars.count
        return count >= width ? text : String(repeating: " ", count: width - count) + text
    }

    /// Word-wraps to lines of at most `width` columns.
    public static func wrap(_ text: String, _ width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let word = String(word)
            if line.isEmpty { line = word } else if line.unicodeScalars.count + 1 + word.unicodeScalars.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
            while line.unicodeScalars.count > width {
                lines.append(String(String.UnicodeScalarView(line.unicodeScalars.prefix(width))))
                line = String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(width)))
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// Braille sparklines: two samples per character, four dot levels each, a baseline for zero.
public enum Sparkline {
    static let left: [UInt32] = [0x40, 0x44, 0x46, 0x47]
    static let right: [UInt32] = [0x80, 0xA0, 0xB0, 0xB8]

    /// The newest samples that fit in `width` characters, scaled to `maxValue` (default: their maximum).
    public static func braille(_ values: [Double], width: Int, maxValue: Double? = nil) -> String {
        guard width > 0 else { return "" }
        let shown = Array(values.suffix(width * 2))
        let top = max(maxValue ?? (shown.max() ?? 0), 1e-12)
        func level(_ value: Double) -> Int { max(0, min(3, Int((value / top * 3).rounded()))) }
        var out = String.UnicodeScalarView()
        // Pad on the left so the newest sample is always at the right edge.
        let padded = [Double](repeating: -1, count: max(0, width * 2 - shown.count)) + shown
        for pair in stride(from: 0, to: padded.count, by: 2) {
            let a = padded[pair], b = pair + 1 < padded.count ? padded[pair + 1] : -1
            var bits: UInt32 = 0
            if a >= 0 { bits |= left[level(a)] }
            if b >= 0 { bits |= right[level(b)] }
            out.append(bits == 0 ? " " : Unicode.Scalar(0x2800 + bits)!)
        }
        return String(out)
    }
}

/// Health of a block as a style role (never colour alone: views add ⚠ or ✗ as text too).
public enum Health {
    public static func role(utilization: Double, errorsRPS: Double, down: Bool = false) -> Style {
        if down || errorsRPS > 0 || utilization > 0.85 { return .critical }
        if utilization >= 0.6 { return .warn }
        return .ok
    }

    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "—" }
        return "\(Int((fraction * 100).rounded()))%"
    }

    public static func duration(_ seconds: Double) -> String {
        seconds <= 0 ? "—" : seconds < 1e-6 ? "<1us" : Units.formatDuration(seconds)
    }
}
