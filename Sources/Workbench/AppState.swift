import Layout
import Model

public enum RunState: String, Sendable, Equatable { case running, paused, stopped }

/// The panes Tab cycles through (on narrow screens only one side pane shows at a time).
public enum Pane: Int, CaseIterable, Sendable, Equatable {
    case canvas, palette, inspector, metrics, events

    public var title: String {
        switch self {
        case .canvas: return "Canvas"
        case .palette: return "Blocks"
        case .inspector: return "Inspector"
        case .metrics: return "Metrics"
        case .events: return "Events"
        }
    }
}

public enum Selection: Sendable, Equatable {
    case component(String)
    /// A call or a load-balancer route from one component to another.
    case link(from: String, to: String)
}

/// A design file offered by the open picker.
public struct DesignFile: Sendable, Equatable {
    public var path: String
    public var name: String
    public var description: String

    public init(path: String, name: String, description: String) {
        self.path = path
        self.name = name
        self.description = description
    }
}

/// What keys mean right now.
public enum Mode: Sendable, Equatable {
    case normal
    /// Choosing a block kind to add.
    case addBlock(index: Int)
    /// Choosing the component to connect `from` to.
    case connect(from: String)
    /// Editing one inspector field; `error` says why the last value was refused.
    case edit(field: String, text: String, error: String?)
    case command(text: String, error: String?)
    case help
    case confirmQuit
    case picker(files: [DesignFile], index: Int)
    case failureMenu(index: Int)
    /// A recovery file from an earlier session is on offer.
    case recovery(path: String, savedAt: String, file: String?)
    /// A full-screen view: the design's analysis, the envelope calculator or the load curve.
    case screen(FullScreen)
    /// A stopped recording waits for its name (`Scenarios/NAME.yaml`); `note` says why it stopped when it was not `R`.
    case scenarioName(text: String, error: String?, note: String?)
    /// `Scenarios/NAME.yaml` exists: overwrite it (y) or choose another name (n).
    case confirmOverwrite(path: String)
    /// A scenario's design file changed since it was recorded: replay against the current design (y) or cancel (n).
    case designChanged(path: String, message: String)
}

public struct LogEntry: Sendable, Equatable {
    public enum Level: Sendable, Equatable { case info, ok, warn, error }
    public var time: Double
    public var level: Level
    public var text: String

    public init(time: Double, level: Level, text: String) {
        self.time = time
        self.level = level
        self.text = text
    }
}

public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// Everything the screen shows. Views are pure functions of this; only `reduce` changes it.
public struct AppState: Sendable, Equatable {
    public static let speeds: [Double] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100]
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var design: Design
    /// The design as last saved or opened: `modified` compares against it.
    public var savedDesign: Design
    public var filePath: String?
    public var runState: RunState = .paused
    public var speedIndex = 3
    /// Simulated seconds per wall second actually reached, when below the requested speed.
    public var achievedSpeed: Double?
    public var seed: UInt64
    public var simTime: Double = 0
    public var focus: Pane = .canvas
    /// The side pane shown on narrow screens.
    public var narrowSidePane: Pane = .inspector
    public var selection: Selection?
    public var mode: Mode = .normal
    public var inspectorRow = 0
    public var paletteIndex = 0
    /// Top-left canvas cell shown at the canvas origin.
    public var pan = GridPoint(x: 0, y: 0)
    public var live = LiveMetrics()
    public var log: [LogEntry] = []
    public var undoStack: [Design] = []
    public var redoStack: [Design] = []
    public var message: StatusMessage?
    public var width: Int
    public var height: Int
    /// A block being dragged with the mouse: its id and where the drag grabbed it, relative to its corner.
    public var drag: Drag?
    public var quitRequested = false
    /// `:wq` (or `s` in the quit prompt): quit once the save has succeeded.
    public var quitAfterSave = false
    /// First line of the help overlay shown (it scrolls on small screens).
    public var helpScroll = 0
    /// Components currently flagged as saturated in the event log.
    public var saturated: Set<String> = []
    /// First line shown of a full-screen view (the view clamps it to its content).
    public var screenScroll = 0
    /// The back-of-the-envelope calculator's inputs, selected row and editor.
    public var envelope = EnvelopeForm()
    /// The load curve being swept (or swept) for the design on screen.
    public var loadCurve: LoadCurveState?
    /// Numbers load-curve sweeps so results of a cancelled one are recognised and dropped.
    public var loadCurveRuns = 0
    /// `R`: the run's changes being recorded as a scenario.
    public var recording: Recording?
    /// A stopped recording waiting to be named and saved.
    public var pendingRecording: Recording?
    /// A scenario being replayed.
    public var replay: ReplayState?
    /// `n` and `.`: run to this simulated time as fast as the frame budget allows, then pause.
    public var runTarget: Double?

    public struct Drag: Sendable, Equatable {
        public var id: String
        public var grabX: Int
        public var grabY: Int
        /// Whether the block has moved yet (the undo step is taken then).
        public var moved = false

        public init(id: String, grabX: Int, grabY: Int) {
            self.id = id
            self.grabX = grabX
            self.grabY = grabY
        }
    }

    public init(design: Design, filePath: String?, width: Int = 120, height: Int = 40) {
        self.design = design
        savedDesign = design
        self.filePath = filePath
        seed = design.seed
        self.width = width
        self.height = height
        selection = design.components.first.map { .component($0.id) }
    }

    public var modified: Bool { design != savedDesign }
    public var speed: Double { AppState.speeds[speedIndex] }
    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }
    /// Wide screens show palette, canvas, inspector and the dock together.
    public var isWide: Bool { width >= 120 && height >= 30 }

    public var selectedComponent: Component? {
        if case .component(let id) = selection { return design.component(id) }
        return nil
    }

    /// Where each block sits: its saved position, or the automatic layout.
    public var positions: [String: GridPoint] { CanvasLayout.positions(for: design, width: CanvasGeometry.canvasSize(self).width) }

    public mutating func log(_ level: LogEntry.Level, _ text: String) {
        log.append(LogEntry(time: simTime, level: level, text: text))
        if log.count > 500 { log.removeFirst(log.count - 500) }
    }
}
