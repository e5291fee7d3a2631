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
    /// Events per topic, type and declared source (what the Topics and Event types screens
    /// relate), with their bytes.
    private var mix: [MixKey: (events: UInt64, bytes: UInt64)] = [:]
    /// Allowed decisions per principal, operation and resource (what the Principals screen
    /// tells apart: writes, reads, topics written and consumed).
    private var allowed: [AllowedKey: UInt64] = [:]
    public private(set) var events: UInt64 = 0
    public private(set) var denied: [Decision] = []
    /// Hops per chain key, in arrival order; `chainOrder` keeps the chains' first-seen order so
    /// the messages come out the same for the same input.
    private var hops: [String: [UInt8]] = [:]
    private var chainOrder: [String] = []
    public private(set) var startMs: Int64

    struct MixKey: Hashable {
        var topic: String
        var type: String?
        var source: String?
        var format: EventFormat
    }

    struct AllowedKey: Hashable {
        var principal: String
        var operation: String
        var resourceType: String?
        var resourceName: String?
        var format: AuditFormat
    }

    /// What the agent says about itself in each counters record (the readers' Sources pane).
    public struct AgentStatus: Sendable, Equatable {
        /// Partitions assigned to the agent.
        public var partitions: Int
        /// Records behind the high watermarks of its partitions, as last fetched.
        public var lag: Int64

        public init(partitions: Int, lag: Int64) {
            self.partitions = partitions
            self.lag = lag
        }
    }

    public init(agent: String, run: Int64, startMs: Int64) {
        self.agent = agent
        self.run = run
        self.startMs = startMs
    }

    public var isEmpty: Bool { events == 0 && allowed.isEmpty && denied.isEmpty && hops.isEmpty }

    public func observe(event: Event) {
        events &+= 1
        let key = MixKey(topic: event.topic, type: event.type, source: event.source, format: event.format)
        let counts = mix[key] ?? (0, 0)
        mix[key] = (counts.events &+ 1, counts.bytes &+ UInt64(event.bytes))
        guard let chain = event.trace.chainKey else { return }
        // Appended in place: a copy taken out of the dictionary would copy a long chain's
        // hops on every event.
        if hops[chain] == nil {
            chainOrder.append(chain)
            hops[chain] = []
        } else {
            hops[chain]!.append(UInt8(ascii: ","))
        }
        Self.appendHop(event, to: &hops[chain]!)
    }

    public func observe(decision: Decision) {
        if decision.granted {
            let key = AllowedKey(
                principal: decision.principal, operation: decision.operation, resourceType: decision.resourceType,
                resourceName: decision.resourceName, format: decision.format)
            allowed[key, default: 0] &+= UInt64(max(1, decision.count))
        } else {
            denied.append(decision)
        }
    }

    /// Forgets the interval (after it was handed to the client, or when the group took the
    /// partitions away).
    public func reset(startMs: Int64) {
        mix.removeAll(keepingCapacity: true)
        allowed.removeAll(keepingCapacity: true)
        events = 0
        denied.removeAll(keepingCapacity: true)
        hops.removeAll(keepingCapacity: true)
        chainOrder.removeAll(keepingCapacity: true)
        self.startMs = startMs
    }

    /// The interval's messages: one counters record (always, so readers see the agent alive),
    /// one of denied decisions and one of findings when there are any, one per trace chain.
    ///
    /// Counters: `"mix":[[topic, type, declaredSource, format, events, bytes], …]` and
    /// `"allowed":[[principal, operation, resourceType, resourceName, format, count], …]` (null where
    /// unknown, sorted so the same interval encodes the same), `"findings":{rule: new}`.
    ///
    /// - Parameters:
    ///   - seq: the interval's number within the run; one more for each interval.
    ///   - findingOccurrences: new occurrences per rule in the interval (record rules only).
    ///   - findings: findings raised or updated in the interval with their new occurrences.
    ///   - status: the agent's partitions and lag, when known.
    public func messages(
        seq: Int64, endMs: Int64, findingOccurrences: [String: UInt64], findings: [(finding: Finding, delta: UInt64)], status: AgentStatus? = nil
    ) -> [RollupMessage] {
        let agentKey = Array(agent.utf8)
        var out: [RollupMessage] = []
        var value = header(.counters, seq: seq)
        value.append(contentsOf: #","fromMs":"#.utf8)
        JSONLineWriter.appendInt(startMs, to: &value)
        value.append(contentsOf: #","toMs":"#.utf8)
        JSONLineWriter.appendInt(endMs, to: &value)
        value.append(contentsOf: #","events":"#.utf8)
        JSONLineWriter.appendInt(Int64(clamping: events), to: &value)
        if let status {
            value.append(contentsOf: #","partitions":"#.utf8)
            JSONLineWriter.appendInt(Int64(status.partitions), to: &value)
            value.append(contentsOf: #","lag":"#.utf8)
            JSONLineWriter.appendInt(status.lag, to: &value)
        }
        value.append(contentsOf: #","mix":["#.utf8)
        let mixOrder = mix.sorted {
            ($0.key.topic, $0.key.type ?? "", $0.key.source ?? "", $0.key.format.rawValue)
                < ($1.key.topic, $1.key.type ?? "", $1.key.source ?? "", $1.key.format.rawValue)
        }
        for (index, entry) in mixOrder.enumerated() {
            if index > 0 { value.append(UInt8(ascii: ",")) }
            Self.appendRow(
                [entry.key.topic, entry.key.type, entry.key.source, entry.key.format.rawValue], [entry.value.events, entry.value.bytes], to: &value)
        }
        value.append(contentsOf: #"],"allowed":["#.utf8)
        let allowedOrder = allowed.sorted {
            ($0.key.principal, $0.key.operation, $0.key.resourceType ?? "", $0.key.resourceName ?? "", $0.key.format.rawValue)
                < ($1.key.principal, $1.key.operation, $1.key.resourceType ?? "", $1.key.resourceName ?? "", $1.key.format.rawValue)
        }
        for (index, entry) in allowedOrder.enumerated() {
            if index > 0 { value.append(UInt8(ascii: ",")) }
            Self.appendRow(
                [entry.key.principal, entry.key.operation, entry.key.resourceType, entry.key.resourceName, entry.key.format.rawValue],
                [entry.value], to: &value)
        }
        value.append(contentsOf: #"],"findings":"#.utf8)
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

    /// `[texts…, counts…]`, a row of a counters record (null for a missing text).
    private static func appendRow(_ texts: [String?], _ counts: [UInt64], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, text) in texts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONLineWriter.appendOptionalString(text, to: &out)
        }
        for count in counts {
            out.append(UInt8(ascii: ","))
            JSONLineWriter.appendInt(Int64(clamping: count), to: &out)
        }
        out.append(UInt8(ascii: "]"))
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

    /// The event a hop stands for (`appendHop`'s array), in the chain `chain`: enough for the
    /// trace index to link it as it linked the event itself. A chain keyed by a correlation id
    /// comes back keyed by the same id as a trace id, which groups its hops the same way.
    static func event(fromHop hop: JSONValue, chain: String) -> Event? {
        guard case .string(let topic)? = hop[1], case .integer(let partition)? = hop[2], case .integer(let offset)? = hop[3],
            let partitionNumber = Int32(exactly: partition)
        else { return nil }
        var timeMs: Int64?
        if case .integer(let time)? = hop[6] { timeMs = time }
        let trace = TraceContext(traceId: chain, spanId: hop[7]?.stringValue, parentSpanId: hop[8]?.stringValue, causationId: hop[9]?.stringValue)
        return Event(
            topic: topic, partition: partitionNumber, offset: offset, timeMs: timeMs, type: hop[0]?.stringValue, id: hop[4]?.stringValue,
            source: hop[5]?.stringValue, format: .envelope, trace: trace, bytes: 0)
    }
}
