import CNcurses
import Testing
import Workbench
@testable import Terminal

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (10, Key.enter), (13, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
        (1, .control("a")), (18, .control("r")), (19, .control("s")), (26, .control("z")),
        (32, .character(" ")), (113, .character("q")), (0xE9, .character("é")), (0x2192, .character("→")),
        (0x1F600, .character("😀")),
    ] as [(Int, Key)])
    func characters(code: Int, key: Key) {
        #expect(KeyDecoder.decode(code, isKeyCode: false) == key)
    }

    @Test(arguments: [0, 28, 31, 0x85, 0xD800, -1, 0x110000])
    func meaninglessCharactersAreDropped(code: Int) {
        #expect(KeyDecoder.decode(code, isKeyCode: false) == nil)
    }

    @Test func keyCodes() {
        let expected: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_ENTER, .enter), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
            (sdw_key_f(1), .function(1)), (sdw_key_f(12), .function(12)),
        ]
        for (code, key) in expected {
            #expect(KeyDecoder.decode(Int(code), isKeyCode: true) == key)
        }
        #expect(KeyDecoder.decode(Int(KEY_RESIZE), isKeyCode: true) == nil)
        #expect(KeyDecoder.decode(Int(KEY_MOUSE), isKeyCode: true) == nil)
        #expect(KeyDecoder.decode(Int(sdw_key_f(0)), isKeyCode: true) == nil)
    }
}

@Suite struct MouseDecoderTests {
    let press = sdw_button1_pressed(), release = sdw_button1_released(), motion = sdw_report_mouse_position()

    func event(_ kind: MouseEvent.Kind, _ x: Int, _ y: Int) -> MouseEvent { MouseEvent(kind: kind, x: x, y: y) }

    @Test func pressDragRelease() {
        var decoder = MouseDecoder()
        #expect(decoder.decode(buttonState: motion, x: 1, y: 1) == [])
        #expect(decoder.decode(buttonState: press, x: 2, y: 3) == [event(.press, 2, 3)])
        #expect(decoder.buttonHeld)
        #expect(decoder.decode(buttonState: motion, x: 3, y: 3) == [event(.drag, 3, 3)])
        #expect(decoder.decode(buttonState: release, x: 4, y: 3) == [event(.release, 4, 3)])
        #expect(!decoder.buttonHeld)
        #expect(decoder.decode(buttonState: motion, x: 5, y: 3) == [])
    }

    @Test func pressWhileHeldStartsAfresh() {
        var decoder = MouseDecoder()
        _ = decoder.decode(buttonState: press, x: 2, y: 3)
        #expect(decoder.decode(buttonState: press, x: 9, y: 9) == [event(.press, 9, 9)])
    }

    @Test func clickIsPressThenRelease() {
        var decoder = MouseDecoder()
        let click = sdw_button1_clicked()
        #expect(decoder.decode(buttonState: click, x: 7, y: 0) == [event(.press, 7, 0), event(.release, 7, 0)])
    }

    @Test func wheel() {
        var decoder = MouseDecoder()
        #expect(decoder.decode(buttonState: sdw_button4_pressed(), x: 0, y: 1) == [event(.wheelUp, 0, 1)])
        #expect(decoder.decode(buttonState: sdw_button5_pressed(), x: 0, y: 1) == [event(.wheelDown, 0, 1)])
    }
}
