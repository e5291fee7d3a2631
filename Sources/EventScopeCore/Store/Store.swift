/// The live model: every event and decision is aggregated here, and screens read from it.
///
/// Confined to the app loop's thread (it is a reference type so screens can read it without
/// copying). Time always comes in as a parameter. Memory is bounded by `StoreCaps`; whatever
/// is evicted is counted in `evictions` and shown in the UI.
public final class Store {
    public let caps: StoreCaps
    public private(set) var topics = EntityTable<TopicStats>()
    public private(set) var eventTypes = EntityTable<EventTypeStats>()
    public private(set) var principals = EntityTable<PrincipalStats>()
    public private(set) var recentEvents: RingBuffer<StoredEvent>
    public private(set) var recentDecisions: RingBuffer<Decision>
    public private(set) var recentDenied: RingBuffer<Decision>
    public private(set) var live: RingBuffer<LiveEntry>

    public private(set) var totalEvents: UInt64 = 0
    public private(set) var totalDecisions: UInt64 = 0
    public private(set) var totalDenied: UInt64 = 0
    /// When the first event or decision was ingested: what is seen in the first minute is new to
    /// evscope, not to the cluster, so nothing counts as new until a minute after it.
    public private(set) var firstIngestMs: Int64?
    /// How long a topic, event type or principal counts as new after it first appears.
    public static let newWindowMs: Int64 = 5 * 60_000
    /// How long after the first ingest an entity must first appear to count as new.
    public static let newWarmUpMs: Int64 = 60_000
    /// Events in the Confluent wire format that no schema source saw (no `-r`): the screens say
    /// how many, and that a registry would decode them.
    public private(set) var wireFormatWithoutRegistry: UInt64 = 0
    public private(set) var eventRate = RateCounter(horizonSeconds: 300)
    public private(set) var decisionRate = RateCounter(horizonSeconds: 300)
    public private(set) var deniedRate = RateCounter(horizonSeconds: 300)
    /// Events per decoded format.
    public var eventsByFormat: [EventFormat: UInt64] {
        var result: [EventFormat: UInt64] = [:]
        for (format, count) in zip(EventFormat.allCases, formatCounts) where count > 0 { result[format] = count }
        return result
    }
    /// Counts in `EventFormat.allCases` order: an array slot per event instead of hashing the
    /// format's raw-value string.
    private var formatCounts = [UInt64](repeating: 0, count: EventFormat.allCases.count)
    public private(set) var evictions = Evictions()
    /// Principals allowed to write each topic, and when: who authenticated as a producer.
    public private(set) var authenticatedWrites: AuthenticatedWrites

    /// Maps a declared event source to the principal it claims to be (for the policy and for
    /// comparing with authenticated producers; never shown as if authenticated).
    public var principalMapper: PrincipalMapper {
        didSet { principalCache.removeAll() }
    }
    private var principalCache = PrincipalCache()

    public init(caps: StoreCaps = StoreCaps(), principalMapper: PrincipalMapper = PrincipalMapper()) {
        self.caps = caps
        self.principalMapper = principalMapper
        recentEvents = RingBuffer(capacity: caps.recentEvents)
        recentDecisions = RingBuffer(capacity: caps.recentDecisions)
        recentDenied = RingBuffer(capacity: caps.recentDenied)
        live = RingBuffer(capacity: caps.recentEvents * 2)
        authenticatedWrites = AuthenticatedWrites(maxTopics: caps.topics)
    }

    /// A copy of everything held now, for a view that must stand still while ingest goes on.
    /// The tables and rings are values, so the copy shares their storage until this store
    /// next changes them (then each is copied once).
    public func snapshot() -> Store {
        let copy = Store(caps: caps, principalMapper: principalMapper)
        copy.topics = topics
        copy.eventTypes = eventTypes
        copy.principals = principals
        copy.recentEvents = recentEvents
        copy.recentDecisions = recentDecisions
        copy.recentDenied = recentDenied
        copy.live = live
        copy.totalEvents = totalEvents
        copy.totalDecisions = totalDecisions
        copy.totalDenied = totalDenied
        copy.eventRate = eventRate
        copy.decisionRate = decisionRate
        copy.deniedRate = deniedRate
        copy.formatCounts = formatCounts
        copy.evictions = evictions
        copy.authenticatedWrites = authenticatedWrites
        return copy
    }

    /// Counts of data dropped to respect the caps.
    public struct Evictions: Sendable {
        public var topics: UInt64 = 0
        public var eventTypes: UInt64 = 0
        public var principals: UInt64 = 0
        public var total: UInt64 { topics + eventTypes + principals }
    }

    /// Aggregates one decoded event; `record` is kept (value capped) for the detail pane.
    public func ingest(_ event: Event, record: Record, nowMs: Int64) {
        ingest(event, record: record, claimedPrincipal: event.source.map { claimedPrincipal(forSource: $0) }, nowMs: nowMs)
    }

    /// `principalMapper.principal(forSource:)`, remembered for recently seen sources.
    public func claimedPrincipal(forSource source: String) -> String {
        if let cached = principalCache.principal(forSource: source) { return cached }
        let principal = principalMapper.principal(forSource: source)
        principalCache.remember(source: source, principal: principal)
        return principal
    }

    /// Aggregates one decoded event whose claimed principal the caller already resolved.
    ///
    /// Events count towards topics and event types under their declared source; they never add
    /// to a principal's numbers, which come from audit decisions alone.
    public func ingest(_ event: Event, record: Record, claimedPrincipal: String?, nowMs: Int64) {
        if event.schemaId != nil, event.schema == nil { wireFormatWithoutRegistry &+= 1 }
        count(
            events: 1, bytes: UInt64(event.bytes), topic: event.topic, type: event.type, source: event.source, format: event.format,
            encrypted: event.encryption == .encrypted || event.encryption == .partial, nowMs: nowMs)
        var kept = record
        if let value = kept.value, value.count > caps.retainedValueBytes {
            kept.value = Array(value.prefix(caps.retainedValueBytes))
        }
        let stored = StoredEvent(event: event, record: kept, claimedPrincipal: claimedPrincipal, ingestedMs: nowMs)
        recentEvents.append(stored)
        live.append(.event(stored))
    }

    /// Aggregates `events` events of one topic, type, declared source and format counted
    /// elsewhere (an agent's rollup): the counts and rates as if each had been ingested, with
    /// no record to keep for details.
    public func ingest(events: UInt64, bytes: UInt64, topic: String, type: String?, source: String?, format: EventFormat, nowMs: Int64) {
        guard events > 0 else { return }
        count(events: events, bytes: bytes, topic: topic, type: type, source: source, format: format, encrypted: false, nowMs: nowMs)
    }

    @inline(__always)
    private func count(
        events: UInt64, bytes: UInt64, topic: String, type: String?, source: String?, format: EventFormat, encrypted: Bool, nowMs: Int64
    ) {
        if firstIngestMs == nil { firstIngestMs = nowMs }
        totalEvents &+= events
        let rateCount = Int(clamping: events)
        eventRate.add(rateCount, nowMs: nowMs)
        formatCounts[Store.slot(of: format)] &+= events
        let typeName = type ?? Store.untypedName

        updateTopic(topic, nowMs: nowMs) { stats in
            stats.events &+= events
            stats.bytes &+= bytes
            stats.rate.add(rateCount, nowMs: nowMs)
            stats.eventTypes.add(typeName, events)
            if let source { stats.declaredSources.add(source, events) }
        }
        updateEventType(typeName, nowMs: nowMs) { stats in
            stats.events &+= events
            stats.rate.add(rateCount, nowMs: nowMs)
            stats.topics.add(topic, events)
            stats.formats.add(format.rawValue, events)
            if let source { stats.declaredSources.add(source, events) }
            if encrypted { stats.encrypted &+= events }
        }
    }

    /// True for an entity first seen at `firstSeenMs` that appeared after the warm-up and
    /// within the last five minutes.
    public func isNew(firstSeenMs: Int64, nowMs: Int64) -> Bool {
        guard let start = firstIngestMs else { return false }
        return firstSeenMs >= start + Store.newWarmUpMs && nowMs - firstSeenMs <= Store.newWindowMs
    }

    /// How many topics, event types and principals are new now (one pass over each table).
    public func newCounts(nowMs: Int64) -> (topics: Int, eventTypes: Int, principals: Int) {
        func count<Stats: EntityStats>(_ table: EntityTable<Stats>) -> Int {
            table.withStats { stats in
                var new = 0
                for index in stats.indices where isNew(firstSeenMs: stats[index].firstSeenMs, nowMs: nowMs) { new += 1 }
                return new
            }
        }
        guard firstIngestMs != nil else { return (0, 0, 0) }
        return (count(topics), count(eventTypes), count(principals))
    }

    /// Aggregates one audit decision.
    public func ingest(_ decision: Decision, nowMs: Int64) {
        if firstIngestMs == nil { firstIngestMs = nowMs }
        let count = UInt64(max(1, decision.count))
        totalDecisions &+= count
        decisionRate.add(Int(clamping: count), nowMs: nowMs)
        recentDecisions.append(decision)
        if !decision.granted {
            totalDenied &+= count
            deniedRate.add(Int(clamping: count), nowMs: nowMs)
            recentDenied.append(decision)
        }
        live.append(.decision(decision))
        let isWrite = AuthenticatedWrites.isAllowedTopicWrite(decision)
        recordAuthenticatedWrite(decision, nowMs: nowMs)
        updatePrincipal(decision.principal, nowMs: nowMs) { stats in
            stats.rate.add(Int(clamping: count), nowMs: nowMs)
            if decision.granted {
                stats.granted &+= count
                if isWrite, let topic = decision.resourceName {
                    stats.writes &+= count
                    stats.topicsWritten.add(topic, count)
                }
                if decision.resourceType == "TOPIC", decision.operation == "READ", let topic = decision.resourceName {
                    stats.topicsConsumed.add(topic, count)
                }
            } else {
                stats.denied &+= count
                if decision.isDeniedPublish { stats.deniedPublishes &+= count }
                stats.lastDeniedMs = decision.timeMs ?? nowMs
            }
        }
        if decision.resourceType == "TOPIC", let topic = decision.resourceName, topics[topic] != nil {
            updateTopic(topic, nowMs: nowMs) { stats in
                if !decision.granted { stats.deniedDecisions &+= count }
                if decision.granted, decision.operation == "READ" { stats.consumers.add(decision.principal, count) }
            }
        }
    }

    /// Notes who was allowed to write a topic (any other decision is ignored). Runs for every
    /// decision even when the aggregates do not, since headless event lines name the producers.
    public func recordAuthenticatedWrite(_ decision: Decision, nowMs: Int64) {
        authenticatedWrites.record(decision, nowMs: nowMs)
    }

    /// Moves all rate windows forward so idle entities decay to zero on screen.
    public func tick(nowMs: Int64) {
        eventRate.advance(to: nowMs)
        decisionRate.advance(to: nowMs)
        deniedRate.advance(to: nowMs)
    }

    private static func slot(of format: EventFormat) -> Int {
        switch format {
        case .envelope: 0
        case .cloudEventsStructured: 1
        case .cloudEventsBinary: 2
        case .header: 3
        case .opaque: 4
        case .avro: 5
        case .protobuf: 6
        case .jsonSchema: 7
        }
    }

    /// The name shown for events whose type could not be decoded.
    public static let untypedName = "(opaque)"

    private func updateTopic(_ name: String, nowMs: Int64, _ change: (inout TopicStats) -> Void) {
        evictions.topics &+= topics.update(name, nowMs: nowMs, cap: caps.topics, make: { TopicStats(name: name, nowMs: nowMs) }, change)
    }

    private func updateEventType(_ name: String, nowMs: Int64, _ change: (inout EventTypeStats) -> Void) {
        evictions.eventTypes &+= eventTypes.update(name, nowMs: nowMs, cap: caps.eventTypes, make: { EventTypeStats(name: name, nowMs: nowMs) }, change)
    }

    private func updatePrincipal(_ name: String, nowMs: Int64, _ change: (inout PrincipalStats) -> Void) {
        evictions.principals &+= principals.update(name, nowMs: nowMs, cap: caps.principals, make: { PrincipalStats(name: name, nowMs: nowMs) }, change)
    }
}

/// An event kept for the Live screen and detail panes, with its (capped) record.
///
/// A class, not a struct: every event goes into two rings (recent events and the live list),
/// and copying a struct of a dozen strings and arrays into each cost a retain per field on the
/// way in and a release per field on the way out, a tenth of all ingest time; a reference
/// costs one of each.
public final class StoredEvent: Sendable {
    public let event: Event
    public let record: Record
    /// The principal the declared source maps to: what the event claims, not who wrote it.
    public let claimedPrincipal: String?
    public let ingestedMs: Int64

    init(event: Event, record: Record, claimedPrincipal: String?, ingestedMs: Int64) {
        self.event = event
        self.record = record
        self.claimedPrincipal = claimedPrincipal
        self.ingestedMs = ingestedMs
    }
}

/// One line of the Live screen: an event or a decision, in arrival order.
public enum LiveEntry: Sendable {
    case event(StoredEvent)
    case decision(Decision)
}
