/// A border around a rectangle with an optional title in the top edge (`┌ Title ───┐`).
public struct Box: Sendable {
    public var title: String?
    /// Drawn at the right end of the top edge, e.g. a position like `12/340`.
    public var rightTitle: String?
    public var style: BorderStyle
    public var role: Role

    public init(title: String? = nil, rightTitle: String? = nil, style: BorderStyle = .single, role: Role = .border) {
        self.title = title
        self.rightTitle = rightTitle
        self.style = style
        self.role = role
    }

    /// The area inside the border.
    public static func inner(_ rect: Rect) -> Rect {
        rect.inset(1)
    }

    /// Draws the border and returns the inner area; a rect under 2×2 gets no border.
    @discardableResult
    public func render(into grid: inout Grid, in rect: Rect) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return rect }
        let horizontal = Cell(String(style.horizontal), role: role)
        let vertical = Cell(String(style.vertical), role: role)
        grid.fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: horizontal)
        grid.fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), with: horizontal)
        grid.fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: vertical)
        grid.fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), with: vertical)
        grid[rect.x, rect.y] = Cell(String(style.topLeft), role: role)
        grid[rect.maxX - 1, rect.y] = Cell(String(style.topRight), role: role)
        grid[rect.x, rect.maxY - 1] = Cell(String(style.bottomLeft), role: role)
        grid[rect.maxX - 1, rect.maxY - 1] = Cell(String(style.bottomRight), role: role)
        let edge = rect.width - 4
        var titleEnd = rect.x + 1
        if let title, !title.isEmpty, edge > 0 {
            titleEnd += grid.write(" " + TextFit.truncated(title, width: edge) + " ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, role: .title)
        }
        if let rightTitle, !rightTitle.isEmpty {
            let text = " " + rightTitle + " "
            let width = DisplayWidth.of(text)
            let start = rect.maxX - 1 - width
            // Only when it fits without touching the left title.
            if start > titleEnd { grid.write(text, x: start, y: rect.y, role: role) }
        }
        return Box.inner(rect)
    }
}
