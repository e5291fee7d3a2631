/// A one-row bar with segments on the left and on the right, separated by `│`.
///
/// When the row is too narrow, the least important segments are dropped first; if the one
/// left still does not fit it is cut with `…`, so the bar never wraps.
public struct StatusBar: Sendable {
    public var left: [StatusSegment]
    public var right: [StatusSegment]

    public init(left: [StatusSegment], right: [StatusSegment] = []) {
        self.left = left
        self.right = right
    }

    static let separator = " │ "

    static func width(_ segments: [StatusSegment]) -> Int {
        guard !segments.isEmpty else { return 0 }
        let separators = (segments.count - 1) * DisplayWidth.of(separator)
        return segments.reduce(separators) { $0 + DisplayWidth.of($1.text) } + 2
    }

    /// The segments kept for a row of `width` columns (left side, right side).
    public static func fit(left: [StatusSegment], right: [StatusSegment], width: Int) -> ([StatusSegment], [StatusSegment]) {
        var keptLeft = left
        var keptRight = right
        func total() -> Int { self.width(keptLeft) + self.width(keptRight) }
        while total() > width, keptLeft.count + keptRight.count > 1 {
            guard let worst = (keptLeft + keptRight).map(\.priority).max() else { break }
            // Among equally unimportant segments, drop from the right side first, then the end.
            if let index = keptRight.lastIndex(where: { $0.priority == worst }) {
                keptRight.remove(at: index)
            } else if let index = keptLeft.lastIndex(where: { $0.priority == worst }) {
                keptLeft.remove(at: index)
            }
        }
        return (keptLeft, keptRight)
    }

    /// Draws the bar into the first row of `rect`.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        grid.fill(row, with: Cell(" ", role: .statusBar))
        let (keptLeft, keptRight) = StatusBar.fit(left: left, right: right, width: row.width)
        let rightWidth = StatusBar.width(keptRight)
        draw(keptLeft, from: row.x + 1, limit: row.maxX - rightWidth - 1, y: row.y, grid: &grid)
        if !keptRight.isEmpty {
            draw(keptRight, from: max(row.x + 1, row.maxX - rightWidth + 1), limit: row.maxX - 1, y: row.y, grid: &grid)
        }
    }

    private func draw(_ segments: [StatusSegment], from start: Int, limit: Int, y: Int, grid: inout Grid) {
        var x = start
        for (index, segment) in segments.enumerated() {
            if index > 0 { x += grid.write(StatusBar.separator, x: x, y: y, maxWidth: max(0, limit - x), role: .statusBar) }
            let room = max(0, limit - x)
            x += grid.write(TextFit.truncated(segment.text, width: room), x: x, y: y, maxWidth: room, role: segment.role)
        }
    }
}
