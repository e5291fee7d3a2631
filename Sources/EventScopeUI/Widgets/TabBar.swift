/// The row of screen names with their digit shortcuts; the active one is bracketed as well
/// as highlighted so it shows without colour.
public struct TabBar: Sendable {
    public var titles: [String]
    /// Whole-word labels used when the titles do not fit (nil: titles are cut instead).
    public var shortTitles: [String]?
    public var activeIndex: Int

    public init(titles: [String], shortTitles: [String]? = nil, activeIndex: Int) {
        self.titles = titles
        self.shortTitles = shortTitles
        self.activeIndex = activeIndex
    }

    /// The label for tab `index` with its title cut to `titleWidth` columns (nil keeps it whole).
    static func label(_ title: String, index: Int, titleWidth: Int?) -> (shortcut: String, title: String) {
        let shortcut = index < 9 ? String(index + 1) : ""
        var text = title
        if let titleWidth { text = titleWidth <= 0 ? "" : TextFit.truncated(title, width: titleWidth) }
        return (shortcut, text)
    }

    /// Columns taken by all tabs with titles cut to `titleWidth`.
    static func totalWidth(_ titles: [String], titleWidth: Int?) -> Int {
        titles.indices.reduce(0) { sum, index in
            let (shortcut, title) = label(titles[index], index: index, titleWidth: titleWidth)
            return sum + 2 + DisplayWidth.of(shortcut) + (title.isEmpty ? 0 : 1 + DisplayWidth.of(title))
        }
    }

    /// Draws `[1 Overview] 2 Topics  3 ...` into the first row of `rect`, shortening titles
    /// (down to digits only) when the row is too narrow.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        grid.fill(row, with: Cell(" ", role: .tabInactive))
        var titles = self.titles
        if TabBar.totalWidth(titles, titleWidth: nil) > row.width, let shortTitles, shortTitles.count == titles.count {
            titles = shortTitles
        }
        var titleWidth: Int? = nil
        if TabBar.totalWidth(titles, titleWidth: nil) > row.width {
            let longest = titles.map { DisplayWidth.of($0) }.max() ?? 0
            var width = longest
            while width > 0, TabBar.totalWidth(titles, titleWidth: width) > row.width { width -= 1 }
            titleWidth = width
        }
        var x = row.x
        for index in titles.indices {
            let active = index == activeIndex
            let role: Role = active ? .tabActive : .tabInactive
            let (shortcut, title) = TabBar.label(titles[index], index: index, titleWidth: titleWidth)
            let remaining = { row.maxX - x }
            guard remaining() > 0 else { break }
            x += grid.write(active ? "[" : " ", x: x, y: row.y, maxWidth: remaining(), role: role)
            x += grid.write(shortcut, x: x, y: row.y, maxWidth: remaining(), role: active ? role : .key)
            if !title.isEmpty { x += grid.write(" " + title, x: x, y: row.y, maxWidth: remaining(), role: role) }
            x += grid.write(active ? "]" : " ", x: x, y: row.y, maxWidth: remaining(), role: role)
        }
    }
}
