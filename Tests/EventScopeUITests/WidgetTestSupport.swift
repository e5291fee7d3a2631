import EventScopeCore
import EventScopeUI

/// Renders a widget into a grid prefilled with `x`, so any cell a widget forgot (or wrote
/// past its rect) shows up in the compared lines.
func rendered(width: Int, height: Int, rect: Rect? = nil, _ draw: (inout Grid, Rect) -> Void) -> Grid {
    var grid = Grid(width: width, height: height, fill: Cell("x"))
    draw(&grid, rect ?? grid.bounds)
    return grid
}

/// Draws `screen` through the real frame assembly (`Dashboard`), then once more after each key,
/// as the loop does; the grid holds the last frame.
func renderDashboard(
    _ screen: ScreenID, pipeline: IngestPipeline, nowMs: Int64, width: Int, height: Int, keys: [Key], configure: (inout AppState) -> Void = { _ in }
) -> Grid {
    var state = AppState()
    state.screen = screen
    configure(&state)
    var dashboard = Dashboard(state: state)
    let data = FrameData(pipeline: pipeline, sources: [SourceHealth(id: 0, name: "demo-cluster", kind: .kafka)], nowMs: nowMs, width: width, height: height)
    var grid = Grid(width: width, height: height)
    dashboard.draw(data, into: &grid)
    for key in keys {
        _ = dashboard.send(.key(key), data: data)
        dashboard.draw(data, into: &grid)
    }
    return grid
}

/// Role runs of a row as `role@start-end` strings, for compact expectations.
func runs(_ grid: Grid, row: Int) -> [String] {
    grid.roleRuns(row: row).map { "\($0.role.themeKey)@\($0.start)-\($0.end)" }
}
