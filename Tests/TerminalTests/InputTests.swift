import CNcurses
import Glibc
import Testing
import Workbench
@testable import Terminal

extension Curses {
    /// Key and mouse sequences written into the screen's input pipe, decoded by ncurses and the screen.
    @Suite struct Input {
        @Test func charactersAndControlKeys() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            terminal.type("aé→\r\t\u{12}\u{7f}")
            #expect(terminal.screen.readInput(timeoutMilliseconds: 100) == [
                .key(.character("a")), .key(.character("é")), .key(.character("→")),
                .key(.enter), .key(.tab), .key(.control("r")), .key(.backspace),
            ])
        }

        @Test func keypadSequencesFromTerminfo() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            let capabilities = [
                "kcuu1", "kcud1", "kcub1", "kcuf1", "khome", "kend", "kpp", "knp", "kdch1", "kcbt", "kf5",
            ]
            for capability in capabilities {
                try terminal.typeCapability(capability)
            }
            #expect(terminal.screen.readInput(timeoutMilliseconds: 100) == [
                .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .delete, .backTab, .function(5),
            ].map { InputEvent.key($0) })
        }

        @Test func loneEscapeArrivesAfterTheShortDelay() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            terminal.type("\u{1b}")
            let start = ContinuousClock.now
            #expect(terminal.screen.readInput(timeoutMilliseconds: 500) == [.key(.escape)])
            #expect(ContinuousClock.now - start < .milliseconds(400))
        }

        @Test func nothingPendingReturnsEmptyAfterTheTimeout() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            let start = ContinuousClock.now
            #expect(terminal.screen.readInput(timeoutMilliseconds: 30) == [])
            #expect(ContinuousClock.now - start >= .milliseconds(25))
            #expect(terminal.screen.readInput(timeoutMilliseconds: 0) == [])
        }

        @Test func inputThatMeansNothingEndsTheWait() throws {
            let terminal = try HeadlessTerminal()
            defer { terminal.close() }
            terminal.type("\u{1c}")  // Ctrl-\\: no key
            let start = ContinuousClock.now
            #expect(terminal.screen.readInput(timeoutMilliseconds: 2_000) == [])
            #expect(ContinuousClock.now - start < .milliseconds(1_000))
        }

        @Test func sgrMouseClickDragAndWheel() throws {
            let terminal = try HeadlessTerminal()  // xterm-256color: SGR (1006) mouse reports
            defer { terminal.close() }
            terminal.type("\u{1b}[<0;5;3M\u{1b}[<32;6;3M\u{1b}[<32;7;4M\u{1b}[<0;7;4m\u{1b}[<64;2;2M\u{1b}[<65;2;2M")
            #expect(terminal.screen.readInput(timeoutMilliseconds: 100) == [
                .mouse(MouseEvent(kind: .press, x: 4, y: 2)),
                .mouse(MouseEvent(kind: .drag, x: 5, y: 2)),
                .mouse(MouseEvent(kind: .drag, x: 6, y: 3)),
                .mouse(MouseEvent(kind: .release, x: 6, y: 3)),
                .mouse(MouseEvent(kind: .wheelUp, x: 1, y: 1)),
                .mouse(MouseEvent(kind: .wheelDown, x: 1, y: 1)),
            ])
        }

        @Test func x10MouseClickAndDrag() throws {
            let terminal = try HeadlessTerminal(terminalType: "tmux-256color")  // kmous=\E[M
            defer { terminal.close() }
            func report(_ button: Int, _ x: Int, _ y: Int) -> String {
                "\u{1b}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x)))
                    + String(UnicodeScalar(UInt8(33 + y)))
            }
            terminal.type(report(0, 10, 5) + report(32, 11, 5) + report(3, 11, 5) + report(64, 0, 0))
            #expect(terminal.screen.readInput(timeoutMilliseconds: 100) == [
                .mouse(MouseEvent(kind: .press, x: 10, y: 5)),
                .mouse(MouseEvent(kind: .drag, x: 11, y: 5)),
                .mouse(MouseEvent(kind: .release, x: 11, y: 5)),
                .mouse(MouseEvent(kind: .wheelUp, x: 0, y: 0)),
            ])
        }

        @Test func resizeReportsTheNewSize() throws {
            let terminal = try HeadlessTerminal(width: 40, height: 10)
            defer { terminal.close() }
            _ = resizeterm(12, 50)
            _ = ungetch(KEY_RESIZE)
            #expect(terminal.screen.readInput(timeoutMilliseconds: 100) == [.resize(width: 50, height: 12)])
            #expect(terminal.screen.size == (50, 12))
            #expect(terminal.screen.lastDrawn == nil)
        }
    }
}
