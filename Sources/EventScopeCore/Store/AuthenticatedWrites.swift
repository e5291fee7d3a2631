/// Which principals the broker allowed to write each topic, and when: the only authenticated
/// answer to "who produced this event", since a record itself carries no identity.
///
/// Fed by allowed WRITE decisions on topics (Confluent `kafka.Produce`, Redpanda `produce`, the
/// Kafka authorizer's `Write`). Per topic and principal it keeps a few time spans of writing:
/// a decision within `windowMs` of a span's end extends that span, so a producer writing
/// steadily costs one span however many decisions it logs. A lookup for one event reads at most
/// `principalsPerTopic × spansPerPrincipal` entries, so it is cheap enough to run for every row
/// drawn or line written, and nothing is computed for events nobody looks at.
///
/// Memory is bounded: `principalsPerTopic` principals per topic (the one that wrote longest ago
/// makes room), `spansPerPrincipal` spans each (the oldest goes), and `maxTopics` topics (the
/// topic first tracked longest ago goes).
public struct AuthenticatedWrites: Sendable {
    /// How far from a write decision an event still counts as written under it, either side.
    /// Audit streams log a decision per produce request (Redpanda merges repeats into one record
    /// with a start and end time), producers stamp records with their own clock, and audit
    /// pipelines deliver in batches: 30 s covers those gaps while a principal that wrote the
    /// topic minutes earlier no longer counts.
    public static let defaultWindowMs: Int64 = 30_000
    public static let principalsPerTopic = 16
    public static let spansPerPrincipal = 4

    public let windowMs: Int64
    public let maxTopics: Int
    private var topics: [String: TopicWriters] = [:]
    /// Topics in the order they were first tracked, for eviction beyond `maxTopics`.
    private var topicOrder: RingBuffer<String>
    /// Allowed write decisions recorded (merged repeats count as one): zero tells an audit that
    /// logs only denials from one that logged no write for a topic.
    public private(set) var recorded: UInt64 = 0

    public init(windowMs: Int64 = AuthenticatedWrites.defaultWindowMs, maxTopics: Int = 10_000) {
        self.windowMs = max(0, windowMs)
        self.maxTopics = max(1, maxTopics)
        topicOrder = RingBuffer(capacity: self.maxTopics)
    }

    /// Whether a decision tells who may have written a record: an allowed WRITE on a topic.
    public static func isAllowedTopicWrite(_ decision: Decision) -> Bool {
        decision.granted && decision.operation == "WRITE" && decision.resourceType == "TOPIC" && decision.resourceName != nil
    }

    /// Records an allowed write decision; other decisions are ignored.
    public mutating func record(_ decision: Decision, nowMs: Int64) {
        guard Self.isAllowedTopicWrite(decision), let topic = decision.resourceName else { return }
        recorded &+= 1
        let timeMs = decision.timeMs ?? nowMs
        if topics[topic] == nil {
            if topicOrder.count == maxTopics { topics.removeValue(forKey: topicOrder[newest: maxTopics - 1]) }
            topicOrder.append(topic)
            topics[topic] = TopicWriters()
        }
        topics[topic]?.note(decision.principal, timeMs: timeMs, windowMs: windowMs)
    }

    /// The principals allowed to write `topic` within `windowMs` of `timeMs`, sorted by name.
    public func producers(topic: String, aroundMs timeMs: Int64) -> [String] {
        guard let writers = topics[topic] else { return [] }
        return writers.principals(aroundMs: timeMs, windowMs: windowMs)
    }

    /// The principals still tracked as writers of `topic`, the most recent writer first, with
    /// the time of its latest allowed write.
    public func writers(topic: String) -> [(principal: String, lastMs: Int64)] {
        guard let writers = topics[topic] else { return [] }
        return writers.writers.map { ($0.principal, $0.lastMs) }.sorted { $0.lastMs != $1.lastMs ? $0.lastMs > $1.lastMs : $0.principal < $1.principal }
    }

    /// Who produced an event: its declared source, and the principals allowed to write its topic
    /// around the time the broker stamped the record (the event's own time when it has none).
    public func identity(of event: Event, record: Record, claimedPrincipal: String?, fallbackMs: Int64) -> ProducerIdentity {
        let timeMs = record.timestampMs ?? event.timeMs ?? fallbackMs
        return ProducerIdentity(
            declaredSource: event.source, claimedPrincipal: claimedPrincipal,
            authenticatedProducers: producers(topic: event.topic, aroundMs: timeMs))
    }

    /// `identity(of:record:claimedPrincipal:fallbackMs:)` for an event held for the screens.
    public func identity(of stored: StoredEvent) -> ProducerIdentity {
        identity(of: stored.event, record: stored.record, claimedPrincipal: stored.claimedPrincipal, fallbackMs: stored.ingestedMs)
    }
}

/// The writing spans of the principals of one topic.
struct TopicWriters: Sendable {
    struct Writer: Sendable {
        var principal: String
        /// Spans of writing, oldest first; each span's decisions are at most a window apart.
        var spans: [(startMs: Int64, endMs: Int64)]
        var lastMs: Int64 { spans.last?.endMs ?? .min }
    }

    var writers: [Writer] = []

    mutating func note(_ principal: String, timeMs: Int64, windowMs: Int64) {
        if let index = writers.firstIndex(where: { $0.principal == principal }) {
            writers[index].spans = Self.adding(timeMs, to: writers[index].spans, windowMs: windowMs)
            return
        }
        if writers.count == AuthenticatedWrites.principalsPerTopic,
            let stalest = writers.indices.min(by: { writers[$0].lastMs < writers[$1].lastMs })
        {
            writers.remove(at: stalest)
        }
        writers.append(Writer(principal: principal, spans: [(timeMs, timeMs)]))
    }

    /// The spans with `timeMs` merged in: into the span it falls in or within a window of,
    /// else as a span of its own (the oldest span goes when there are too many).
    static func adding(_ timeMs: Int64, to spans: [(startMs: Int64, endMs: Int64)], windowMs: Int64) -> [(startMs: Int64, endMs: Int64)] {
        var spans = spans
        if let index = spans.lastIndex(where: { timeMs >= $0.startMs - windowMs && timeMs <= $0.endMs + windowMs }) {
            spans[index].startMs = min(spans[index].startMs, timeMs)
            spans[index].endMs = max(spans[index].endMs, timeMs)
            return spans
        }
        let at = spans.firstIndex(where: { $0.startMs > timeMs }) ?? spans.endIndex
        spans.insert((timeMs, timeMs), at: at)
        if spans.count > AuthenticatedWrites.spansPerPrincipal { spans.removeFirst() }
        return spans
    }

    func principals(aroundMs timeMs: Int64, windowMs: Int64) -> [String] {
        var found: [String] = []
        for writer in writers where writer.spans.contains(where: { timeMs >= $0.startMs - windowMs && timeMs <= $0.endMs + windowMs }) {
            found.append(writer.principal)
        }
        return found.sorted()
    }
}
