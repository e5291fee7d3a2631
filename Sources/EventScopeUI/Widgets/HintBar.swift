/// A one-row list of key hints; hints that do not fit whole are left out rather than cut.
public struct HintBar: Sendable {
    public var hints: [Hint]

    public init(hints: [Hint]) {
        self.hints = hints
    }

    /// Draws `key label  key label ...` into the first row of `rect`.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        grid.fill(row)
        var x = row.x + 1
        for hint in hints {
            let width = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label)
            guard x + width <= row.maxX else { break }
            x += grid.write(hint.key, x: x, y: row.y, role: .key)
            x += 1
            x += grid.write(hint.label, x: x, y: row.y, role: .normal)
            x += 2
        }
    }
}
