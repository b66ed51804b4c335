import Render

/// How much colour the terminal gets.
public enum ColorMode: Equatable, Sendable {
    /// Attributes only (bold, dim, reverse, underline): `NO_COLOR`, `TERM=dumb`, or a terminal without colours.
    case none
    /// The eight ANSI colours.
    case basic8
    /// The xterm 256-colour palette.
    case palette256

    /// Decides the mode from the environment and what the terminal reports.
    /// `NO_COLOR` counts when set to anything non-empty (https://no-color.org).
    public static func detect(environment: [String: String], hasColors: Bool, colors: Int) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if environment["TERM"] == "dumb" || !hasColors { return .none }
        return colors >= 256 ? .palette256 : .basic8
    }
}

/// Text attributes, independent of curses so the palette can be tested without a terminal.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
}

/// The mapping from semantic `Style` roles to colours and attributes, decided once per screen.
///
/// Every role that matters keeps an attribute in monochrome (selection and the bar reverse,
/// critical bold and underlined, dim dim), so nothing relies on colour alone.
public struct Palette: Equatable, Sendable {
    /// How one role looks: attributes plus a colour pair (0 = the terminal's default colours).
    public struct Appearance: Equatable, Sendable {
        public var attributes: TextAttributes
        public var pair: Int16
    }

    /// A colour pair to define: foreground and background colour numbers, -1 for the terminal default.
    public struct PairDefinition: Equatable, Sendable {
        public var pair: Int16
        public var foreground: Int16
        public var background: Int16
    }

    public let mode: ColorMode
    /// Indexed by `Style.rawValue`.
    public let appearances: [Appearance]
    /// The pairs to pass to `init_pair`, in order.
    public let pairs: [PairDefinition]

    /// - Parameter defaultColors: whether -1 (the terminal's own colours) may be used, i.e. `use_default_colors`
    ///   worked; without it the default foreground is white and the background black.
    public init(mode: ColorMode, defaultColors: Bool = true) {
        self.mode = mode
        let fallbackForeground: Int16 = defaultColors ? -1 : 7
        let fallbackBackground: Int16 = defaultColors ? -1 : 0
        var appearances: [Appearance] = []
        var pairs: [PairDefinition] = []
        for role in Style.allCases {
            let look = Palette.look(role, mode)
            var pair: Int16 = 0
            if look.foreground != nil || look.background != nil {
                pair = Int16(pairs.count + 1)
                pairs.append(PairDefinition(
                    pair: pair,
                    foreground: look.foreground ?? fallbackForeground,
                    background: look.background ?? fallbackBackground
                ))
            }
            appearances.append(Appearance(attributes: look.attributes, pair: pair))
        }
        self.appearances = appearances
        self.pairs = pairs
    }

    /// The attributes and colour pair for a cell style; `bold` adds bold to the role's own look.
    public func appearance(of style: CellStyle) -> Appearance {
        var look = appearances[Int(style.role.rawValue)]
        if style.bold { look.attributes.insert(.bold) }
        return look
    }

    private typealias Look = (attributes: TextAttributes, foreground: Int16?, background: Int16?)

    // ANSI colour numbers, as in curses' COLOR_* constants.
    private static let red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3, blue: Int16 = 4, cyan: Int16 = 6

    private static func look(_ role: Style, _ mode: ColorMode) -> Look {
        switch mode {
        case .none: return monochrome(role)
        case .basic8: return eightColours(role)
        case .palette256: return palette256(role)
        }
    }

    private static func monochrome(_ role: Style) -> Look {
        switch role {
        case .normal, .ok, .border: return ([], nil, nil)
        case .dim: return (.dim, nil, nil)
        case .accent, .warn, .key, .borderFocus: return (.bold, nil, nil)
        case .critical: return ([.bold, .underline], nil, nil)
        case .bar, .selection: return (.reverse, nil, nil)
        case .input: return (.underline, nil, nil)
        }
    }

    private static func eightColours(_ role: Style) -> Look {
        switch role {
        case .normal, .border: return ([], nil, nil)
        case .dim: return (.dim, nil, nil)
        case .accent: return ([], cyan, nil)
        case .ok: return ([], green, nil)
        case .warn: return ([], yellow, nil)
        case .critical: return (.bold, red, nil)
        case .bar, .selection: return (.reverse, nil, nil)
        case .key: return (.bold, cyan, nil)
        case .borderFocus: return (.bold, cyan, nil)
        case .input: return (.bold, nil, nil)
        }
    }

    private static func palette256(_ role: Style) -> Look {
        switch role {
        case .normal: return ([], nil, nil)
        case .dim: return ([], 245, nil)
        case .accent: return ([], 39, nil)
        case .ok: return ([], 78, nil)
        case .warn: return ([], 220, nil)
        case .critical: return (.bold, 196, nil)
        case .bar: return ([], 252, 237)
        case .key: return (.bold, 75, nil)
        case .border: return ([], 240, nil)
        case .borderFocus: return (.bold, 45, nil)
        case .selection: return ([], 231, 25)
        case .input: return ([], 229, nil)
        }
    }
}
