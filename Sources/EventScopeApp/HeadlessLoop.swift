import EventScopeCore
import Foundation

/// The `--headless` loop: the same ingest as the dashboard, with JSON lines instead of a screen.
///
/// Lines are appended to one reusable buffer and handed to `write` in large chunks, so output
/// costs little more than the encoding itself.
public final class HeadlessLoop {
    public private(set) var processor: InboxProcessor
    let inbox: Inbox
    let emit: Set<EmitKind>
    let traceIdleMs: Int64
    let exitAtEnd: Bool
    let now: () -> Int64
    let reveal: Bool
    /// Whether an audit source was configured (see `init`).
    let readsAudit: Bool
    let write: ([UInt8]) -> Void
    private var buffer: [UInt8] = []
    private var lastTraceSweepMs: Int64 = 0
    /// Lines written per kind, for the closing summary and tests.
    public private(set) var written: [EmitKind: Int] = [:]
    /// With `exitAtEnd`, told every `waitingReportIntervalMs` without a record what the run has
    /// waited on and how long: a headless run has no status bar, and a partition whose leader
    /// is down would otherwise block it in silence.
    public var onWaiting: ((String) -> Void)?
    public var waitingReportIntervalMs: Int64 = 10_000
    /// Told at exit, once per source with unreadable records, how many and why: they are
    /// decisions nobody will see, and a headless run has no Sources pane.
    public var onProblems: ((String) -> Void)?
    private var lastProgressMs: Int64?
    private var lastWaitingReportMs: Int64 = 0
    /// Whether records or audit lines arrived since the last waiting check. Status reports are
    /// not progress: during an outage lag and broker states keep arriving every second.
    private var dataArrived = false

    /// - Parameter readsAudit: whether the run has an audit source (topic or file): event lines
    ///   then name the authenticated producers, even before the first decision arrives.
    public init(
        processor: InboxProcessor, inbox: Inbox, emit: [EmitKind], traceIdleSeconds: Double, exitAtEnd: Bool,
        reveal: Bool = false, readsAudit: Bool = false, now: @escaping () -> Int64, write: @escaping ([UInt8]) -> Void
    ) {
        self.reveal = reveal
        self.readsAudit = readsAudit
        self.processor = processor
        self.inbox = inbox
        self.emit = Set(emit)
        traceIdleMs = max(1, Int64(saturating: traceIdleSeconds * 1000))
        self.exitAtEnd = exitAtEnd
        self.now = now
        self.write = write
        buffer.reserveCapacity(1 << 20)
        if self.emit.contains(.events) {
            let pipeline = processor.pipeline
            processor.pipeline.onEvent = { [unowned self, unowned pipeline] event, record, claimed in
                // Who was allowed to write the topic is looked up only here, for the lines written.
                var identity: ProducerIdentity?
                // The captured pipeline, not `self.processor`: this runs inside the processor's
                // own mutating ingest, which holds exclusive access to that property.
                if readsAudit || pipeline.decisionsIngested > 0 {
                    let store = pipeline.store
                    identity = store.authenticatedWrites.identity(
                        of: event, record: record, claimedPrincipal: claimed ?? event.source.map { store.claimedPrincipal(forSource: $0) },
                        fallbackMs: self.now())
                }
                EventJSONLine.append(event, identity: identity, to: &buffer)
                written[.events, default: 0] += 1
            }
        }
        if self.emit.contains(.summary), processor.pipeline.summary == nil { processor.pipeline.summary = SummaryTally() }
        if self.emit.contains(.decisions) {
            processor.pipeline.onDecision = { [unowned self] decision in
                DecisionJSONLine.append(decision, to: &buffer)
                written[.decisions, default: 0] += 1
            }
        }
    }

    /// Runs until every source finished (with `-e`) or `shouldStop` says so; then flushes
    /// everything still pending, including traces not yet idle.
    ///
    /// - Parameter stopSources: called once the loop ends, before the last drain: it must
    ///   return only when the sources post nothing more, so every record they handed over (and
    ///   `--record` wrote) is written here too.
    public func run(shouldStop: () -> Bool, stopSources: () -> Void = {}) {
        while !shouldStop() {
            let nowMs = now()
            let drained = handleAll(inbox.drain(), nowMs: nowMs)
            processor.pipeline.tick(nowMs: nowMs, sources: processor.board.sources)
            emitFindings()
            if emit.contains(.traces), nowMs - lastTraceSweepMs >= 200 {
                for view in processor.pipeline.traceIndex.idleChains(idleMs: traceIdleMs, nowMs: nowMs) { appendTrace(view) }
                lastTraceSweepMs = nowMs
            }
            flush()
            reportWaiting(nowMs: nowMs)
            if exitAtEnd, drained == 0, processor.board.allFinished, inbox.pendingRecords == 0 {
                // One more drain: records posted just before the end-of-partition report.
                if handleAll(inbox.drain(), nowMs: now()) == 0 { break }
            }
            if drained == 0 { inbox.waitForItems(timeoutMs: 5) }
        }
        stopSources()
        while handleAll(inbox.drain(), nowMs: now()) > 0 {}
        // Finite input has ended: no chain can grow any more, so none is left open.
        if exitAtEnd, processor.board.allFinished { processor.pipeline.traceIndex.inputFinished = true }
        if emit.contains(.traces) {
            for view in processor.pipeline.traceIndex.allUnemitted(nowMs: now()) { appendTrace(view) }
        }
        processor.pipeline.tick(nowMs: now(), sources: processor.board.sources)
        emitFindings()
        if emit.contains(.health) {
            for source in processor.board.sources { HealthJSONLine.append(source, to: &buffer) }
            written[.health, default: 0] += processor.board.sources.count
        }
        if emit.contains(.summary), let summary = processor.pipeline.summary {
            for (rule, count) in processor.pipeline.findings.recordOccurrencesByRule() { summary.count(findings: count, rule: rule) }
            buffer.append(contentsOf: summary.line())
            written[.summary, default: 0] += 1
        }
        flush()
        for line in processor.board.problemSummary { onProblems?(line) }
    }

    private func reportWaiting(nowMs: Int64) {
        guard exitAtEnd, let onWaiting else { return }
        defer { dataArrived = false }
        guard !dataArrived, let since = lastProgressMs else {
            lastProgressMs = nowMs
            return
        }
        guard nowMs - since >= waitingReportIntervalMs, nowMs - lastWaitingReportMs >= waitingReportIntervalMs else { return }
        let pending = processor.board.sources.filter { $0.state != .finished && $0.kind != .auditFile }
        guard !pending.isEmpty else { return }
        lastWaitingReportMs = nowMs
        let what = pending.map { source in
            var text = "\(source.name) (\(source.state.label)"
            if let lag = source.lag, lag > 0 { text += ", \(lag) records behind" }
            return text + ")"
        }
        onWaiting("-e: nothing new for \((nowMs - since) / 1000)s; still waiting for the end of \(what.joined(separator: ", "))")
    }

    /// Handles drained items; returns how many there were. Written line buffers go back to the
    /// inbox only once the items are released here, so the encoder gets them unshared and refills
    /// them instead of copying.
    private func handleAll(_ items: consuming [InboxItem], nowMs: Int64) -> Int {
        let count = items.count
        var writtenBuffers: [[UInt8]] = []
        // The loop consumes the items: they are released when it ends.
        for item in items {
            if let lines = handle(item, nowMs: nowMs) { writtenBuffers.append(lines) }
        }
        for lines in writtenBuffers { inbox.recycleLineBuffer(lines) }
        return count
    }

    /// Handles one item; returns the line buffer it wrote out, if it carried one.
    private func handle(_ item: InboxItem, nowMs: Int64) -> [UInt8]? {
        var writtenLines: [UInt8]?
        if case .batch(_, let batch) = item, batch.count > 0 { dataArrived = true }
        if case .batch(_, .eventLines(let lines, let count)) = item {
            // Already encoded on the consumer thread: written as they are, after what came before.
            flush()
            write(lines)
            writtenLines = lines
            written[.events, default: 0] += count
        }
        processor.apply(item, nowMs: nowMs)
        if buffer.count >= 1 << 20 { flush() }
        return writtenLines
    }

    /// The most severe finding raised so far (for `--fail-on`), whether or not findings are emitted.
    public private(set) var worstSeverity: FindingSeverity?

    /// Writes each finding once, when first raised.
    private func emitFindings() {
        for finding in processor.pipeline.findings.drainRaised() {
            if worstSeverity.map({ finding.severity > $0 }) ?? true { worstSeverity = finding.severity }
            guard emit.contains(.findings) else { continue }
            buffer.append(contentsOf: FindingJSONLine.line(finding, reveal: reveal).utf8)
            buffer.append(UInt8(ascii: "\n"))
            written[.findings, default: 0] += 1
        }
    }

    /// Whether an audit stream can tell who was allowed to write (a replay may carry decisions
    /// of its own), so lines name the authenticated producers.
    private var knowsWriters: Bool { readsAudit || processor.pipeline.decisionsIngested > 0 }

    private func appendTrace(_ view: TraceChainView) {
        buffer.append(contentsOf: TraceJSON.line(view, writes: knowsWriters ? processor.pipeline.store.authenticatedWrites : nil).utf8)
        buffer.append(UInt8(ascii: "\n"))
        written[.traces, default: 0] += 1
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
