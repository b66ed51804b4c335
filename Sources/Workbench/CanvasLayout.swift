import Model

/// Where blocks go on the canvas: saved positions first, an automatic layered layout for the rest.
public enum CanvasLayout {
    public static let boxWidth = 22
    public static let boxHeight = 6
    static let columnGap = 8
    static let rowGap = 2

    /// Layers by distance from the entry (longest forward path, ignoring loops); blocks nothing reaches go last.
    public static func positions(for design: Design) -> [String: GridPoint] {
        var depth: [String: Int] = [design.workload.entry: 0]
        var order = [design.workload.entry]
        var head = 0
        while head < order.count {
            let id = order[head]
            head += 1
            for edge in design.component(id)?.outgoing ?? [] where depth[edge.to] == nil {
                depth[edge.to] = depth[id]! + 1
                order.append(edge.to)
            }
        }
        let lastLayer = (depth.values.max() ?? 0) + 1
        var rowsUsed: [Int: Int] = [:]
        var result: [String: GridPoint] = [:]
        for component in design.components {
            if let saved = component.position {
                result[component.id] = saved
                continue
            }
            let layer = depth[component.id] ?? lastLayer
            let row = rowsUsed[layer, default: 0]
            rowsUsed[layer] = row + 1
            result[component.id] = GridPoint(x: 2 + layer * (boxWidth + columnGap), y: 1 + row * (boxHeight + rowGap))
        }
        return result
    }

    public static func box(at point: GridPoint) -> (x: Int, y: Int, width: Int, height: Int) {
        (point.x, point.y, boxWidth, boxHeight)
    }

    /// The block under a canvas cell, topmost (last in file order) first.
    public static func component(at x: Int, _ y: Int, in design: Design) -> String? {
        let positions = positions(for: design)
        for component in design.components.reversed() {
            guard let p = positions[component.id] else { continue }
            if x >= p.x, x < p.x + boxWidth, y >= p.y, y < p.y + boxHeight { return component.id }
        }
        return nil
    }

    /// The canvas extent needed to show every block.
    public static func extent(for design: Design) -> (width: Int, height: Int) {
        let positions = positions(for: design).values
        return ((positions.map(\.x).max() ?? 0) + boxWidth + 2, (positions.map(\.y).max() ?? 0) + boxHeight + 2)
    }

    /// A free spot for a new block: right of everything in the first row that has room.
    public static func freeSpot(in design: Design) -> GridPoint {
        let positions = Array(positions(for: design).values)
        var candidate = GridPoint(x: 2, y: 1)
        for y in stride(from: 1, through: 1 + 10 * (boxHeight + rowGap), by: boxHeight + rowGap) {
            for x in stride(from: 2, through: 2 + 8 * (boxWidth + columnGap), by: boxWidth + columnGap) {
                candidate = GridPoint(x: x, y: y)
                let overlaps = positions.contains {
                    abs($0.x - x) < boxWidth + 2 && abs($0.y - y) < boxHeight + 1
                }
                if !overlaps { return candidate }
            }
        }
        return candidate
    }
}
