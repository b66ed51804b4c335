import CNcurses
import Foundation
import Render

/// The real terminal, through ncursesw: draws `ScreenBuffer`s (changed cells only) and reads input.
///
/// One instance at a time: ncurses keeps global state. Not thread-safe; use it from one thread
/// (the UI loop). `restore()` (also run by `deinit`) gives the terminal back; call it on every exit path.
///
/// Modes: cbreak (keys arrive one by one; Ctrl-C and Ctrl-Z still raise SIGINT and SIGTSTP),
/// no echo, keypad decoding, no flow control (Ctrl-S and Ctrl-Q are keys), hidden cursor,
/// mouse clicks, drags and wheel where the terminal reports them, a 25 ms Escape delay.
public final class TerminalScreen {
    /// How colour is used, decided at start.
    public let colorMode: ColorMode
    /// Whether the terminal reports mouse events.
    public let mouseEnabled: Bool
    /// Cells written to curses by `draw` since the start: counts work for tests and benchmarks.
    public internal(set) var cellsWritten = 0

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let output: UnsafeMutablePointer<FILE>
    let palette: Palette
    /// The buffer on the screen now; nil forces the next `draw` to write every cell.
    var lastDrawn: ScreenBuffer?
    /// wcwidth answers for the Basic Multilingual Plane, filled as characters are first seen (0 = not yet asked).
    var widthCache = [UInt8](repeating: 0, count: 0x10000)
    /// Prepared ncurses cells by (character, style): a frame is written with `mvwadd_wchnstr`, no per-character parsing.
    var cellCache: [UInt64: cchar_t] = [:]
    var cursorVisible = false
    /// Button-motion reporting (xterm mode 1002) still to be switched on, after start or resume.
    var mouseMotionPending: Bool
    var mouseDecoder = MouseDecoder()
    var active = true

    /// Takes over the process's terminal (standard input and output).
    /// - Parameter environment: read for `TERM` and `NO_COLOR` (a parameter so tests need not change the process's).
    /// - Throws: `TerminalError` when standard input or output is not a terminal or `TERM` is unknown.
    public convenience init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "output") }
        guard let type = environment["TERM"], !type.isEmpty else { throw TerminalError.noTerminalType }
        try self.init(
            input: sdw_stdin(), output: sdw_stdout(), terminalType: type, size: nil, environment: environment
        )
    }

    /// A screen on any pair of streams, with a fixed size: for tests and benchmarks that run without
    /// a terminal (e.g. `/dev/null` for output and a pipe for input).
    public convenience init(
        input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>,
        terminalType: String, width: Int, height: Int, environment: [String: String] = [:]
    ) throws {
        try self.init(
            input: input, output: output, terminalType: terminalType, size: (width, height), environment: environment
        )
    }

    private init(
        input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>,
        terminalType: String, size: (width: Int, height: Int)?, environment: [String: String]
    ) throws {
        TerminalScreen.selectUTF8Locale()
        guard let screen = newterm(terminalType, output, input) else {
            throw TerminalError.unknownTerminal(terminalType)
        }
        _ = set_term(screen)
        self.screen = screen
        self.window = sdw_stdscr()
        self.output = output
        if let size {
            _ = resizeterm(Int32(size.height), Int32(size.width))
            _ = flushinp()  // resizeterm queued a KEY_RESIZE nobody needs
        }

        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        _ = sdw_disable_flow_control(fileno(input))
        _ = def_prog_mode()  // so a resume after Ctrl-Z restores these modes

        var detectionEnvironment = environment
        detectionEnvironment["TERM"] = terminalType
        var mode = ColorMode.detect(environment: detectionEnvironment, hasColors: has_colors(), colors: 256)
        var defaultColors = true
        if mode != .none {
            _ = start_color()
            defaultColors = use_default_colors() == OK
            mode = ColorMode.detect(environment: detectionEnvironment, hasColors: true, colors: Int(sdw_colors()))
        }
        colorMode = mode
        palette = Palette(mode: mode, defaultColors: defaultColors)
        for pair in palette.pairs where Int32(pair.pair) < sdw_color_pairs() {
            _ = init_pair(pair.pair, pair.foreground, pair.background)
        }

        _ = mouseinterval(0)  // no click detection: press and release arrive at once
        mouseEnabled = mousemask(MouseDecoder.reportedEvents, nil) != 0
        mouseMotionPending = mouseEnabled && TerminalScreen.hasCapability("kmous")
    }

    deinit { restore() }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Gives the terminal back: mouse reporting off, cursor shown, the shell's modes and screen restored.
    /// Idempotent; after it the screen draws and reads nothing.
    public func restore() {
        guard active else { return }
        active = false
        _ = set_term(screen)
        setMouseMotion(false)
        _ = mousemask(0, nil)
        _ = curs_set(1)
        _ = endwin()
        delscreen(screen)
        fflush(output)
    }

    /// Switches xterm button-motion reporting (mode 1002), which ncurses' own mouse setup leaves off:
    /// without it a drag reports only its press and release.
    func setMouseMotion(_ on: Bool) {
        guard mouseEnabled, TerminalScreen.hasCapability("kmous") else { return }
        // Straight to the stream: ncurses' putp writes to stdout whatever the screen's output.
        fputs(on ? "\u{1B}[?1002h" : "\u{1B}[?1002l", output)
        fflush(output)
    }

    /// Whether the terminal's description has a string capability (e.g. `kmous`, the mouse prefix).
    static func hasCapability(_ name: String) -> Bool {
        guard let value = tigetstr(name) else { return false }
        return Int(bitPattern: value) != -1
    }

    /// ncurses needs a UTF-8 locale for anything beyond ASCII (box drawing, sparklines); under `LANG=C`
    /// those cells come out blank. Only the character category is set: the user's LC_NUMERIC must not
    /// change how the rest of the program prints or parses numbers (a decimal comma under de_DE).
    /// If the user's locale is not UTF-8, C.UTF-8 is used for characters.
    static func selectUTF8Locale() {
        _ = setlocale(LC_CTYPE, "")
        guard sdw_locale_is_utf8() == 0 else { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            return
        }
    }
}
