/// Why the terminal could not be taken over.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or run by CI).
    case notATerminal(stream: String)
    /// `TERM` is unset or empty.
    case noTerminalType
    /// ncurses knows no terminal of this name (no terminfo entry).
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            return "standard \(stream) is not a terminal; the workbench needs an interactive terminal"
        case .noTerminalType:
            return "TERM is not set; set it to your terminal's type, e.g. TERM=xterm-256color"
        case .unknownTerminal(let name):
            return "unknown terminal type '\(name)' (no terminfo entry); try TERM=xterm-256color"
        }
    }
}
