/// A cell on the workbench canvas: `x` is the column, `y` the row, both counted from 0.
public struct GridPoint: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}
