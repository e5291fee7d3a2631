/// Folds rollup values, as a `read_committed` reader gets them, into the totals of everything
/// the agents read, and keeps what each agent last said.
///
/// Only committed intervals reach a `read_committed` reader, so summing them gives the totals
/// one process reading every record would have. A broker that keeps an aborted transaction's
/// records visible (librdkafka 2.0.2's mock cluster writes no transaction markers) shows an
/// interval twice when its agent sent it again: each record is folded once, by its writer,
/// interval and kind (and trace, for hops).
public final class RollupFolder {
    /// What the rollups say about one agent.
    public struct AgentStatus: Sendable, Equatable {
        public var intervals: UInt64 = 0
        public var lastRollupMs: Int64?
        public var events: UInt64 = 0
        /// As of its latest counters record.
        public var partitions: Int?
        public var lag: Int64?
    }

    public let tally = SummaryTally()
    public private(set) var agents: [String: AgentStatus] = [:]
    /// Values of another format version, or not rollups at all.
    public private(set) var skipped: UInt64 = 0
    public private(set) var hopsFolded: UInt64 = 0
    /// Records left out as copies of ones already folded.
    public private(set) var copies: UInt64 = 0
    private var seen = CopyFilter()
    private let parser = JSONParser()
    /// Also fed everything folded (hops are then parsed too); weak, since the model owns the folder.
    public weak var model: RollupModel?

    public init() {}

    /// Folds one rollup value read from rollup partition `partition`; returns its kind, or nil
    /// when it was skipped (not a rollup, or a copy).
    @discardableResult
    public func fold(_ value: [UInt8], partition: Int32, nowMs: Int64 = 0) -> RollupMessage.Kind? {
        // Hops say nothing the totals hold; counting them needs no parse.
        if model == nil, value.starts(with: Self.hopsPrefix) {
            hopsFolded &+= 1
            return .hops
        }
        guard let object = try? parser.parse(value), case .string(let kindText)? = object["kind"],
            let kind = RollupMessage.Kind(rawValue: kindText), object["v"] == .integer(Int64(RollupMessage.version)),
            case .string(let agent)? = object["agent"], case .integer(let run)? = object["run"], case .integer(let seq)? = object["seq"]
        else {
            skipped &+= 1
            return nil
        }
        // An interval has one record of each kind but hops, which have one per chain.
        var item = kindText
        if kind == .hops, case .string(let chain)? = object["trace"] { item += " " + chain }
        guard seen.isFirst(CopyFilter.Writer(partition: partition, agent: agent, run: run), seq: seq, item: item) else {
            copies &+= 1
            return nil
        }
        switch kind {
        case .counters:
            foldCounters(object, agent: agent, nowMs: nowMs)
        case .denied:
            guard case .array(let decisions)? = object["decisions"] else { break }
            for entry in decisions {
                guard let decision = DecisionJSONLine.decision(from: entry) else { continue }
                tally.count(decisions: UInt64(max(1, decision.count)), principal: decision.principal, granted: false)
                model?.rollupDecision(decision, nowMs: nowMs)
            }
        case .findings:
            guard let model, case .array(let findings)? = object["findings"] else { break }
            for entry in findings {
                guard let finding = entry["finding"] else { continue }
                model.rollupFinding(finding, new: Self.count(entry["new"]), nowMs: nowMs)
            }
        case .hops:
            hopsFolded &+= 1
            guard let model, case .string(let chain)? = object["trace"], case .array(let hops)? = object["hops"] else { break }
            for hop in hops {
                if let event = RollupInterval.event(fromHop: hop, chain: chain) { model.rollupHop(event, nowMs: nowMs) }
            }
        }
        return kind
    }

    private func foldCounters(_ object: JSONValue, agent: String, nowMs: Int64) {
        var events: UInt64 = 0
        if case .array(let mix)? = object["mix"] {
            for entry in mix {
                guard case .string(let topic)? = entry[0], case .string(let formatName)? = entry[3] else { continue }
                let count = Self.count(entry[4])
                let type = entry[1]?.stringValue
                let source = entry[2]?.stringValue
                events &+= count
                tally.count(events: count, topic: topic, type: type ?? SummaryTally.untyped, source: source ?? SummaryTally.undeclared)
                model?.rollupEvents(
                    count, bytes: Self.count(entry[5]), topic: topic, type: type, source: source,
                    format: EventFormat(rawValue: formatName) ?? .opaque, nowMs: nowMs)
            }
        }
        if case .array(let allowed)? = object["allowed"] {
            for entry in allowed {
                guard case .string(let principal)? = entry[0], case .string(let operation)? = entry[1],
                    case .string(let formatName)? = entry[4], let format = AuditFormat(rawValue: formatName)
                else { continue }
                let count = Self.count(entry[5])
                tally.count(decisions: count, principal: principal, granted: true)
                model?.rollupDecision(
                    Decision(
                        timeMs: nil, principal: principal, operation: operation, resourceType: entry[2]?.stringValue,
                        resourceName: entry[3]?.stringValue, granted: true, count: Int(clamping: count), format: format),
                    nowMs: nowMs)
            }
        }
        for (rule, count) in Self.counts(object["findings"]) { tally.count(findings: count, rule: rule) }
        var status = agents[agent] ?? AgentStatus()
        status.intervals &+= 1
        status.events &+= events
        if case .integer(let toMs)? = object["toMs"] { status.lastRollupMs = max(status.lastRollupMs ?? toMs, toMs) }
        if case .integer(let partitions)? = object["partitions"] { status.partitions = Int(clamping: partitions) }
        if case .integer(let lag)? = object["lag"] { status.lag = lag }
        agents[agent] = status
    }

    /// Which records of its writers' intervals one rollup partition has shown. An agent
    /// commits nothing newer while an interval of its is unsent, so within a partition a
    /// writer's intervals come in order, an interval sent again right after its first copy:
    /// the items of each writer's latest interval are all it keeps.
    struct CopyFilter {
        struct Writer: Hashable {
            var partition: Int32
            var agent: String
            var run: Int64
        }

        private var latest: [Writer: (seq: Int64, items: Set<String>)] = [:]

        mutating func isFirst(_ writer: Writer, seq: Int64, item: String) -> Bool {
            // Taken out of the dictionary, the set is uniquely referenced and grows in place
            // (a copy left in the dictionary made each insert copy every item before it).
            guard var entry = latest.removeValue(forKey: writer), entry.seq >= seq else {
                latest[writer] = (seq, [item])
                return true
            }
            defer { latest[writer] = entry }
            return entry.seq == seq && entry.items.insert(item).inserted
        }
    }

    static let hopsPrefix = Array(#"{"kind":"hops","v":1,"#.utf8)

    static func count(_ value: JSONValue?) -> UInt64 {
        guard case .integer(let number)? = value, number > 0 else { return 0 }
        return UInt64(number)
    }

    static func counts(_ value: JSONValue?) -> [String: UInt64] {
        guard case .object(let members)? = value else { return [:] }
        var out: [String: UInt64] = [:]
        for member in members { out[member.key, default: 0] &+= count(member.value) }
        return out
    }
}
