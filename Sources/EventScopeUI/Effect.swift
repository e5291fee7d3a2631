/// What the reducer asks the outside world to do; the loop (or the frame assembly, for the
/// view's own data) carries it out, so the reducer stays free of I/O.
public enum Effect: Sendable, Equatable {
    /// Leave the dashboard and restore the terminal.
    case quit
    /// Switch the terminal's colours to theme number `index`.
    case applyTheme(Int)
    /// Hold the data shown as it is now (pausing): lists keep reading it until unpaused.
    case freezeData
}
