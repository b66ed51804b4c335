import Model

/// Where blocks go on the canvas: saved positions first, an automatic layered layout for the rest.
public enum CanvasLayout {
    public static let boxWidth = 22
    public static let boxHeight = 6
    static let columnGap = 8
    static let rowGap = 2

    /// Layers by distance from the entry (breadth first, ignoring loops), left to right; blocks nothing reaches go last.
    /// When the layers do not fit in `width` columns they wrap into bands stacked downwards, so a design fits the
    /// screen it is first opened on. Saved positions always win.
    public static func positions(for design: Design, width: Int = 10_000) -> [String: GridPoint] {
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
        var members: [Int: [String]] = [:]
        for component in design.components where component.position == nil {
            members[depth[component.id] ?? lastLayer, default: []].append(component.id)
        }
        let layersPerBand = max(1, (width - 2 + columnGap) / (boxWidth + columnGap))
        var result: [String: GridPoint] = [:]
        var bandTop = 1
        let layers = members.keys.sorted()
        for bandStart in stride(from: 0, to: layers.count, by: layersPerBand) {
            let band = layers[bandStart..<min(layers.count, bandStart + layersPerBand)]
            var tallest = 0
            for (column, layer) in band.enumerated() {
                for (row, id) in members[layer]!.enumerated() {
                    result[id] = GridPoint(x: 2 + column * (boxWidth + columnGap), y: bandTop + row * (boxHeight + rowGap))
                }
                tallest = max(tallest, members[layer]!.count)
            }
            bandTop += tallest * (boxHeight + rowGap) + 1
        }
        for component in design.components {
            if let saved = component.position { result[component.id] = saved }
        }
        return result
    }

    public static func box(at point: GridPoint) -> (x: Int, y: Int, width: Int, height: Int) {
        (point.x, point.y, boxWidth, boxHeight)
    }

    /// The block under a canvas cell, topmost (last in file order) first.
    public static func component(at x: Int, _ y: Int, in positions: [String: GridPoint], design: Design) -> String? {
        for component in design.components.reversed() {
            guard let p = positions[component.id] else { continue }
            if x >= p.x, x < p.x + boxWidth, y >= p.y, y < p.y + boxHeight { return component.id }
        }
        return nil
    }

    /// The canvas extent needed to show every block.
    public static func extent(of positions: [String: GridPoint]) -> (width: Int, height: Int) {
        let positions = positions.values
        return ((positions.map(\.x).max() ?? 0) + boxWidth + 2, (positions.map(\.y).max() ?? 0) + boxHeight + 2)
    }

    /// A free spot for a new block, within `width` columns when there is room there.
    public static func freeSpot(in positions: [String: GridPoint], width: Int) -> GridPoint {
        let positions = Array(positions.values)
        var candidate = GridPoint(x: 2, y: 1)
        let columns = max(1, (width - 2 + columnGap) / (boxWidth + columnGap))
        for y in stride(from: 1, through: 1 + 20 * (boxHeight + rowGap), by: boxHeight + rowGap) {
            for x in stride(from: 2, to: 2 + columns * (boxWidth + columnGap), by: boxWidth + columnGap) {
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
