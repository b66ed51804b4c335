import Foundation
import Model

/// A link between two blocks, drawn as an orthogonal path of canvas cells that avoids boxes.
public struct RoutedEdge: Sendable, Equatable {
    public var from: String
    public var to: String
    /// Cells from just outside the source box to just before the target's left border (where the head goes).
    public var cells: [GridPoint]
}

/// Routes every link of a design around the boxes (A* on the canvas grid, turns cost extra, crossings allowed).
/// Results are memoised by geometry, so an unchanged layout costs a dictionary lookup per frame.
public enum EdgeRouter {
    public static func route(_ design: Design, positions: [String: GridPoint]) -> [RoutedEdge] {
        var edges: [(String, String)] = []
        for component in design.components {
            for edge in component.outgoing where positions[edge.to] != nil && !edges.contains(where: { $0 == (component.id, edge.to) }) {
                edges.append((component.id, edge.to))
            }
        }
        let key = RouteKey(positions: positions, edges: edges.map { [$0.0, $0.1] })
        if let cached = RouteCache.shared.get(key) { return cached }
        let routed = compute(positions: positions, edges: edges)
        RouteCache.shared.set(key, routed)
        return routed
    }

    static func compute(positions: [String: GridPoint], edges: [(String, String)]) -> [RoutedEdge] {
        let w = CanvasLayout.boxWidth, h = CanvasLayout.boxHeight
        let width = (positions.values.map(\.x).max() ?? 0) + w + 12
        let height = (positions.values.map(\.y).max() ?? 0) + h + 6
        var blocked = [Bool](repeating: false, count: width * height)
        for point in positions.values {
            for y in max(0, point.y)..<min(height, point.y + h) {
                for x in max(0, point.x - 1)..<min(width, point.x + w + 1) { blocked[y * width + x] = true }
            }
        }
        var used = [Bool](repeating: false, count: width * height)
        var result: [RoutedEdge] = []
        // A block's links leave (and arrive) on different rows of its side — the middle one first — so links of one
        // block do not share their first cells and draw over each other.
        let rows = [2, 1, 3]
        var leaving: [String: Int] = [:], arriving: [String: Int] = [:]
        for (from, to) in edges {
            guard let source = positions[from], let target = positions[to] else { continue }
            let exitRow = rows[(leaving[from] ?? 0) % rows.count], entryRow = rows[(arriving[to] ?? 0) % rows.count]
            leaving[from, default: 0] += 1
            arriving[to, default: 0] += 1
            let start = GridPoint(x: source.x + w + 1, y: source.y + exitRow)
            let goal = GridPoint(x: target.x - 2, y: target.y + entryRow)
            var path = astar(start: start, goal: goal, width: width, height: height, blocked: blocked, used: used)
            if path.isEmpty { continue }
            path.insert(GridPoint(x: source.x + w, y: source.y + exitRow), at: 0)
            path.append(GridPoint(x: target.x - 1, y: target.y + entryRow))
            for cell in path where cell.x >= 0 && cell.y >= 0 && cell.x < width && cell.y < height { used[cell.y * width + cell.x] = true }
            result.append(RoutedEdge(from: from, to: to, cells: path))
        }
        return result
    }

    /// Shortest path with a penalty per turn and for sharing cells with earlier links.
    static func astar(start: GridPoint, goal: GridPoint, width: Int, height: Int, blocked: [Bool], used: [Bool]) -> [GridPoint] {
        func inside(_ p: GridPoint) -> Bool { p.x >= 0 && p.y >= 0 && p.x < width && p.y < height }
        guard inside(start), inside(goal) else { return [] }
        let directions = [(1, 0), (-1, 0), (0, 1), (0, -1)]
        // State: cell index × 4 directions.
        let states = width * height * 4
        var cost = [Int](repeating: Int.max, count: states)
        var previous = [Int](repeating: -1, count: states)
        var heap: [(Int, Int)] = []  // (priority, state)
        func push(_ priority: Int, _ state: Int) {
            heap.append((priority, state))
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if heap[parent].0 <= heap[child].0 { break }
                heap.swapAt(parent, child)
                child = parent
            }
        }
        func pop() -> (Int, Int) {
            let top = heap[0]
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var index = 0
                while true {
                    var child = 2 * index + 1
                    if child >= heap.count { break }
                    if child + 1 < heap.count, heap[child + 1].0 < heap[child].0 { child += 1 }
                    if heap[index].0 <= heap[child].0 { break }
                    heap.swapAt(index, child)
                    index = child
                }
            }
            return top
        }
        func heuristic(_ x: Int, _ y: Int) -> Int { abs(x - goal.x) + abs(y - goal.y) }
        let startCell = start.y * width + start.x
        let startState = startCell * 4  // facing right
        cost[startState] = 0
        push(heuristic(start.x, start.y), startState)
        var found = -1
        var expansions = 0
        while !heap.isEmpty, expansions < 400_000 {
            let (_, state) = pop()
            expansions += 1
            let cell = state / 4, direction = state % 4
            let x = cell % width, y = cell / width
            if x == goal.x, y == goal.y { found = state; break }
            for (nd, (dx, dy)) in directions.enumerated() {
                if (nd == 0 && direction == 1) || (nd == 1 && direction == 0) || (nd == 2 && direction == 3) || (nd == 3 && direction == 2) { continue }
                let nx = x + dx, ny = y + dy
                guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                let ncell = ny * width + nx
                if blocked[ncell] { continue }
                var step = 1 + (nd != direction ? 6 : 0) + (used[ncell] ? 4 : 0)
                if nx == goal.x, ny == goal.y, nd != 0 { step += 50 }  // arrive moving right
                let nstate = ncell * 4 + nd
                let next = cost[state] + step
                if next < cost[nstate] {
                    cost[nstate] = next
                    previous[nstate] = state
                    push(next + heuristic(nx, ny), nstate)
                }
            }
        }
        guard found >= 0 else { return [] }
        var path: [GridPoint] = []
        var state = found
        while state >= 0 {
            let cell = state / 4
            path.append(GridPoint(x: cell % width, y: cell / width))
            state = previous[state]
        }
        return path.reversed()
    }
}

/// What routes depend on: where the blocks are and which links exist.
struct RouteKey: Hashable {
    var positions: [String: GridPoint]
    var edges: [[String]]
}

/// A small thread-safe memo of routes.
final class RouteCache: @unchecked Sendable {
    static let shared = RouteCache()
    private let lock = NSLock()
    private var entries: [RouteKey: [RoutedEdge]] = [:]

    func get(_ key: RouteKey) -> [RoutedEdge]? { lock.withLock { entries[key] } }

    func set(_ key: RouteKey, _ value: [RoutedEdge]) {
        lock.withLock {
            if entries.count > 64 { entries.removeAll() }
            entries[key] = value
        }
    }
}
