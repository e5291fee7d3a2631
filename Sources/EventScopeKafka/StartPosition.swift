/// Where the monitor starts reading each partition.
public enum StartPosition: Sendable, Equatable {
    /// The oldest retained record.
    case beginning
    /// Only records produced from now on.
    case end
    /// Records from this many milliseconds before now (e.g. `.relative(ms: -15 * 60_000)`).
    case relative(ms: Int64)
    /// Records at or after this time (epoch milliseconds).
    case timestamp(epochMs: Int64)
}
