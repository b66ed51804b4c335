import CNcurses
import Render

extension TerminalScreen {
    /// Shows `buffer`: writes only the cells that differ from the last drawn buffer, places the cursor
    /// (shown only when `buffer.cursor` is set), then updates the terminal once.
    /// A buffer equal to the last one writes nothing at all, so an idle frame costs no output.
    /// Cells beyond the terminal's size are dropped; characters that would not take exactly one
    /// column (wide, combining, control) are drawn as `?` so the grid stays aligned.
    public func draw(_ buffer: ScreenBuffer) {
        guard active else { return }
        if let lastDrawn, lastDrawn == buffer, !mouseMotionPending { return }
        let (columns, rows) = size
        if lastDrawn?.width != buffer.width || lastDrawn?.height != buffer.height {
            _ = werase(window)  // a smaller buffer must not leave old cells around it
        }
        var characters: [wchar_t] = []
        characters.reserveCapacity(max(buffer.width, 1) + 1)
        for run in buffer.changes(from: lastDrawn) where run.y < rows && run.x < columns {
            characters.removeAll(keepingCapacity: true)
            for scalar in run.text.unicodeScalars.prefix(columns - run.x) {
                characters.append(TerminalScreen.displayable(scalar))
            }
            let look = palette.appearance(of: run.style)
            _ = wattr_set(window, TerminalScreen.cursesAttributes(look.attributes), look.pair, nil)
            // Writing the bottom-right cell reports ERR (the cursor cannot advance) but the cell is written.
            _ = mvwaddnwstr(window, Int32(run.y), Int32(run.x), characters, Int32(characters.count))
            cellsWritten += characters.count
        }
        _ = wattr_set(window, sdw_a_normal(), 0, nil)
        placeCursor(buffer.cursor, columns: columns, rows: rows)
        _ = wnoutrefresh(window)
        _ = doupdate()
        if mouseMotionPending {
            setMouseMotion(true)
            mouseMotionPending = false
        }
        lastDrawn = buffer
    }

    /// Makes the next `draw` repaint every cell and clear the terminal first: after a resize, after
    /// the process was stopped and continued, or when something else wrote to the terminal.
    public func forceFullRedraw() {
        guard active else { return }
        _ = clearok(window, true)
        lastDrawn = nil
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?, columns: Int, rows: Int) {
        if let cursor, (0..<columns).contains(cursor.x), (0..<rows).contains(cursor.y) {
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
            if !cursorVisible { _ = curs_set(1); cursorVisible = true }
        } else if cursorVisible {
            _ = curs_set(0)
            cursorVisible = false
        }
    }

    /// The character to write for a cell's scalar: itself when it takes exactly one column, else `?`.
    static func displayable(_ scalar: Unicode.Scalar) -> wchar_t {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return wchar_t(value) }
        let character = wchar_t(value)
        return sdw_wcwidth(character) == 1 ? character : wchar_t(UInt8(ascii: "?"))
    }

    static func cursesAttributes(_ attributes: TextAttributes) -> attr_t {
        var result = sdw_a_normal()
        if attributes.contains(.bold) { result |= sdw_a_bold() }
        if attributes.contains(.dim) { result |= sdw_a_dim() }
        if attributes.contains(.reverse) { result |= sdw_a_reverse() }
        if attributes.contains(.underline) { result |= sdw_a_underline() }
        return result
    }
}
