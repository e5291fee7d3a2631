/// Limits that keep the store's memory bounded whatever arrives (documented in the README).
public struct StoreCaps: Sendable {
    /// Distinct topics tracked; the least recently seen is evicted beyond this.
    public var topics = 10_000
    /// Distinct event types tracked.
    public var eventTypes = 5_000
    /// Distinct principals tracked.
    public var principals = 10_000
    /// Recent events kept (with their records) for the Live screen and detail panes.
    public var recentEvents = 2_000
    /// Recent decisions kept, all kinds.
    public var recentDecisions = 20_000
    /// Recent denied decisions kept apart, so a flood of grants cannot push denials out.
    public var recentDenied = 20_000
    /// Bytes of a record value kept for the detail pane (the rest is dropped and marked).
    public var retainedValueBytes = 64 * 1024

    public init() {}
}
