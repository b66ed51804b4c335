import CNcurses
import Render
import Testing
@testable import Terminal

extension Curses {
    @Suite struct Drawing {
        @Test func drawnTextReadsBack() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            var buffer = ScreenBuffer(width: 40, height: 10)
            buffer.put("web-tier  running", x: 0, y: 0, style: CellStyle(.bar))
            buffer.put("┌─ lb ─┐ p99 12 µs ▁▃█", x: 2, y: 3)
            buffer.put("last", x: 36, y: 9)
            terminal.screen.draw(buffer)
            #expect(terminal.row(0) == "web-tier  running")
            #expect(terminal.row(3) == "  ┌─ lb ─┐ p99 12 µs ▁▃█")
            #expect(terminal.row(9) == String(repeating: " ", count: 36) + "last")
            #expect(terminal.screen.cellsWritten == 40 * 10)
        }

        @Test func unchangedBufferWritesNothing() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            var buffer = ScreenBuffer(width: 40, height: 10)
            buffer.put("hello", x: 1, y: 1)
            terminal.screen.draw(buffer)
            let cells = terminal.screen.cellsWritten
            let bytes = terminal.bytesWritten
            terminal.screen.draw(buffer)
            terminal.screen.draw(buffer)
            #expect(terminal.screen.cellsWritten == cells)
            #expect(terminal.bytesWritten == bytes)
        }

        @Test func changedCellsWriteOnlyTheirRun() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            var buffer = ScreenBuffer(width: 40, height: 10)
            buffer.put("queue depth 7", x: 0, y: 2)
            terminal.screen.draw(buffer)
            let before = terminal.screen.cellsWritten
            let bytesBefore = terminal.bytesWritten
            buffer.put("9", x: 12, y: 2)
            terminal.screen.draw(buffer)
            #expect(terminal.screen.cellsWritten - before == 1)
            #expect(terminal.row(2) == "queue depth 9")
            let bytesForOneCell = terminal.bytesWritten - bytesBefore
            #expect(bytesForOneCell > 0 && bytesForOneCell < 20)

            buffer.put("12", x: 12, y: 2, style: CellStyle(.warn))
            terminal.screen.draw(buffer)
            #expect(terminal.screen.cellsWritten - before == 3)
            #expect(terminal.row(2) == "queue depth 12")
        }

        @Test func wideAndControlCharactersBecomeQuestionMarks() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            var buffer = ScreenBuffer(width: 40, height: 10)
            buffer[0, 0] = Cell("漢")
            buffer[1, 0] = Cell("\u{7}")
            buffer[2, 0] = Cell("\u{301}")
            buffer[3, 0] = Cell("x")
            terminal.screen.draw(buffer)
            #expect(terminal.row(0) == "???x")
        }

        @Test func largerBufferIsClippedAndSmallerOneClearsTheRest() throws {
            let terminal = try HeadlessTerminal(width: 20, height: 5)
            defer { terminal.close() }
            var large = ScreenBuffer(width: 30, height: 8)
            large.put(String(repeating: "x", count: 30), x: 0, y: 0)
            large.put("bottom", x: 0, y: 7)
            terminal.screen.draw(large)
            #expect(terminal.row(0) == String(repeating: "x", count: 20))
            #expect(terminal.screen.cellsWritten == 20 * 5)

            var small = ScreenBuffer(width: 10, height: 2)
            small.put("ok", x: 0, y: 0)
            terminal.screen.draw(small)
            #expect(terminal.row(0) == "ok")
            #expect(terminal.row(1) == "")
        }

        @Test func forcedRedrawWritesEveryCellAgain() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            let buffer = ScreenBuffer(width: 40, height: 10)
            terminal.screen.draw(buffer)
            terminal.screen.forceFullRedraw()
            terminal.screen.draw(buffer)
            #expect(terminal.screen.cellsWritten == 2 * 40 * 10)
        }

        @Test func cursorIsShownOnlyWhenTheBufferHasOne() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            var buffer = ScreenBuffer(width: 40, height: 10)
            buffer.put(":open ", x: 0, y: 9, style: CellStyle(.input))
            buffer.cursor = (6, 9)
            terminal.screen.draw(buffer)
            #expect(terminal.screen.cursorVisible)
            #expect(getcury(terminal.screen.window) == 9 && getcurx(terminal.screen.window) == 6)
            buffer.cursor = nil
            terminal.screen.draw(buffer)
            #expect(!terminal.screen.cursorVisible)
        }

        @Test func restoreIsIdempotentAndStopsDrawing() throws {
            let terminal = try HeadlessTerminal()
            terminal.screen.restore()
            terminal.screen.restore()
            terminal.screen.draw(ScreenBuffer(width: 40, height: 10))
            #expect(terminal.screen.cellsWritten == 0)
            #expect(terminal.screen.readInput(timeoutMilliseconds: 0) == [])
            terminal.close()
        }

        @Test func unknownTerminalTypeThrows() {
            #expect(throws: TerminalError.unknownTerminal("no-such-terminal")) {
                _ = try HeadlessTerminal(terminalType: "no-such-terminal")
            }
        }
    }
}
