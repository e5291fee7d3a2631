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
        case .batch(let sourceID, let batch):
            switch batch {
            case .records(let records):
                pipeline.ingest(batch, nowMs: nowMs) { outcome, index in account(outcome, of: records[index], sourceID: sourceID, nowMs: nowMs) }
            case .decoded(let records):
                pipeline.ingest(batch, nowMs: nowMs) { outcome, index in account(outcome, of: records[index].record, sourceID: sourceID, nowMs: nowMs) }
            case .auditLines(let lines, let name):
                let firstLine = linesRead[sourceID, default: 0] &+ 1
                linesRead[sourceID, default: 0] &+= UInt64(lines.count)
                pipeline.ingest(batch, nowMs: nowMs) { outcome, index in
                    guard let reason = outcome.problem else { return }
                    board.unparseable(
                        sourceID,
                        SourceProblem(
                            timeMs: nowMs, position: "line \(firstLine &+ UInt64(index))", reason: unlabelled(reason, name), raw: lines[index]))
                }
            case .eventLines:
                // Writing the lines is the headless loop's part; the pipeline only counts them.
                pipeline.ingest(batch, nowMs: nowMs)
            case .rollups:
                pipeline.ingest(batch, nowMs: nowMs)
                board.showAgents(pipeline.rollups.agents, nowMs: nowMs)
            }
            board.delivered(batch.count, to: sourceID, nowMs: nowMs)
            return batch.count
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
            board.unparseable(
                sourceID,
                SourceProblem(
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
