import Model
import Workbench

/// The whole screen as a pure function of the state.
public enum WorkbenchView {
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard !state.isTooSmall else {
            Overlays.tooSmall(state, into: &buffer)
            return buffer
        }
        let layout = ScreenLayout(state)
        func rect(_ area: Area) -> Rect { Rect(x: area.x, y: area.y, width: area.width, height: area.height) }
        Panes.titleBar(state, into: &buffer, area: rect(layout.title))
        CanvasView.draw(state, into: &buffer, area: rect(layout.canvas), focused: state.focus == .canvas)
        if let palette = layout.palette {
            Panes.palette(state, into: &buffer, area: rect(palette), focused: state.focus == .palette)
        }
        if let inspector = layout.inspector {
            Panes.inspector(state, into: &buffer, area: rect(inspector), focused: state.focus == .inspector)
        }
        Dock.metrics(state, into: &buffer, area: rect(layout.metrics), focused: state.focus == .metrics || state.focus == .events,
                     withEvents: layout.events == nil)
        if let events = layout.events {
            Dock.events(state, into: &buffer, area: rect(events), focused: state.focus == .events)
        }
        if let timeline = layout.timeline { TimelineBar.draw(state, into: &buffer, area: rect(timeline)) }
        Panes.statusLine(state, into: &buffer, area: rect(layout.status))
        switch state.mode {
        case .help:
            buffer.cursor = nil
            Overlays.help(state, into: &buffer)
        case .screen(let screen):
            buffer.cursor = nil
            ScreenViews.draw(screen, state, into: &buffer)
        case .addBlock(let index):
            Overlays.menu(title: "Add a block", items: ComponentKind.allCases.map { ($0.rawValue, $0.summary) }, selected: index, into: &buffer)
        case .picker(let files, let index):
            Overlays.menu(title: "Open a design", items: files.map { ($0.name, $0.description) }, selected: index, into: &buffer)
        case .failureMenu(let index):
            let target = state.selectedComponent?.id ?? ""
            Overlays.menu(title: "Inject a failure into \(target)", items: FailureChoice.allCases.map { ($0.label, "") }, selected: index, into: &buffer)
        case .confirmQuit:
            Overlays.dialog("Unsaved changes", ["\(state.design.name) has unsaved changes.", "y quit without saving · s save and quit · n stay"], into: &buffer)
        case .recovery(_, let savedAt, let file):
            Overlays.dialog("Recover unsaved work?", ["sdw found unsaved changes to \(file ?? "an untitled design") from \(savedAt).",
                                                       "y restore them · n discard them"], into: &buffer)
        case .confirmOverwrite(let path):
            Overlays.dialog("Overwrite?", ["\(path) already exists.", "y overwrite it · n choose another name"], into: &buffer)
        case .designChanged(let path, let message):
            Overlays.dialog("The scenario's design has changed", ["\(path): \(message).",
                                                                   "y replay against the current design (with a warning) · n cancel"], into: &buffer)
        default:
            break
        }
        return buffer
    }
}
