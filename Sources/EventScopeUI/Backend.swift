/// Where frames go and keys come from: ncurses in production, `TestBackend` in tests.
public protocol Backend: AnyObject {
    /// The current terminal size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows the grid, writing only what changed since the last frame.
    func present(_ grid: Grid)
    /// Waits up to `timeoutMs` for a key; nil on timeout.
    func readKey(timeoutMs: Int) -> Key?
}
