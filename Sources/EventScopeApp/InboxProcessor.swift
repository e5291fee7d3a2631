import EventScopeCore

/// Applies inbox items to the pipeline and the source board; shared by the dashboard and
/// headless loops so both ingest identically.
public struct InboxProcessor {
    public let pipeline: IngestPipeline
    public var board: SourceBoard
    /// The next expected offset per audit topic partition, to notice gaps in the audit trail.
    private var nextAuditOffset: [AuditPartition: Int64] = [:]
    /// Lines read per audit file source, so a problem can say which line it was.
    private var linesRead: [Int: UInt64] = [:]

    private struct AuditPartition: Hashable {
        let topic: String
        let partition: Int32
    }
    /// Log lines from sources (librdkafka logs, follower notes), newest last, bounded.
    public private(set) var logs = RingBuffer<String>(capacity: 200)

    public init(pipeline: IngestPipeline, board: SourceBoard) {
        self.pipeline = pipeline
        self.board = board
    }

    /// Processes one item; returns how many records or lines it held.
    @discardableResult
    public mutating func apply(_ item: InboxItem, nowMs: Int64) -> Int {
        switch item {
        case .records(let sourceID, let records):
            pipeline.ingest(records, nowMs: nowMs) { outcome, record in account(outcome, of: record, sourceID: sourceID, nowMs: nowMs) }
            board.delivered(records.count, to: sourceID, nowMs: nowMs)
            return records.count
        case .decoded(let sourceID, let records):
            pipeline.ingest(decoded: records, nowMs: nowMs) { outcome, record in account(outcome, of: record, sourceID: sourceID, nowMs: nowMs) }
            board.delivered(records.count, to: sourceID, nowMs: nowMs)
            return records.count
        case .encodedEvents(let sourceID, _, let count):
            // Writing the lines is the headless loop's part; here they are only counted.
            pipeline.countEventsIngestedElsewhere(count)
            board.delivered(count, to: sourceID, nowMs: nowMs)
            return count
        case .auditLines(let sourceID, let lines):
            let name = board.sources.indices.contains(sourceID) ? board.sources[sourceID].name : "audit file"
            for line in lines {
                linesRead[sourceID, default: 0] &+= 1
                let outcome = pipeline.ingestAuditLine(bytes: line, sourceName: name, nowMs: nowMs)
                if let reason = outcome.problem {
                    board.unparseable(sourceID, SourceProblem(
                        timeMs: nowMs, position: "line \(linesRead[sourceID, default: 0])", reason: unlabelled(reason, name), raw: line))
                }
            }
            board.delivered(lines.count, to: sourceID, nowMs: nowMs)
            return lines.count
        case .state(let sourceID, let state):
            board.setState(state, of: sourceID)
            // The end of a finite input (a replay, `-e`) makes every chain final on screen too.
            if state == .finished, board.allFinished { pipeline.traceIndex.inputFinished = true }
            return 0
        case .lag(let sourceID, let lag):
            board.setLag(lag, of: sourceID)
            return 0
        case .unwatchedPartitions(let sourceID, let count):
            board.setUnwatchedPartitions(count, of: sourceID)
            return 0
        case .detail(let sourceID, let text):
            board.setDetail(text, of: sourceID)
            return 0
        case .log(_, let line):
            logs.append(line)
            return 0
        }
    }

    /// Counts what an ingested item says about its source. Every outcome but `.event` comes
    /// from an audit topic or file, so events pay for nothing here.
    private mutating func account(_ outcome: IngestPipeline.Outcome, of record: Record, sourceID: Int, nowMs: Int64) {
        switch outcome {
        case .event: return
        case .unparseableAudit(let reason), .notAudit(let reason):
            board.unparseable(sourceID, SourceProblem(
                timeMs: nowMs, position: "partition \(record.partition) offset \(record.offset)",
                reason: unlabelled(reason, record.topic), raw: record.value ?? []))
        case .decisions: break
        }
        checkAuditGap(record, sourceID: sourceID)
    }

    /// The parser prefixes reasons with the source's name, which the Sources pane already shows.
    private func unlabelled(_ reason: String, _ sourceName: String) -> String {
        reason.hasPrefix(sourceName + ": ") ? String(reason.dropFirst(sourceName.count + 2)) : reason
    }

    /// An audit trail with a hole is itself a finding: count offset jumps per partition.
    private mutating func checkAuditGap(_ record: Record, sourceID: Int) {
        let key = AuditPartition(topic: record.topic, partition: record.partition)
        if let expected = nextAuditOffset[key], record.offset > expected {
            board.noteOffsetGap(sourceID)
        }
        nextAuditOffset[key] = record.offset + 1
    }
}
