/// Totals of a run that add up exactly however the records were split: events per topic,
/// event type and declared source; decisions granted and denied, per authenticated principal;
/// finding occurrences per rule.
///
/// Every count is a sum over records, so tallies of disjoint shares merge into the tally of
/// the whole. That is what lets agents publish per-interval tallies and a reader fold them
/// into the same totals one process reading everything would have. Confined to one thread.
public final class SummaryTally {
    /// Decisions about one principal.
    public struct DecisionCounts: Sendable, Equatable {
        public var granted: UInt64 = 0
        public var denied: UInt64 = 0
        public init(granted: UInt64 = 0, denied: UInt64 = 0) {
            self.granted = granted
            self.denied = denied
        }
    }

    /// The key events without a type, or without a declared source, are counted under.
    public static let untyped = "(untyped)"
    public static let undeclared = "(undeclared)"

    public private(set) var events: UInt64 = 0
    public private(set) var eventsByTopic: [String: UInt64] = [:]
    public private(set) var eventsByType: [String: UInt64] = [:]
    public private(set) var eventsBySource: [String: UInt64] = [:]
    public private(set) var decisionsByPrincipal: [String: DecisionCounts] = [:]
    public private(set) var findingsByRule: [String: UInt64] = [:]

    public init() {}

    public var isEmpty: Bool { events == 0 && decisionsByPrincipal.isEmpty && findingsByRule.isEmpty }

    public var decisions: DecisionCounts {
        decisionsByPrincipal.values.reduce(into: DecisionCounts()) { total, counts in
            total.granted &+= counts.granted
            total.denied &+= counts.denied
        }
    }

    public func count(event: Event) {
        count(events: 1, topic: event.topic, type: event.type ?? Self.untyped, source: event.source ?? Self.undeclared)
    }

    /// Adds `events` events of one topic, type and declared source.
    public func count(events: UInt64, topic: String, type: String, source: String) {
        self.events &+= events
        eventsByTopic[topic, default: 0] &+= events
        eventsByType[type, default: 0] &+= events
        eventsBySource[source, default: 0] &+= events
    }

    /// Adds events counted elsewhere by topic, by type and by declared source separately
    /// (each map sums to `events`), as a rollup's counters carry them.
    public func count(events: UInt64, byTopic: [String: UInt64], byType: [String: UInt64], bySource: [String: UInt64]) {
        self.events &+= events
        for (key, value) in byTopic { eventsByTopic[key, default: 0] &+= value }
        for (key, value) in byType { eventsByType[key, default: 0] &+= value }
        for (key, value) in bySource { eventsBySource[key, default: 0] &+= value }
    }

    /// Counts a decision as often as the repeats it stands for (at least once).
    public func count(decision: Decision) {
        count(decisions: UInt64(max(1, decision.count)), principal: decision.principal, granted: decision.granted)
    }

    public func count(decisions: UInt64, principal: String, granted: Bool) {
        if granted {
            decisionsByPrincipal[principal, default: DecisionCounts()].granted &+= decisions
        } else {
            decisionsByPrincipal[principal, default: DecisionCounts()].denied &+= decisions
        }
    }

    public func count(findings: UInt64, rule: String) {
        guard findings > 0 else { return }
        findingsByRule[rule, default: 0] &+= findings
    }

    /// Adds another tally's counts to this one.
    public func merge(_ other: SummaryTally) {
        count(events: other.events, byTopic: other.eventsByTopic, byType: other.eventsByType, bySource: other.eventsBySource)
        for (key, value) in other.decisionsByPrincipal {
            decisionsByPrincipal[key, default: DecisionCounts()].granted &+= value.granted
            decisionsByPrincipal[key, default: DecisionCounts()].denied &+= value.denied
        }
        for (key, value) in other.findingsByRule { findingsByRule[key, default: 0] &+= value }
    }

    /// Forgets every count (an agent starts each interval afresh).
    public func reset() {
        events = 0
        eventsByTopic.removeAll(keepingCapacity: true)
        eventsByType.removeAll(keepingCapacity: true)
        eventsBySource.removeAll(keepingCapacity: true)
        decisionsByPrincipal.removeAll(keepingCapacity: true)
        findingsByRule.removeAll(keepingCapacity: true)
    }

    /// The `--emit summary` line, with a newline: keys in byte order everywhere, so two
    /// summaries of the same data are equal byte for byte.
    ///
    /// `{"kind":"summary","version":1,"events":N,"topics":{..},"types":{..},"sources":{..},
    /// "decisions":{"granted":N,"denied":N},"principals":{"P":{"granted":N,"denied":N}},"findings":{"rule":N}}`
    public func line() -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"kind":"summary","version":1,"events":"#.utf8)
        JSONLineWriter.appendInt(Int64(clamping: events), to: &out)
        out.append(contentsOf: #","topics":"#.utf8)
        Self.appendCounts(eventsByTopic, to: &out)
        out.append(contentsOf: #","types":"#.utf8)
        Self.appendCounts(eventsByType, to: &out)
        out.append(contentsOf: #","sources":"#.utf8)
        Self.appendCounts(eventsBySource, to: &out)
        out.append(contentsOf: #","decisions":"#.utf8)
        Self.appendDecisionCounts(decisions, to: &out)
        out.append(contentsOf: #","principals":{"#.utf8)
        for (index, key) in Self.ordered(decisionsByPrincipal.keys).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONLineWriter.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            Self.appendDecisionCounts(decisionsByPrincipal[key] ?? DecisionCounts(), to: &out)
        }
        out.append(contentsOf: #"},"findings":"#.utf8)
        Self.appendCounts(findingsByRule, to: &out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    /// Keys in UTF-8 byte order, which does not depend on locale or Unicode tables.
    static func ordered(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `{"key":N,...}` in byte order of the keys.
    static func appendCounts(_ counts: [String: UInt64], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, key) in ordered(counts.keys).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONLineWriter.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONLineWriter.appendInt(Int64(clamping: counts[key] ?? 0), to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func appendDecisionCounts(_ counts: DecisionCounts, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"granted":"#.utf8)
        JSONLineWriter.appendInt(Int64(clamping: counts.granted), to: &out)
        out.append(contentsOf: #","denied":"#.utf8)
        JSONLineWriter.appendInt(Int64(clamping: counts.denied), to: &out)
        out.append(UInt8(ascii: "}"))
    }
}
