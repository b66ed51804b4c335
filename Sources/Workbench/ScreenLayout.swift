import Model

/// A rectangle in screen cells (duplicated from Render's `Rect` so the reducer can hit-test without Render).
public struct Area: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}

/// Where each pane sits for a screen size: shared by the views (to draw) and the reducer (to hit-test clicks).
public struct ScreenLayout: Sendable, Equatable {
    public var title: Area
    public var status: Area
    public var palette: Area?
    public var canvas: Area
    public var side: Area?
    public var inspector: Area?
    public var metrics: Area
    public var events: Area?
    /// A replay's timeline bar: one line above the dock.
    public var timeline: Area?

    public init(_ state: AppState) {
        let width = state.width, height = state.height
        title = Area(x: 0, y: 0, width: width, height: 1)
        status = Area(x: 0, y: height - 1, width: width, height: 1)
        let bar = state.replay != nil ? 1 : 0
        if state.isWide {
            let dock = 7
            let top = height - 2 - dock - bar
            palette = Area(x: 0, y: 1, width: 20, height: top)
            inspector = Area(x: width - 38, y: 1, width: 38, height: top)
            canvas = Area(x: 20, y: 1, width: width - 58, height: top)
            side = nil
            let metricsWidth = width * 3 / 5
            metrics = Area(x: 0, y: 1 + top + bar, width: metricsWidth, height: dock)
            events = Area(x: metricsWidth, y: 1 + top + bar, width: width - metricsWidth, height: dock)
        } else {
            // Narrow: the canvas keeps the room; the inspector or the palette opens beside it while focused.
            let dock = 6
            let top = height - 2 - dock - bar
            let showSide = state.focus == .inspector || state.focus == .palette || state.mode.isEditing
            let sideWidth = showSide ? 36 : 0
            canvas = Area(x: 0, y: 1, width: width - sideWidth, height: top)
            side = showSide ? Area(x: width - sideWidth, y: 1, width: sideWidth, height: top) : nil
            palette = showSide && state.narrowSidePane == .palette ? side : nil
            inspector = showSide && state.narrowSidePane != .palette ? side : nil
            metrics = Area(x: 0, y: 1 + top + bar, width: width, height: dock)
            events = nil
        }
        timeline = bar > 0 ? Area(x: 0, y: metrics.y - 1, width: width, height: 1) : nil
    }
}

enum CanvasGeometry {
    /// Cells inside the canvas border.
    static func canvasSize(_ state: AppState) -> (width: Int, height: Int) {
        let area = ScreenLayout(state).canvas
        return (max(1, area.width - 2), max(1, area.height - 2))
    }
}

extension Mode {
    /// Editing a parameter keeps the inspector on screen.
    public var isEditing: Bool {
        if case .edit = self { return true }
        return false
    }
}
