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
        var cells: [cchar_t] = []
        cells.reserveCapacity(max(buffer.width, 1) + 1)
        for run in buffer.changes(from: lastDrawn) where run.y < rows && run.x < columns {
            cells.removeAll(keepingCapacity: true)
            let look = palette.appearance(of: run.style)
            let attributes = TerminalScreen.cursesAttributes(look.attributes)
            let styleKey = UInt64(run.style.role.rawValue) << 1 | (run.style.bold ? 1 : 0)
            for scalar in run.text.unicodeScalars.prefix(columns - run.x) {
                let character = displayableCached(scalar)
                let key = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: character))) << 8 | styleKey
                if let cell = cellCache[key] {
                    cells.append(cell)
                } else {
                    let cell = sdw_cchar(character, attributes, look.pair)
                    if cellCache.count > 4096 { cellCache.removeAll() }
                    cellCache[key] = cell
                    cells.append(cell)
                }
            }
            // Writes the cells as they are (no wrapping, no cursor advance), the bottom-right one included.
            _ = mvwadd_wchnstr(window, Int32(run.y), Int32(run.x), cells, Int32(cells.count))
            cellsWritten += cells.count
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

    /// `displayable`, remembering wcwidth's answer per character: a full frame is mostly box drawing and
    /// braille, and asking libc for each of 12,000 cells cost a third of a full redraw.
    @inline(__always)
    func displayableCached(_ scalar: Unicode.Scalar) -> wchar_t {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return wchar_t(value) }
        guard value < 0x10000 else { return TerminalScreen.displayable(scalar) }
        var known = widthCache[Int(value)]
        if known == 0 {
            known = TerminalScreen.displayable(scalar) == wchar_t(value) ? 1 : 2
            widthCache[Int(value)] = known
        }
        return known == 1 ? wchar_t(value) : wchar_t(UInt8(ascii: "?"))
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
