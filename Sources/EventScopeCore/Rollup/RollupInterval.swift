/// What an agent saw in one interval, and its encoding as rollup messages.
///
/// Fed by the agent's pipeline (`observe(event:)`, `observe(decision:)`); at the end of the
/// interval `messages(...)` encodes it and `reset()` starts the next. Counts are per interval,
/// so a reader folding every committed interval gets totals; finding occurrences are deltas
/// against what was last published (`FindingDeltas`). Confined to one thread.
///
/// Every message names its writer (`agent`, `run`: the agent process's start time) and its
/// interval's `seq`: an interval sent again after an aborted transaction carries the same
/// ones, so a reader that sees both copies (a broker that keeps aborted records visible) folds
/// it once.
public final class RollupInterval {
    public let agent: String
    public let run: Int64
    /// Events and decisions of the interval (denied ones are also kept whole in `denied`).
    public let tally = SummaryTally()
    public private(set) var denied: [Decision] = []
    /// Hops per chain key, in arrival order; `chainOrder` keeps the chains' first-seen order so
    /// the messages come out the same for the same input.
    private var hops: [String: [UInt8]] = [:]
    private var chainOrder: [String] = []
    public private(set) var startMs: Int64

    public init(agent: String, run: Int64, startMs: Int64) {
        self.agent = agent
        self.run = run
        self.startMs = startMs
    }

    public var isEmpty: Bool { tally.isEmpty && denied.isEmpty && hops.isEmpty }

    public func observe(event: Event) {
        tally.count(event: event)
        guard let chain = event.trace.chainKey else { return }
        var encoded = hops[chain] ?? {
            chainOrder.append(chain)
            return []
        }()
        if !encoded.isEmpty { encoded.append(UInt8(ascii: ",")) }
        Self.appendHop(event, to: &encoded)
        hops[chain] = encoded
    }

    public func observe(decision: Decision) {
        tally.count(decision: decision)
        if !decision.granted { denied.append(decision) }
    }

    /// Forgets the interval (after it was committed, or when its transaction was aborted).
    public func reset(startMs: Int64) {
        tally.reset()
        denied.removeAll(keepingCapacity: true)
        hops.removeAll(keepingCapacity: true)
        chainOrder.removeAll(keepingCapacity: true)
        self.startMs = startMs
    }

    /// The interval's messages: one counters record (always, so readers see the agent alive),
    /// one of denied decisions and one of findings when there are any, one per trace chain.
    ///
    /// - Parameters:
    ///   - seq: the interval's number within the run; one more for each interval.
    ///   - findingOccurrences: new occurrences per rule in the interval (record rules only).
    ///   - findings: findings raised or updated in the interval with their new occurrences.
    public func messages(seq: Int64, endMs: Int64, findingOccurrences: [String: UInt64], findings: [(finding: Finding, delta: UInt64)]) -> [RollupMessage] {
        let agentKey = Array(agent.utf8)
        var out: [RollupMessage] = []
        var value = header(.counters, seq: seq)
        value.append(contentsOf: #","fromMs":"#.utf8)
        JSONLineWriter.appendInt(startMs, to: &value)
        value.append(contentsOf: #","toMs":"#.utf8)
        JSONLineWriter.appendInt(endMs, to: &value)
        value.append(contentsOf: #","events":"#.utf8)
        JSONLineWriter.appendInt(Int64(clamping: tally.events), to: &value)
        value.append(contentsOf: #","topics":"#.utf8)
        SummaryTally.appendCounts(tally.eventsByTopic, to: &value)
        value.append(contentsOf: #","types":"#.utf8)
        SummaryTally.appendCounts(tally.eventsByType, to: &value)
        value.append(contentsOf: #","sources":"#.utf8)
        SummaryTally.appendCounts(tally.eventsBySource, to: &value)
        value.append(contentsOf: #","allowed":"#.utf8)
        SummaryTally.appendCounts(tally.decisionsByPrincipal.compactMapValues { $0.granted > 0 ? $0.granted : nil }, to: &value)
        value.append(contentsOf: #","findings":"#.utf8)
        SummaryTally.appendCounts(findingOccurrences.filter { $0.value > 0 }, to: &value)
        value.append(UInt8(ascii: "}"))
        out.append(RollupMessage(key: agentKey, value: value))

        if !denied.isEmpty {
            var value = header(.denied, seq: seq)
            value.append(contentsOf: #","decisions":["#.utf8)
            for (index, decision) in denied.enumerated() {
                if index > 0 { value.append(UInt8(ascii: ",")) }
                DecisionJSONLine.append(decision, to: &value)
                value.removeLast()  // The line's newline.
            }
            value.append(contentsOf: "]}".utf8)
            out.append(RollupMessage(key: agentKey, value: value))
        }
        if !findings.isEmpty {
            var value = header(.findings, seq: seq)
            value.append(contentsOf: #","findings":["#.utf8)
            for (index, entry) in findings.enumerated() {
                if index > 0 { value.append(UInt8(ascii: ",")) }
                value.append(contentsOf: #"{"new":"#.utf8)
                JSONLineWriter.appendInt(Int64(clamping: entry.delta), to: &value)
                value.append(contentsOf: #","finding":"#.utf8)
                value.append(contentsOf: FindingJSONLine.line(entry.finding).utf8)
                value.append(UInt8(ascii: "}"))
            }
            value.append(contentsOf: "]}".utf8)
            out.append(RollupMessage(key: agentKey, value: value))
        }
        for chain in chainOrder {
            var value = header(.hops, seq: seq)
            value.append(contentsOf: #","trace":"#.utf8)
            JSONLineWriter.appendString(chain, to: &value)
            value.append(contentsOf: #","hops":["#.utf8)
            value.append(contentsOf: hops[chain] ?? [])
            value.append(contentsOf: "]}".utf8)
            out.append(RollupMessage(key: Array(chain.utf8), value: value))
        }
        return out
    }

    private func header(_ kind: RollupMessage.Kind, seq: Int64) -> [UInt8] {
        var value = Array(#"{"kind":""#.utf8)
        value.append(contentsOf: kind.rawValue.utf8)
        value.append(contentsOf: #"","v":"#.utf8)
        JSONLineWriter.appendInt(Int64(RollupMessage.version), to: &value)
        value.append(contentsOf: #","agent":"#.utf8)
        JSONLineWriter.appendString(agent, to: &value)
        value.append(contentsOf: #","run":"#.utf8)
        JSONLineWriter.appendInt(run, to: &value)
        value.append(contentsOf: #","seq":"#.utf8)
        JSONLineWriter.appendInt(seq, to: &value)
        return value
    }

    /// A hop as a positional array, the most compact JSON for many of them:
    /// `[type, topic, partition, offset, id, declaredSource, timeMs, spanId, parentSpanId, causationId]`.
    static func appendHop(_ event: Event, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        JSONLineWriter.appendOptionalString(event.type, to: &out)
        out.append(UInt8(ascii: ","))
        JSONLineWriter.appendString(event.topic, to: &out)
        out.append(UInt8(ascii: ","))
        JSONLineWriter.appendInt(Int64(event.partition), to: &out)
        out.append(UInt8(ascii: ","))
        JSONLineWriter.appendInt(event.offset, to: &out)
        out.append(UInt8(ascii: ","))
        JSONLineWriter.appendOptionalString(event.id, to: &out)
        out.append(UInt8(ascii: ","))
        JSONLineWriter.appendOptionalString(event.source, to: &out)
        out.append(UInt8(ascii: ","))
        if let time = event.timeMs { JSONLineWriter.appendInt(time, to: &out) } else { JSONLineWriter.appendNull(to: &out) }
        out.append(UInt8(ascii: ","))
        JSONLineWriter.appendOptionalString(event.trace.spanId, to: &out)
        out.append(UInt8(ascii: ","))
        JSONLineWriter.appendOptionalString(event.trace.parentSpanId, to: &out)
        out.append(UInt8(ascii: ","))
        JSONLineWriter.appendOptionalString(event.trace.causationId, to: &out)
        out.append(UInt8(ascii: "]"))
    }
}
