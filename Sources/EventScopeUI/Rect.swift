/// A rectangle of cells; layout is arithmetic on these and never draws.
public struct Rect: Sendable, Equatable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var description: String { "Rect(\(x),\(y) \(width)x\(height))" }

    /// Splits off `count` rows from the top, returning (top, rest).
    public func splitTop(_ count: Int) -> (Rect, Rect) {
        let top = min(max(count, 0), height)
        return (Rect(x: x, y: y, width: width, height: top), Rect(x: x, y: y + top, width: width, height: height - top))
    }

    /// Splits off `count` rows from the bottom, returning (rest, bottom).
    public func splitBottom(_ count: Int) -> (Rect, Rect) {
        let bottom = min(max(count, 0), height)
        return (Rect(x: x, y: y, width: width, height: height - bottom), Rect(x: x, y: y + height - bottom, width: width, height: bottom))
    }

    /// Splits off `count` columns from the left, returning (left, rest).
    public func splitLeft(_ count: Int) -> (Rect, Rect) {
        let left = min(max(count, 0), width)
        return (Rect(x: x, y: y, width: left, height: height), Rect(x: x + left, y: y, width: width - left, height: height))
    }

    /// The rectangle shrunk by `margin` on every side.
    public func inset(_ margin: Int) -> Rect {
        Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }

    /// One row of this rectangle (empty when out of range).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }
}
