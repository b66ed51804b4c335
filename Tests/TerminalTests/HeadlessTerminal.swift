import CNcurses
import Glibc
import Testing
@testable import Terminal

/// Every test that touches ncurses or signals nests in this suite: curses state and signal
/// dispositions are process-wide, so these tests run one at a time.
@Suite(.serialized) enum Curses {}

/// A `TerminalScreen` without a terminal: output to a temporary file (so tests can count the bytes
/// written) and input from a pipe the test writes key sequences into.
final class HeadlessTerminal {
    let screen: TerminalScreen
    let width: Int
    let height: Int
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    private let inputWriter: Int32

    init(
        terminalType: String = "xterm-256color", width: Int = 40, height: Int = 10,
        environment: [String: String] = [:]
    ) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0, let input = fdopen(ends[0], "r"), let output = tmpfile() else {
            throw TerminalError.notATerminal(stream: "test streams")
        }
        self.input = input
        self.output = output
        inputWriter = ends[1]
        self.width = width
        self.height = height
        screen = try TerminalScreen(
            input: input, output: output, terminalType: terminalType,
            width: width, height: height, environment: environment
        )
    }

    /// Restores and frees the screen, then closes the streams.
    func close() {
        screen.restore()
        fclose(input)
        fclose(output)
        Glibc.close(inputWriter)
    }

    /// Bytes the screen has sent to the "terminal" so far.
    var bytesWritten: Int {
        fflush(output)
        return Int(lseek(fileno(output), 0, SEEK_END))
    }

    /// Queues input as if typed.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(inputWriter, $0.baseAddress, $0.count) }
    }

    /// Queues the terminal's own sequence for a key capability, e.g. `kcuu1` (up arrow) or `kf5`.
    func typeCapability(_ name: String) throws {
        let value = try #require(tigetstr(name))
        try #require(Int(bitPattern: value) != -1)
        type(String(cString: value))
    }

    /// One row as curses holds it, trailing spaces trimmed.
    func row(_ y: Int) -> String {
        var characters = [wchar_t](repeating: 0, count: width + 1)
        _ = mvwinnwstr(screen.window, Int32(y), 0, &characters, Int32(width))
        let scalars = characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32($0)) }
        var text = String(String.UnicodeScalarView(scalars))
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// The attributes (without colour) and colour pair curses holds for one cell.
    func attributes(x: Int, y: Int) -> (attributes: attr_t, pair: Int16) {
        var cell = cchar_t()
        _ = mvwin_wch(screen.window, Int32(y), Int32(x), &cell)
        var characters = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        _ = getcchar(&cell, &characters, &attributes, &pair, nil)
        return (attributes & sdw_a_attributes() & ~sdw_a_color(), pair)
    }

    /// The foreground colour number of a colour pair.
    func foreground(ofPair pair: Int16) -> Int16 {
        var foreground: Int16 = 0
        var background: Int16 = 0
        _ = pair_content(pair, &foreground, &background)
        return foreground
    }
}
