/// What happens to the dashboard: the reducer's only inputs.
public enum Action: Sendable, Equatable {
    /// A key press.
    case key(Key)
    /// The terminal changed size; the context already describes the new size.
    case resize
    /// Time passed (milliseconds since the epoch); retires old status messages.
    case tick(nowMs: Int64)
    /// Sources delivered data: rows may have moved, so selections find their items again.
    case sourceEvents
}
