/// Record in, model updated: decode, aggregate, index traces, parse audit decisions.
///
/// Every source (Kafka, audit files, replays, benchmarks) goes through this one path, so what
/// the benchmark measures is what the dashboard does. Confined to one thread.
public final class IngestPipeline {
    /// What one record turned into.
    public enum Outcome: Sendable, Equatable {
        case event
        case decisions(Int)
        /// An audit record that could not be parsed (counted and shown, never silently dropped).
        case unparseableAudit(String)
        /// A record on an audit topic that is not an audit record at all.
        case notAudit(String)

        /// Why the record could not be used, when it could not.
        public var problem: String? {
            switch self {
            case .unparseableAudit(let reason), .notAudit(let reason): reason
            case .event, .decisions: nil
            }
        }
    }

    public let store: Store
    public let traceIndex: TraceIndex
    /// Policy evaluation: findings from events, decisions and source health.
    public let findings: FindingEngine
    /// A constant: reading a `var` struct property copied the decoder (a retain and release
    /// per array it holds) on every record.
    public let decoder: EventDecoder
    /// Event types and sources decoded on this pipeline's thread, shared instead of allocated per event.
    @exclusivity(unchecked) private var names = NameInterner()
    public let auditParser: AuditParser
    /// Topics whose records are audit decisions rather than events.
    public var auditTopics: Set<String>
    /// Called for every decoded event (headless output, recording, findings), with the
    /// principal its declared source claims (nil when no stage needed it).
    public var onEvent: ((Event, Record, String?) -> Void)?
    /// Called for every parsed decision.
    public var onDecision: ((Decision) -> Void)?
    /// Counts every event and decision ingested, whatever the stages (`--emit summary`, agents).
    public var summary: SummaryTally?
    public private(set) var unparseableAudit: UInt64 = 0
    /// Events ingested, whatever the stages (the store counts only when it runs).
    public internal(set) var eventsIngested: UInt64 = 0
    /// Decisions ingested, merged repeats counted as in `Store.totalDecisions`.
    public private(set) var decisionsIngested: UInt64 = 0
    /// The stages each record goes through after decoding (all of them unless a session needs
    /// less). Trace linking reads which topics a principal consumes from the store's decision
    /// aggregates, so `.traces` without `.aggregates` links by the policy alone.
    public var stages: IngestStages = .all
    /// Folds `.rollups` batches into this pipeline's model (the agents' findings are taken as
    /// they raised them: a reader of rollups runs without the `.findings` stage).
    public private(set) lazy var rollups: RollupFolder = {
        let folder = RollupFolder()
        folder.model = self
        return folder
    }()

    public init(
        store: Store = Store(), decoder: EventDecoder = EventDecoder(), auditTopics: Set<String> = [],
        traceConfiguration: TraceIndexConfiguration = TraceIndexConfiguration(), policy: Policy? = nil
    ) {
        self.store = store
        if let policy { store.principalMapper = PrincipalMapper(explicit: policy.sourcePrincipals) }
        findings = FindingEngine(policy: policy)
        self.decoder = decoder
        self.auditTopics = auditTopics
        auditParser = AuditParser()
        // Inferred trace links prefer a parent the producer is known to consume: known from
        // audit READ decisions seen so far, and from the policy's consumers when there is one.
        let policyReaders = policy?.consumersByTopic ?? [:]
        let consumers = TraceConsumers(consumes: { [unowned store] principal, topic in
            if store.principals[principal]?.topicsConsumed.contains(topic) == true { return true }
            guard let entry = policyReaders[topic] else { return false }
            return entry?.contains(principal) ?? true
        })
        traceIndex = TraceIndex(configuration: traceConfiguration, consumers: consumers)
        // A schema- or policy-invalid event marks its chain invalid.
        findings.onInvalidEvent = { [unowned traceIndex] position in
            _ = traceIndex.markInvalid(topic: position.topic, partition: position.partition, offset: position.offset)
        }
    }

    /// Ingests a batch in order, reporting each record's or line's outcome with its index in
    /// the batch. The one way into the model, whatever the source.
    public func ingest(_ batch: IngestBatch, nowMs: Int64, report: (Outcome, Int) -> Void = { _, _ in }) {
        switch batch {
        case .records(let records): ingest(records, nowMs: nowMs, report: report)
        case .decoded(let records): ingest(decoded: records, nowMs: nowMs, report: report)
        case .auditLines(let lines, let source):
            for (index, line) in lines.enumerated() {
                report(ingestAudit(auditParser.parse(bytes: line, sourceName: source), nowMs: nowMs), index)
            }
        case .eventLines(_, let count):
            eventsIngested &+= UInt64(max(0, count))
        case .rollups(let records):
            for record in records { rollups.fold(record.value ?? [], partition: record.partition, nowMs: nowMs) }
        }
    }

    /// Records ingested together: enough for the trace index's prefetches to overlap, few
    /// enough for the records to stay in the cache.
    static let groupSize = 16

    /// Events are decoded a group at a time and their trace chains prefetched together
    /// (`prefetchTrace(of:)`) before each is ingested.
    private func ingest(_ records: [Record], nowMs: Int64, report: (Outcome, Int) -> Void) {
        var start = 0
        while start < records.count {
            let end = min(start + Self.groupSize, records.count)
            group.removeAll(keepingCapacity: true)
            for index in start..<end {
                let record = records[index]
                group.append(auditTopics.contains(record.topic) ? nil : decoder.decode(record, names: &names))
            }
            let eventCount = group.withUnsafeBufferPointer { events in
                var count = 0
                for index in events.indices where events[index] != nil {
                    prefetchTrace(of: events[index]!.trace)
                    count += 1
                }
                return count
            }
            prefetchTraceEvictions(count: eventCount)
            for index in start..<end {
                let record = records[index]
                if let event = group[index - start] {
                    report(ingest(event: event, record: record, nowMs: nowMs), index)
                } else {
                    report(ingestAudit(auditParser.parse(record: record), nowMs: nowMs), index)
                }
            }
            start = end
        }
    }

    /// Records another thread decoded, a group at a time with their chains prefetched, as above.
    private func ingest(decoded: [DecodedRecord], nowMs: Int64, report: (Outcome, Int) -> Void) {
        var start = 0
        while start < decoded.count {
            let end = min(start + Self.groupSize, decoded.count)
            let eventCount = decoded.withUnsafeBufferPointer { items in
                var count = 0
                for index in start..<end where items[index].event != nil {
                    prefetchTrace(of: items[index].event!.trace)
                    count += 1
                }
                return count
            }
            prefetchTraceEvictions(count: eventCount)
            for index in start..<end {
                let item = decoded[index]
                if let event = item.event {
                    report(ingest(event: event, record: item.record, nowMs: nowMs), index)
                } else {
                    report(ingestAudit(auditParser.parse(record: item.record), nowMs: nowMs), index)
                }
            }
            start = end
        }
    }

    /// Prefetches the trace chain of one event of a group about to be ingested; after the
    /// group's events, `prefetchTraceEvictions(count:)` with how many there were. The group's
    /// cache misses then overlap (see `TraceIndex.prefetch(chainOf:)`). Callers pass the trace
    /// context read in place: copying an event out of its array (a retain per string it holds)
    /// cost more than the prefetch.
    @inline(__always)
    private func prefetchTrace(of trace: TraceContext) {
        if stages.contains(.traces) { traceIndex.prefetch(chainOf: trace) }
    }

    /// Prefetches the chains that the new traces of `count` events may evict.
    private func prefetchTraceEvictions(count: Int) {
        if stages.contains(.traces) { traceIndex.prefetchEvictions(count: count) }
    }

    /// The group being decoded by `ingest(_:nowMs:report:)`, kept to reuse its storage.
    @exclusivity(unchecked) private var group: [Event?] = []

    private func ingest(event: Event, record: Record, nowMs: Int64) -> Outcome {
        eventsIngested &+= 1
        let stages = stages
        let claimed = stages.isEmpty ? nil : event.source.map { store.claimedPrincipal(forSource: $0) }
        if stages.contains(.aggregates) { store.ingest(event, record: record, claimedPrincipal: claimed, nowMs: nowMs) }
        if stages.contains(.traces) { traceIndex.insert(event, principal: claimed, nowMs: nowMs) }
        if stages.contains(.findings) { findings.observe(event: event, record: record, claimedPrincipal: claimed, nowMs: nowMs) }
        summary?.count(event: event)
        onEvent?(event, record, claimed)
        return .event
    }

    /// Records from audit topics are parsed with `parse(record:)`, so decisions whose text
    /// carries no time take the record's timestamp.
    private func ingestAudit(_ parsed: AuditParseOutcome, nowMs: Int64) -> Outcome {
        switch parsed {
        case .decisions(let decisions):
            for decision in decisions { ingest(decision: decision, nowMs: nowMs) }
            return .decisions(decisions.count)
        case .malformed(let reason):
            unparseableAudit &+= 1
            return .unparseableAudit(reason)
        case .notAudit(let reason):
            unparseableAudit &+= 1
            return .notAudit(reason)
        }
    }

    func ingest(decision: Decision, nowMs: Int64) {
        decisionsIngested &+= UInt64(max(1, decision.count))
        if stages.contains(.aggregates) {
            store.ingest(decision, nowMs: nowMs)
        } else {
            store.recordAuthenticatedWrite(decision, nowMs: nowMs)
        }
        if stages.contains(.traces), decision.isDeniedPublish {
            traceIndex.noteDeniedPublish(
                principal: decision.principal, topic: decision.resourceType == "TOPIC" ? decision.resourceName : nil,
                timeMs: decision.timeMs ?? nowMs)
        }
        if stages.contains(.findings) { findings.observe(decision: decision, nowMs: nowMs) }
        summary?.count(decision: decision)
        onDecision?(decision)
    }

    /// Moves time forward for rates, idle detection and source-health findings.
    public func tick(nowMs: Int64, sources: [SourceHealth] = []) {
        store.tick(nowMs: nowMs)
        if stages.contains(.findings) { findings.tick(nowMs: nowMs, sources: sources) }
    }
}
