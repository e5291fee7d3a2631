/// What the reducer asks the outside world to do; the loop (or the frame assembly, for the
/// view's own data) carries it out, so the reducer stays free of I/O.
public enum Effect: Sendable, Equatable {
    /// Leave the dashboard and restore the terminal.
    case quit
    /// Switch the terminal's colours to theme number `index`.
    case applyTheme(Int)
    /// Keep showing the current place exactly as it is now (pausing, or moving while paused).
    case freezeView
}
