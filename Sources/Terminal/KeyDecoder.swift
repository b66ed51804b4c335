import CNcurses
import Workbench

/// Turns what `wget_wch` returned into a `Key`: pure, so it is tested without a terminal.
public enum KeyDecoder {
    /// Decodes one input code.
    /// - Parameters:
    ///   - code: the character (a Unicode scalar value) or, when `isKeyCode`, a curses `KEY_*` code.
    ///   - isKeyCode: true when `wget_wch` returned `KEY_CODE_YES`.
    /// - Returns: the key, or nil for codes with no meaning here (including `KEY_RESIZE` and `KEY_MOUSE`,
    ///   which the screen handles itself).
    public static func decode(_ code: Int, isKeyCode: Bool) -> Key? {
        isKeyCode ? decodeKeyCode(code) : decodeCharacter(code)
    }

    private static func decodeCharacter(_ code: Int) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26:
            // Ctrl-A is 1 … Ctrl-Z is 26; Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M were taken above.
            return .control(Character(Unicode.Scalar(UInt8(code - 1) + UInt8(ascii: "a"))))
        case 0..<32, 0x80..<0xA0:
            return nil  // other C0 and C1 controls (Ctrl-@, Ctrl-\ …)
        default:
            guard code >= 0, code <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func decodeKeyCode(_ code: Int) -> Key? {
        switch Int32(truncatingIfNeeded: code) {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1, KEY_SEND: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case sdw_key_f(1)...sdw_key_f(63): return .function(code - Int(sdw_key_f(0)))
        default: return nil
        }
    }
}
