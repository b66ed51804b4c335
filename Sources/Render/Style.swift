/// Semantic roles, not colours: the terminal backend maps them once to a palette (or to bold/reverse in monochrome).
public enum Style: UInt8, CaseIterable, Sendable {
    case normal
    case dim
    case accent
    case ok
    case warn
    case critical
    /// The title bar and status line background.
    case bar
    /// A key name in hints (`space`, `q`).
    case key
    /// Borders of panes without focus; `borderFocus` for the focused one.
    case border
    case borderFocus
    /// The selected row or block.
    case selection
    /// Text typed by the user (prompt, editor).
    case input
}

/// A cell's style plus emphasis.
public struct CellStyle: Equatable, Hashable, Sendable {
    public var role: Style
    public var bold: Bool

    public init(_ role: Style = .normal, bold: Bool = false) {
        self.role = role
        self.bold = bold
    }

    public static let normal = CellStyle()
}
