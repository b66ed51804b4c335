import Layout
import Model

/// Selection, and every change to the design: add, connect, delete, move, edit, undo and redo.
enum EditReducer {
    static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .selectionMoved(let direction):
            moveSelection(&state, direction)
            return []
        case .componentClicked(let id):
            if case .connect(let from) = state.mode { return reduce(&state, .linkAdded(from: from, to: id)) }
            state.selection = .component(id)
            state.inspectorRow = 0
            state.focus = .canvas
            return []
        case .canvasClicked:
            if case .connect = state.mode { return [] }
            state.selection = nil
            state.inspectorRow = 0
            return []
        case .blockDragged(let id, let point):
            guard let index = state.design.index(of: id) else { return [] }
            let clamped = GridPoint(x: max(2, point.x), y: max(0, point.y))  // room on the left for an arrow head
            if state.design.components[index].position == clamped, state.positions[id] == clamped { return [] }
            // One undo step per drag: pushed when the drag starts moving.
            if state.drag?.moved != true {
                state.undoStack.append(state.design)
                state.redoStack.removeAll()
                state.drag?.moved = true
            }
            pinAll(&state)
            state.design.components[index].position = clamped
            return [.writeRecovery]
        case .blockNudged(let direction):
            guard case .component(let id) = state.selection, let index = state.design.index(of: id),
                  let current = state.positions[id] else { return [] }
            var next = state.design
            for (i, component) in next.components.enumerated() where component.position == nil {
                next.components[i].position = state.positions[component.id]
            }
            let (dx, dy) = offset(direction)
            next.components[index].position = GridPoint(x: max(2, current.x + dx * 2), y: max(0, current.y + dy))
            return commit(&state, next, "")
        case .paletteOpened:
            state.mode = .addBlock(index: state.paletteIndex)
            return []
        case .paletteMoved(let delta):
            return Reducer.reduce(&state, .menuMoved(delta))
        case .blockAdded(let kind):
            return addBlock(kind, &state)
        case .connectStarted:
            guard case .component(let id) = state.selection else {
                state.message = StatusMessage("select the block to connect from first", isError: true)
                return []
            }
            state.mode = .connect(from: id)
            state.message = StatusMessage("connect \(id) to…: move to the target and press Enter (Esc cancels)")
            return []
        case .linkAdded(let from, let to):
            state.mode = .normal
            return connect(from, to, &state)
        case .deleteRequested:
            return delete(&state)
        case .editStarted:
            let fields = InspectorFields.fields(for: state)
            guard state.inspectorRow < fields.count else { return [] }
            let field = fields[state.inspectorRow]
            guard field.editable else {
                state.message = StatusMessage("\(field.label.isEmpty ? field.key : field.label) is read-only", isError: true)
                return []
            }
            state.focus = .inspector
            state.narrowSidePane = .inspector
            let text = field.value == "—" ? "" : field.value.hasSuffix("/s") ? String(field.value.dropLast(2)) : field.value
            state.mode = .edit(field: field.key, text: text, error: nil)
            return []
        case .editTextChanged(let text):
            if case .edit(let field, _, _) = state.mode { state.mode = .edit(field: field, text: text, error: nil) }
            return []
        case .editCommitted:
            guard case .edit(let field, let text, _) = state.mode else { return [] }
            do {
                let edited = try FieldParser.apply(field, text: text, to: state.design, selection: state.selection)
                state.mode = .normal
                if edited == state.design { return [] }
                let owner: String
                switch state.selection {
                case .component(let id)?: owner = id + ": "
                case .link(let from, let to)?: owner = "\(from) → \(to): "
                case nil: owner = "workload: "
                }
                return commit(&state, edited, owner + "\(field.replacingOccurrences(of: "workload.", with: "").replacingOccurrences(of: "link.", with: "")) → \(text)")
            } catch FieldParser.Refusal.invalid(let reason) {
                state.mode = .edit(field: field, text: text, error: reason)
                return []
            } catch {
                state.mode = .edit(field: field, text: text, error: "\(error)")
                return []
            }
        case .undoRequested:
            return step(&state, from: \.undoStack, to: \.redoStack, "undone", "nothing to undo")
        case .redoRequested:
            return step(&state, from: \.redoStack, to: \.undoStack, "redone", "nothing to redo")
        default:
            return []
        }
    }

    /// Undo and redo: take a design from one history, keep the current one in the other.
    static func step(_ state: inout AppState, from source: WritableKeyPath<AppState, [Design]>,
                     to target: WritableKeyPath<AppState, [Design]>, _ done: String, _ empty: String) -> [Effect] {
        guard let design = state[keyPath: source].popLast() else {
            state.message = StatusMessage(empty)
            return []
        }
        state[keyPath: target].append(state.design)
        state.design = design
        fixSelection(&state)
        state.message = StatusMessage(done)
        state.log(.info, done)
        return [.applyDesign, .writeRecovery]
    }

    /// Replaces the design, keeping the old one for undo.
    static func commit(_ state: inout AppState, _ design: Design, _ note: String) -> [Effect] {
        state.undoStack.append(state.design)
        if state.undoStack.count > 200 { state.undoStack.removeFirst() }
        state.redoStack.removeAll()
        state.design = design
        fixSelection(&state)
        if !note.isEmpty { state.log(.info, note) }
        return [.applyDesign, .writeRecovery]
    }

    /// Saves every block's current place, so moving one does not reflow the others.
    static func pinAll(_ state: inout AppState) {
        let positions = state.positions
        for index in state.design.components.indices where state.design.components[index].position == nil {
            state.design.components[index].position = positions[state.design.components[index].id]
        }
    }

    static func fixSelection(_ state: inout AppState) {
        switch state.selection {
        case .component(let id)? where state.design.component(id) == nil:
            state.selection = state.design.components.first.map { .component($0.id) }
        case .link(let from, let to)?:
            let exists = state.design.component(from)?.outgoing.contains { $0.to == to } ?? false
            if !exists { state.selection = state.design.component(from) != nil ? .component(from) : nil }
        default: break
        }
        let count = InspectorFields.fields(for: state).count
        state.inspectorRow = max(0, min(state.inspectorRow, count - 1))
    }

    static func offset(_ direction: Direction) -> (Int, Int) {
        switch direction {
        case .up: return (0, -1)
        case .down: return (0, 1)
        case .left: return (-1, 0)
        case .right: return (1, 0)
        }
    }

    /// Moves to the nearest block whose centre lies in the direction pressed.
    static func moveSelection(_ state: inout AppState, _ direction: Direction) {
        let positions = state.positions
        let currentID: String?
        switch state.selection {
        case .component(let id)?: currentID = id
        case .link(let from, _)?: currentID = from
        case nil: currentID = nil
        }
        guard let currentID, let here = positions[currentID] else {
            state.selection = state.design.components.first.map { .component($0.id) }
            return
        }
        let (dx, dy) = offset(direction)
        var best: (String, Int)?
        for (id, point) in positions where id != currentID {
            let ax = point.x - here.x, ay = (point.y - here.y) * 3  // rows are taller than columns are wide
            let along = ax * dx + ay * dy
            guard along > 0 else { continue }
            let across = abs(ax * dy) + abs(ay * dx)
            let score = along + 2 * across
            if best == nil || score < best!.1 || (score == best!.1 && id < best!.0) { best = (id, score) }
        }
        if let best {
            state.selection = .component(best.0)
            state.inspectorRow = 0
            scrollIntoView(&state, best.0)
        }
    }

    static func scrollIntoView(_ state: inout AppState, _ id: String) {
        guard let point = state.positions[id] else { return }
        let view = CanvasGeometry.canvasSize(state)
        if point.x < state.pan.x { state.pan.x = max(0, point.x - 2) }
        if point.y < state.pan.y { state.pan.y = max(0, point.y - 1) }
        if point.x + CanvasLayout.boxWidth > state.pan.x + view.width { state.pan.x = point.x + CanvasLayout.boxWidth - view.width + 2 }
        if point.y + CanvasLayout.boxHeight > state.pan.y + view.height { state.pan.y = point.y + CanvasLayout.boxHeight - view.height + 1 }
    }

    static func uniqueID(for kind: ComponentKind, in design: Design) -> String {
        let stems: [ComponentKind: String] = [.loadBalancer: "lb", .apiGateway: "gw", .rateLimiter: "limiter", .cache: "cache",
                                              .cdn: "cdn", .queue: "queue", .database: "db"]
        let stem = stems[kind] ?? "svc"
        var n = 1
        while design.component("\(stem)\(n)") != nil { n += 1 }
        return "\(stem)\(n)"
    }

    static func addBlock(_ kind: ComponentKind, _ state: inout AppState) -> [Effect] {
        state.mode = .normal
        var next = state.design
        let id = uniqueID(for: kind, in: next)
        let spot = CanvasLayout.freeSpot(in: state.positions, width: CanvasGeometry.canvasSize(state).width)
        for (i, component) in next.components.enumerated() where component.position == nil {
            next.components[i].position = state.positions[component.id]
        }
        guard var component = defaultBlock(kind, id: id, in: next) else {
            let needs = kind.routes ? "a service to route to" : "a service or database to read through to"
            state.message = StatusMessage("a \(kind.rawValue) needs \(needs): add one first", isError: true)
            return []
        }
        component.position = spot
        next.components.append(component)
        let effects = commit(&state, next, "added \(kind.rawValue) '\(id)'")
        state.selection = .component(id)
        state.inspectorRow = 0
        scrollIntoView(&state, id)
        state.message = StatusMessage("added \(id): press c to connect it, e to edit its parameters")
        return effects
    }

    static func connect(_ from: String, _ to: String, _ state: inout AppState) -> [Effect] {
        guard from != to else {
            state.message = StatusMessage("a block cannot call itself", isError: true)
            return []
        }
        guard let index = state.design.index(of: from) else { return [] }
        var next = state.design
        var source = next.components[index]
        if source.outgoing.contains(where: { $0.to == to }) {
            state.message = StatusMessage("\(from) already sends to \(to)", isError: true)
            return []
        }
        if source.kind.routes {
            source.routes.append(to)
            if source.weights != nil { source.weights?.append(1) }
        } else if source.cache != nil {
            // A cache or CDN has one backing store: connecting points it elsewhere.
            source.cache?.backing = to
        } else {
            source.calls.append(Call(to: to, mode: next.component(to)?.kind == .queue ? .async : .sync))
        }
        next.components[index] = source
        if let problem = DesignParser.check(next).first(where: { $0.severity == .error }) {
            state.message = StatusMessage("cannot connect: \(problem.message)", isError: true)
            return []
        }
        let effects = commit(&state, next, "connected \(from) → \(to)")
        state.selection = .link(from: from, to: to)
        state.inspectorRow = 0
        return effects
    }

    static func delete(_ state: inout AppState) -> [Effect] {
        switch state.selection {
        case .component(let id)?:
            guard state.design.components.count > 1 else {
                state.message = StatusMessage("a design needs at least one block", isError: true)
                return []
            }
            var next = state.design
            next.components.removeAll { $0.id == id }
            if let dependent = next.components.first(where: { $0.cache?.backing == id }) {
                state.message = StatusMessage("'\(dependent.id)' reads through '\(id)': point it elsewhere (c) or delete it first", isError: true)
                return []
            }
            for index in next.components.indices {
                next.components[index].calls.removeAll { $0.to == id }
                if next.components[index].queue?.deadLetter == id { next.components[index].queue?.deadLetter = nil }
                if let routeIndex = next.components[index].routes.firstIndex(of: id) {
                    next.components[index].routes.remove(at: routeIndex)
                    next.components[index].weights?.remove(at: routeIndex)
                }
            }
            if next.workload.entry == id {
                next.workload.entry = next.components[0].id
                state.log(.warn, "the entry is now '\(next.workload.entry)'")
            }
            let effects = commit(&state, next, "deleted '\(id)' (u undoes)")
            state.selection = next.components.first.map { .component($0.id) }
            return effects
        case .link(let from, let to)?:
            guard let index = state.design.index(of: from) else { return [] }
            var next = state.design
            next.components[index].calls.removeAll { $0.to == to }
            if let routeIndex = next.components[index].routes.firstIndex(of: to) {
                next.components[index].routes.remove(at: routeIndex)
                next.components[index].weights?.remove(at: routeIndex)
            }
            let effects = commit(&state, next, "removed link \(from) → \(to) (u undoes)")
            state.selection = .component(from)
            return effects
        case nil:
            state.message = StatusMessage("select a block or a link to delete", isError: true)
            return []
        }
    }
}
