/// What `TraceIndex.insert` did with one event.
public enum TraceInsertOutcome: Sendable, Equatable {
    /// Added to its chain.
    case indexed
    /// The event carries no usable trace id or correlation id, so it belongs to no chain.
    case untraced
    /// The same topic/partition/offset or the same event id was already in the chain.
    case duplicate
    /// The chain (or the whole index, with nothing left to evict) is at its node cap.
    case dropped
}
