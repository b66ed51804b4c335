import CNcurses
import Render
import Testing
@testable import Terminal

extension Curses {
    @Suite struct Colors {
        @Test(arguments: [
            ("xterm-256color", [:], ColorMode.palette256),
            ("xterm", [:], .basic8),
            ("dumb", [:], .none),
            ("xterm-256color", ["NO_COLOR": "1"], .none),
            ("xterm-256color", ["NO_COLOR": ""], .palette256),
        ] as [(String, [String: String], ColorMode)])
        func modeFollowsTerminalAndNoColor(type: String, environment: [String: String], expected: ColorMode) throws {
            let terminal = try HeadlessTerminal(terminalType: type, environment: environment)
            defer { terminal.close() }
            #expect(terminal.screen.colorMode == expected)
        }

        @Test func monochromeUsesAttributesOnly() throws {
            let terminal = try HeadlessTerminal(environment: ["NO_COLOR": "yes"])
            defer { terminal.close() }
            var buffer = ScreenBuffer(width: 40, height: 10)
            buffer.put("sel", x: 0, y: 0, style: CellStyle(.selection))
            buffer.put("bad", x: 0, y: 1, style: CellStyle(.critical))
            buffer.put("bar", x: 0, y: 2, style: CellStyle(.bar))
            buffer.put("dim", x: 0, y: 3, style: CellStyle(.dim))
            buffer.put("ok", x: 0, y: 4, style: CellStyle(.ok, bold: true))
            terminal.screen.draw(buffer)
            #expect(terminal.attributes(x: 0, y: 0) == (sdw_a_reverse(), 0))
            #expect(terminal.attributes(x: 0, y: 1).attributes & sdw_a_bold() != 0)
            #expect(terminal.attributes(x: 0, y: 2) == (sdw_a_reverse(), 0))
            #expect(terminal.attributes(x: 0, y: 3) == (sdw_a_dim(), 0))
            #expect(terminal.attributes(x: 0, y: 4) == (sdw_a_bold(), 0))
        }

        @Test func eightColoursMapRolesToAnsiColours() throws {
            let terminal = try HeadlessTerminal(terminalType: "xterm")
            defer { terminal.close() }
            var buffer = ScreenBuffer(width: 40, height: 10)
            buffer.put("ok", x: 0, y: 0, style: CellStyle(.ok))
            buffer.put("warn", x: 0, y: 1, style: CellStyle(.warn))
            buffer.put("critical", x: 0, y: 2, style: CellStyle(.critical))
            buffer.put("plain", x: 0, y: 3)
            terminal.screen.draw(buffer)
            #expect(terminal.foreground(ofPair: terminal.attributes(x: 0, y: 0).pair) == Int16(COLOR_GREEN))
            #expect(terminal.foreground(ofPair: terminal.attributes(x: 0, y: 1).pair) == Int16(COLOR_YELLOW))
            #expect(terminal.foreground(ofPair: terminal.attributes(x: 0, y: 2).pair) == Int16(COLOR_RED))
            #expect(terminal.attributes(x: 0, y: 3) == (0, 0))
        }

        @Test func palette256UsesItsColours() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            var buffer = ScreenBuffer(width: 40, height: 10)
            buffer.put("critical", x: 0, y: 0, style: CellStyle(.critical))
            terminal.screen.draw(buffer)
            let cell = terminal.attributes(x: 0, y: 0)
            #expect(terminal.foreground(ofPair: cell.pair) == 196)
            #expect(cell.attributes & sdw_a_bold() != 0)
        }
    }
}
