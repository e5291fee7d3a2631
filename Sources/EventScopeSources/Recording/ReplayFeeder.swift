import EventScopeCore

/// Turns a recording into paced batches for the replay source thread.
///
/// Each call to `next(wallNowMs:)` returns what is due now (in file order), how long to wait
/// for the next record, or the end. Records from audit topics (named, or recognised by their
/// first record parsing as an audit decision) and lines from audit files are handed out as
/// audit lines, so a replay needs no knowledge of which topics were audit topics live.
/// Confined to one thread; the wall clock is passed in.
public final class ReplayFeeder {
    /// What the source thread should do next.
    public enum Step {
        /// Batches in file order: records, and audit lines named by the topic or file they came from.
        case deliver([IngestBatch])
        case wait(ms: Int64)
        case finished
    }

    private let reader: RecordingReader
    public private(set) var pacer: ReplayPacer
    private let maxBatch: Int
    private var pending: (line: RecordingLine, dueWallMs: Int64)?
    private var auditTopics: Set<String>
    private var eventTopics: Set<String> = []
    private let auditParser = AuditParser()
    private var done = false
    public private(set) var recordsDelivered = 0
    public private(set) var auditLinesDelivered = 0

    /// - Parameters:
    ///   - speed: a factor of real time, or nil for as fast as possible.
    ///   - auditTopics: topics known to hold audit records (`--audit-topic`); others are detected.
    public init(reader: RecordingReader, speed: Double?, auditTopics: Set<String> = [], maxBatch: Int = 2_000) {
        self.reader = reader
        pacer = ReplayPacer(speed: speed)
        self.auditTopics = auditTopics
        self.maxBatch = max(1, maxBatch)
    }

    /// Lines skipped as unreadable so far.
    public var badLines: Int { reader.badLines }

    /// The first bad lines' numbers and reasons.
    public var firstErrors: [(line: Int, error: RecordingLineError)] { reader.firstErrors }

    public func next(wallNowMs: Int64) -> Step {
        var deliveries: [IngestBatch] = []
        var count = 0
        while count < maxBatch {
            let entry: (line: RecordingLine, dueWallMs: Int64)
            if let pending {
                entry = pending
                self.pending = nil
            } else if !done, let line = reader.next() {
                entry = (line, wallNowMs + pacer.waitMs(forRecordMs: line.record.timestampMs, wallNowMs: wallNowMs))
            } else {
                if !done {
                    done = true
                    pacer.finish()
                }
                break
            }
            if entry.dueWallMs > wallNowMs {
                pending = entry
                if deliveries.isEmpty { return .wait(ms: entry.dueWallMs - wallNowMs) }
                return .deliver(deliveries)
            }
            append(entry.line, to: &deliveries)
            count += 1
        }
        if deliveries.isEmpty, done, pending == nil { return .finished }
        return .deliver(deliveries)
    }

    private func append(_ line: RecordingLine, to deliveries: inout [IngestBatch]) {
        let record = line.record
        if line.origin == .auditFile || isAuditTopic(record) {
            auditLinesDelivered += 1
            let bytes = record.value ?? []
            if case .auditLines(var lines, let source)? = deliveries.last, source == record.topic {
                deliveries.removeLast()
                lines.append(bytes)
                deliveries.append(.auditLines(lines, source: source))
            } else {
                deliveries.append(.auditLines([bytes], source: record.topic))
            }
            return
        }
        recordsDelivered += 1
        if case .records(var records)? = deliveries.last {
            deliveries.removeLast()
            records.append(record)
            deliveries.append(.records(records))
        } else {
            deliveries.append(.records([record]))
        }
    }

    /// Decided once per topic, by its first record with a value.
    private func isAuditTopic(_ record: Record) -> Bool {
        if auditTopics.contains(record.topic) { return true }
        if eventTopics.contains(record.topic) { return false }
        guard let value = record.value else { return false }
        switch auditParser.parse(bytes: value, sourceName: record.topic) {
        case .decisions:
            auditTopics.insert(record.topic)
            return true
        case .malformed, .notAudit:
            eventTopics.insert(record.topic)
            return false
        }
    }
}
