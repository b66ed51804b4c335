import Foundation

/// A small terminal line chart: series of (x, y) points on a character grid, with labelled axes and a legend.
/// Measured series are drawn as markers at their points; a `curve` (theory) is drawn in every column by linear
/// interpolation with its own glyph, underneath the markers.
public struct TextChart {
    public struct Series {
        public var name: String
        public var glyph: Character
        /// Used with `ascii`.
        public var asciiGlyph: Character
        public var points: [(x: Double, y: Double)]
        public var curve: Bool

        public init(name: String, glyph: Character, asciiGlyph: Character, points: [(x: Double, y: Double)], curve: Bool = false) {
            self.name = name
            self.glyph = glyph
            self.asciiGlyph = asciiGlyph
            self.points = points.filter { $0.x.isFinite && $0.y.isFinite }
            self.curve = curve
        }
    }

    public var title: String
    public var series: [Series]
    public var width: Int
    public var height: Int
    public var ascii: Bool
    public var formatX: (Double) -> String
    public var formatY: (Double) -> String
    public var xLabel: String
    /// Values above this are clipped (drawn as the top row's arrow), so one runaway point does not flatten the rest.
    public var yLimit: Double?
    /// The x axis's span when it should not follow the data (points still arriving); nil fits the data.
    public var xRange: ClosedRange<Double>?

    public init(title: String, series: [Series], width: Int = 60, height: Int = 12, ascii: Bool = false, xLabel: String,
                yLimit: Double? = nil, xRange: ClosedRange<Double>? = nil, formatX: @escaping (Double) -> String, formatY: @escaping (Double) -> String) {
        self.title = title
        self.series = series
        self.width = max(width, 10)
        self.height = max(height, 4)
        self.ascii = ascii
        self.xLabel = xLabel
        self.yLimit = yLimit
        self.xRange = xRange
        self.formatX = formatX
        self.formatY = formatY
    }

    public func rendered() -> String {
        let all = series.flatMap(\.points)
        guard let dataMinX = all.map(\.x).min(), let dataMaxX = all.map(\.x).max() else { return title + "\n  (no data)" }
        let minX = xRange?.lowerBound ?? dataMinX, maxX = xRange?.upperBound ?? dataMaxX
        let top = min(all.map(\.y).max() ?? 1, yLimit ?? .infinity)
        let maxY = top > 0 ? top : 1
        var grid = [[Character]](repeating: [Character](repeating: " ", count: width), count: height)
        func column(_ x: Double) -> Int {
            maxX > minX ? max(0, min(width - 1, Int(((x - minX) / (maxX - minX) * Double(width - 1)).rounded()))) : width / 2
        }
        func row(_ y: Double) -> Int? {
            guard y >= 0 else { return nil }
            if y > maxY * 1.0001 { return nil }
            return height - 1 - Int((y / maxY * Double(height - 1)).rounded())
        }
        let clipGlyph: Character = ascii ? "^" : "↑"
        for series in series.sorted(by: { $0.curve && !$1.curve }) {
            let glyph = ascii ? series.asciiGlyph : series.glyph
            if series.curve {
                let sorted = series.points.sorted { $0.x < $1.x }
                for x in 0..<width {
                    let atX = maxX > minX ? minX + (maxX - minX) * Double(x) / Double(width - 1) : minX
                    guard let y = Self.interpolate(sorted, at: atX), let r = row(y) else { continue }
                    grid[r][x] = glyph
                }
            } else {
                for point in series.points {
                    if let r = row(point.y) { grid[r][column(point.x)] = glyph } else if point.y > maxY { grid[0][column(point.x)] = clipGlyph }
                }
            }
        }
        let labels = (0..<height).map { r -> String in
            guard r == 0 || r == height - 1 || r == (height - 1) / 2 else { return "" }
            return formatY(maxY * Double(height - 1 - r) / Double(height - 1))
        }
        let labelWidth = labels.map(\.count).max() ?? 0
        let vertical = ascii ? "|" : "│", tick = ascii ? "+" : "┤", corner = ascii ? "+" : "└", horizontal = ascii ? "-" : "─"
        var lines = [title]
        for r in 0..<height {
            let label = String(repeating: " ", count: labelWidth - labels[r].count) + labels[r]
            var line = label + " " + (labels[r].isEmpty ? vertical : tick) + String(grid[r])
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        let pad = String(repeating: " ", count: labelWidth + 1)
        lines.append(pad + corner + String(repeating: horizontal, count: width))
        let left = formatX(minX), middle = formatX((minX + maxX) / 2), right = formatX(maxX)
        var axis = [Character](repeating: " ", count: width + 2)
        func place(_ text: String, at start: Int) {
            for (offset, character) in text.enumerated() where start + offset < axis.count && start + offset >= 0 { axis[start + offset] = character }
        }
        place(left, at: 1)
        place(middle, at: 1 + width / 2 - middle.count / 2)
        place(right, at: width + 1 - right.count)
        lines.append(pad + String(axis).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "  " + xLabel)
        let legend = series.map { "\(ascii ? $0.asciiGlyph : $0.glyph) \($0.name)" }.joined(separator: "   ")
        lines.append(pad + " " + legend + (series.contains { !$0.curve && $0.points.contains { $0.y > maxY } } ? "   \(clipGlyph) above the chart" : ""))
        return lines.joined(separator: "\n")
    }

    /// Linear interpolation of a sorted polyline; nil outside it.
    static func interpolate(_ points: [(x: Double, y: Double)], at x: Double) -> Double? {
        guard let first = points.first, let last = points.last, x >= first.x - 1e-12, x <= last.x + 1e-12 else { return nil }
        if points.count == 1 { return first.y }
        for index in 1..<points.count where x <= points[index].x + 1e-12 {
            let a = points[index - 1], b = points[index]
            if b.x == a.x { return b.y }
            return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return last.y
    }
}
