/// Live statistics for one topic.
public struct TopicStats: Sendable {
    public let name: String
    public let nameKey: NameOrderKey
    public var events: UInt64 = 0
    public var bytes: UInt64 = 0
    public var rate = RateCounter()
    public var firstSeenMs: Int64
    public var lastSeenMs: Int64
    public var eventTypes = BoundedCounter(maxKeys: 32)
    /// Sources the events declare (their own `source`/`ce_source`/`producer`): not authenticated.
    public var declaredSources = BoundedCounter(maxKeys: 32)
    /// Principals granted READ on this topic by audit decisions.
    public var consumers = BoundedCounter(maxKeys: 32)
    public var deniedDecisions: UInt64 = 0

    public init(name: String, nowMs: Int64) {
        self.name = name
        nameKey = NameOrderKey(name)
        firstSeenMs = nowMs
        lastSeenMs = nowMs
    }
}

/// Live statistics for one event type.
public struct EventTypeStats: Sendable {
    public let name: String
    public let nameKey: NameOrderKey
    public var events: UInt64 = 0
    public var rate = RateCounter()
    public var firstSeenMs: Int64
    public var lastSeenMs: Int64
    public var topics = BoundedCounter(maxKeys: 32)
    /// Sources the events declare (their own `source`/`ce_source`/`producer`): not authenticated.
    public var declaredSources = BoundedCounter(maxKeys: 32)
    public var formats = BoundedCounter(maxKeys: 8)
    public var encrypted: UInt64 = 0

    public init(name: String, nowMs: Int64) {
        self.name = name
        nameKey = NameOrderKey(name)
        firstSeenMs = nowMs
        lastSeenMs = nowMs
    }
}

/// Live statistics for one principal (an identity the broker authenticated), from audit
/// decisions only: an event's declared source is no evidence of who wrote it.
public struct PrincipalStats: Sendable {
    public let name: String
    public let nameKey: NameOrderKey
    /// Decisions per second. One minute of history only: principals can number in the hundred thousands.
    public var rate = RateCounter(horizonSeconds: 60)
    public var firstSeenMs: Int64
    public var lastSeenMs: Int64
    /// Allowed WRITE decisions on topics.
    public var writes: UInt64 = 0
    /// Topics it was allowed to write.
    public var topicsWritten = BoundedCounter(maxKeys: 16)
    public var topicsConsumed = BoundedCounter(maxKeys: 16)
    public var granted: UInt64 = 0
    public var denied: UInt64 = 0
    /// Denied writes to a topic: how a compromised or misconfigured producer shows.
    public var deniedPublishes: UInt64 = 0
    public var lastDeniedMs: Int64?

    public init(name: String, nowMs: Int64) {
        self.name = name
        nameKey = NameOrderKey(name)
        firstSeenMs = nowMs
        lastSeenMs = nowMs
    }
}
