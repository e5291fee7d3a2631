import EventScopeUI

/// Renders a widget into a grid prefilled with `x`, so any cell a widget forgot (or wrote
/// past its rect) shows up in the compared lines.
func rendered(width: Int, height: Int, rect: Rect? = nil, _ draw: (inout Grid, Rect) -> Void) -> Grid {
    var grid = Grid(width: width, height: height, fill: Cell("x"))
    draw(&grid, rect ?? grid.bounds)
    return grid
}

/// Role runs of a row as `role@start-end` strings, for compact expectations.
func runs(_ grid: Grid, row: Int) -> [String] {
    grid.roleRuns(row: row).map { "\($0.role.themeKey)@\($0.start)-\($0.end)" }
}
