import CNcurses
import Workbench

/// Turns curses mouse reports (`MEVENT.bstate`) into press, release, drag and wheel events.
///
/// Only the left button and the wheel matter. Drags need the state between reports: motion
/// (`REPORT_MOUSE_POSITION`) counts as a drag only while the left button is held.
public struct MouseDecoder: Sendable {
    /// Whether the left button is down (a press was seen and no release yet).
    public private(set) var buttonHeld = false

    public init() {}

    /// Decodes one report at cell (x, y). A click reported as one event becomes a press and a release.
    public mutating func decode(buttonState state: mmask_t, x: Int, y: Int) -> [MouseEvent] {
        func has(_ mask: mmask_t) -> Bool { state & mask != 0 }
        if has(sdw_button4_pressed()) { return [MouseEvent(kind: .wheelUp, x: x, y: y)] }
        if has(sdw_button5_pressed()) { return [MouseEvent(kind: .wheelDown, x: x, y: y)] }
        if has(sdw_button1_pressed()) {
            // ncurses reports motion with the button down as REPORT_MOUSE_POSITION, so a press while
            // held means the release was lost (e.g. outside the window): start afresh.
            buttonHeld = true
            return [MouseEvent(kind: .press, x: x, y: y)]
        }
        if has(sdw_button1_released()) {
            buttonHeld = false
            return [MouseEvent(kind: .release, x: x, y: y)]
        }
        if has(sdw_button1_clicked() | sdw_button1_double_clicked() | sdw_button1_triple_clicked()) {
            buttonHeld = false
            return [MouseEvent(kind: .press, x: x, y: y), MouseEvent(kind: .release, x: x, y: y)]
        }
        if has(sdw_report_mouse_position()), buttonHeld {
            return [MouseEvent(kind: .drag, x: x, y: y)]
        }
        return []
    }

    /// The buttons and motions `mousemask` is asked for. Clicks are left out so ncurses never merges
    /// a press and its release into one event: the workbench wants both.
    public static var reportedEvents: mmask_t {
        sdw_button1_pressed() | sdw_button1_released() | sdw_button4_pressed() | sdw_button5_pressed()
            | sdw_report_mouse_position()
    }
}
