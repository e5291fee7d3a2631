/// What a source hands the pipeline in one go; `IngestPipeline.ingest(_:nowMs:report:)` takes
/// every kind, so all sources reach the model through one door.
public enum IngestBatch: Sendable {
    /// Consumed records, decoded by the pipeline: events, or decisions for records on audit topics.
    case records([Record])
    /// Records whose events a source thread already decoded (`DecodedRecord.decode`), so two
    /// cores share the work; records on audit topics carry no event and are parsed by the pipeline.
    case decoded([DecodedRecord])
    /// Lines of an audit log file named `source`, each holding decisions.
    case auditLines([[UInt8]], source: String)
    /// Events a source thread decoded and already wrote as headless output lines (`EventJSONLine`),
    /// `count` of them: no stage needs to see them, so the pipeline only counts them and the
    /// headless loop writes the lines.
    case eventLines([UInt8], count: Int)
    /// Committed records of a rollup topic that `evscope agent`s write: folded into the model
    /// (`RollupFolder`, `RollupModel`), not decoded as events.
    case rollups([Record])

    /// Records or lines in the batch (events for `.eventLines`).
    public var count: Int {
        switch self {
        case .records(let records): records.count
        case .decoded(let records): records.count
        case .auditLines(let lines, _): lines.count
        case .eventLines(_, let count): count
        case .rollups(let records): records.count
        }
    }

    /// The batch cut into batches of at most `maxCount` records or lines, so a loop with a
    /// deadline can stop inside a large one. Encoded lines are not cut: they are only counted.
    public func slices(maxCount: Int) -> [IngestBatch] {
        func cut<Element>(_ elements: [Element], _ make: ([Element]) -> IngestBatch) -> [IngestBatch] {
            stride(from: 0, to: elements.count, by: maxCount).map { make(Array(elements[$0..<min($0 + maxCount, elements.count)])) }
        }
        guard count > maxCount else { return [self] }
        switch self {
        case .records(let records): return cut(records) { .records($0) }
        case .decoded(let records): return cut(records) { .decoded($0) }
        case .auditLines(let lines, let source): return cut(lines) { .auditLines($0, source: source) }
        case .rollups(let records): return cut(records) { .rollups($0) }
        case .eventLines: return [self]
        }
    }
}

/// A consumed record with its event already decoded on the source's thread, so the app loop
/// only aggregates (two cores share the work instead of one doing both).
public struct DecodedRecord: Sendable {
    public let record: Record
    /// Nil for records on audit topics: those are parsed as decisions on the loop, not events.
    public let event: Event?

    public init(record: Record, event: Event?) {
        self.record = record
        self.event = event
    }

    /// Decodes a batch on the calling thread, leaving audit-topic records undecoded.
    ///
    /// - Parameters:
    ///   - decoder: must be the pipeline's decoder (same envelope fields), so the events are
    ///     what the pipeline would have produced from `.records`.
    ///   - auditTopics: the pipeline's audit topics.
    public static func decode(_ records: [Record], decoder: EventDecoder, auditTopics: Set<String>) -> [DecodedRecord] {
        var decoded: [DecodedRecord] = []
        decoded.reserveCapacity(records.count)
        var names = NameInterner()
        for record in records {
            let isAudit = !auditTopics.isEmpty && auditTopics.contains(record.topic)
            decoded.append(DecodedRecord(record: record, event: isAudit ? nil : decoder.decode(record, names: &names)))
        }
        return decoded
    }
}
