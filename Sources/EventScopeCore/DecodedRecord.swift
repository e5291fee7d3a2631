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
    ///     what `IngestPipeline.ingest(_:nowMs:)` would have produced.
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
