/// Watches events, decisions and source health and raises `Finding`s.
///
/// Confined to the app loop's thread, like `Store`. Without a policy only the policy-free
/// rules run (PII, denials, audit and source health, undecodable records). Payloads are parsed
/// only when a rule needs them — a schema to check, sensitive fields to inspect, or text that
/// passes PII's cheap pre-filter — and at most once per event. Memory is bounded: distinct
/// findings are capped (evictions counted in `evicted`), as are the principals tracked for
/// denial bursts.
///
/// `IngestPipeline` owns one and feeds it every event and decision when its `.findings` stage
/// runs; `tick(nowMs:sources:)` once per loop tick raises the time- and health-based findings.
public final class FindingEngine {
    public let configuration: FindingConfiguration
    public let policy: Policy?
    /// Called with the position of each event that broke the policy (schema, producer, topic),
    /// so the trace index can mark where a chain went wrong.
    public var onInvalidEvent: ((EventPosition) -> Void)?

    /// Findings evicted to respect `maxFindings`.
    public private(set) var evicted: UInt64 = 0
    /// Bumped on every change, so screens can skip rebuilding unchanged lists.
    public private(set) var version: UInt64 = 0
    public private(set) var eventsObserved: UInt64 = 0
    public private(set) var decisionsObserved: UInt64 = 0
    /// Payloads parsed (the expensive step; `FindingBenchmark` reports it).
    public private(set) var payloadsParsed: UInt64 = 0
    public private(set) var recentInvalidEvents: RingBuffer<EventPosition>

    var findingsById: [Int: Finding] = [:]
    var idsByKey: [FindingKey: Int] = [:]
    var nextId = 1
    /// Ids raised since the last `drainRaised()`, capped like the findings.
    var raisedSinceDrain: [Int] = []
    var denialWindows: [String: DenialWindow] = [:]
    var sourceWatch: [Int: SourceWatch] = [:]
    let validator = SchemaValidator()

    public init(policy: Policy? = nil, configuration: FindingConfiguration = FindingConfiguration()) {
        self.policy = policy
        self.configuration = configuration
        recentInvalidEvents = RingBuffer(capacity: max(1, configuration.recentInvalidCapacity))
    }

    // MARK: Reading

    /// All current findings, in no particular order.
    public var findings: [Finding] { Array(findingsById.values) }

    public var count: Int { findingsById.count }

    public func finding(id: Int) -> Finding? { findingsById[id] }

    /// Findings by severity (high first), then most recently seen first, then id.
    public func sorted() -> [Finding] {
        findingsById.values.sorted(by: FindingEngine.precedes)
    }

    /// The `limit` most recently seen findings, newest first (for the Overview).
    public func newest(_ limit: Int) -> [Finding] {
        // Sorts two numbers per finding, not the findings: a comparator handed whole findings
        // copies (and retains every field of) both on each comparison, and the Overview asks
        // on every frame.
        var keys = findingsById.map { (last: $0.value.lastSeenMs, id: $0.key) }
        keys.sort { $0.last != $1.last ? $0.last > $1.last : $0.id > $1.id }
        return keys.prefix(max(0, limit)).compactMap { findingsById[$0.id] }
    }

    /// Findings first raised since the last call, oldest first (for headless JSON lines).
    public func drainRaised() -> [Finding] {
        defer { raisedSinceDrain.removeAll(keepingCapacity: true) }
        return raisedSinceDrain.compactMap { findingsById[$0] }
    }

    /// Severity first, then recency: the order of the Findings screen.
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.lastSeenMs != b.lastSeenMs { return a.lastSeenMs > b.lastSeenMs }
        return a.id < b.id
    }

    // MARK: Raising

    /// What makes two sightings the same finding.
    struct FindingKey: Hashable {
        var rule: FindingRule
        var eventType: String?
        var principal: String?
        var declaredSource: String?
        var topic: String?
        var detailKey: String?
    }

    /// What one sighting says; merged into an existing finding with the same key.
    struct Sighting {
        var rule: FindingRule
        var severity: FindingSeverity
        var title: String
        var eventType: String?
        /// An authenticated principal (from an audit decision).
        var principal: String?
        /// What an event says produced it (not authenticated).
        var declaredSource: String?
        var topic: String?
        var detailKey: String?
        var count: UInt64 = 1
        var example: FindingExample
        var detail: String
        var jsonPath: String?
        var evidence: String?
        var examplePayload: JSONValue?
        var maskedPaths: Set<String> = []
    }

    func raise(_ sighting: Sighting, nowMs: Int64) {
        version &+= 1
        let key = FindingKey(
            rule: sighting.rule, eventType: sighting.eventType, principal: sighting.principal, declaredSource: sighting.declaredSource,
            topic: sighting.topic, detailKey: sighting.detailKey)
        if let id = idsByKey[key], var existing = findingsById[id] {
            existing.count &+= sighting.count
            existing.lastSeenMs = max(existing.lastSeenMs, nowMs)
            if let time = sighting.example.timeMs {
                existing.firstEventMs = min(existing.firstEventMs ?? time, time)
                existing.lastEventMs = max(existing.lastEventMs ?? time, time)
            }
            existing.severity = max(existing.severity, sighting.severity)
            findingsById[id] = existing
            return
        }
        if findingsById.count >= configuration.maxFindings { evictOldest() }
        let id = nextId
        nextId += 1
        findingsById[id] = Finding(
            id: id, rule: sighting.rule, severity: sighting.severity, title: sighting.title, eventType: sighting.eventType,
            principal: sighting.principal, declaredSource: sighting.declaredSource, topic: sighting.topic, count: sighting.count, firstSeenMs: nowMs,
            lastSeenMs: nowMs,
            example: sighting.example, detail: sighting.detail, jsonPath: sighting.jsonPath,
            evidence: sighting.evidence.map { String($0.prefix(200)) }, examplePayload: sighting.examplePayload,
            maskedPaths: sighting.maskedPaths)
        idsByKey[key] = id
        if raisedSinceDrain.count < configuration.maxFindings { raisedSinceDrain.append(id) }
    }

    /// Drops the least recently seen tenth in one pass, keeping the amortised cost low even
    /// when an attacker sprays distinct principals or types.
    private func evictOldest() {
        let victims = max(1, findingsById.count / 10)
        let oldest = findingsById.values.sorted { $0.lastSeenMs != $1.lastSeenMs ? $0.lastSeenMs < $1.lastSeenMs : $0.id < $1.id }.prefix(victims)
        let ids = Set(oldest.map(\.id))
        for id in ids { findingsById.removeValue(forKey: id) }
        idsByKey = idsByKey.filter { !ids.contains($0.value) }
        raisedSinceDrain.removeAll { ids.contains($0) }
        evicted &+= UInt64(ids.count)
    }

    func noteInvalid(_ position: EventPosition) {
        recentInvalidEvents.append(position)
        onInvalidEvent?(position)
    }

    func countObservedEvent() { eventsObserved &+= 1 }
    func countObservedDecision() { decisionsObserved &+= 1 }
    func countParsedPayload() { payloadsParsed &+= 1 }
}
