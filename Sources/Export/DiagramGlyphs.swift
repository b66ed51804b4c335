import Model

/// The characters of the text diagram: Unicode box drawing, or pure ASCII (`+ - | > v < ^`).
struct DiagramGlyphs {
    var ascii: Bool

    /// Box corners (top-left, top-right, bottom-left, bottom-right), horizontal and vertical border.
    var box: (tl: Character, tr: Character, bl: Character, br: Character, h: Character, v: Character) {
        ascii ? ("+", "+", "+", "+", "-", "|") : ("╭", "╮", "╰", "╯", "─", "│")
    }

    var crossing: Character { ascii ? "+" : "┼" }

    /// Straight line pieces for a link's mode: sync solid, forward double, async dashed (in ASCII a broken line).
    func line(_ mode: CallMode, horizontal: Bool, index: Int) -> Character {
        if ascii {
            if mode == .async, index % 2 == 1 { return " " }
            return horizontal ? "-" : "|"
        }
        switch mode {
        case .sync: return horizontal ? "─" : "│"
        case .forward: return horizontal ? "═" : "║"
        case .async: return horizontal ? "╌" : "╎"
        }
    }

    /// A corner joining a horizontal and a vertical piece; `left`/`up`: the neighbours lie that way.
    func corner(_ mode: CallMode, left: Bool, up: Bool) -> Character {
        if ascii { return "+" }
        let double = mode == .forward
        switch (left, up) {
        case (true, true): return double ? "╝" : "╯"
        case (true, false): return double ? "╗" : "╮"
        case (false, true): return double ? "╚" : "╰"
        case (false, false): return double ? "╔" : "╭"
        }
    }

    func head(_ mode: CallMode) -> Character { ascii ? ">" : mode == .async ? "▷" : "▶" }

    /// Characters a line may cross (any straight piece of any mode).
    func isStraight(_ character: Character, horizontal: Bool) -> Bool {
        (horizontal ? "─═╌-" : "│║╎|").contains(character)
    }

    var legend: String {
        ascii ? "---> sync call or forward/route (see labels)   - - > async (fire and forget)"
            : "─▶ sync call   ═▶ forward / route (hand-off)   ╌▷ async (fire and forget)"
    }

    /// Pure ASCII for text that came from the design or from formatting (ids, units, separators).
    static func asciiOnly(_ text: String) -> String {
        let replacements: [Character: String] = ["×": "x", "–": "-", "—": "-", "·": "-", "…": "...", "→": "->",
                                                 "ρ": "rho", "µ": "u", "≥": ">=", "≤": "<=", "±": "+/-"]
        var out = ""
        for character in text {
            if character.isASCII { out.append(character) } else { out += replacements[character] ?? "?" }
        }
        return out
    }
}
