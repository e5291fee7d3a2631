import EventScopeCore

/// The health of every source, updated from inbox items on the loop thread.
public struct SourceBoard {
    public private(set) var sources: [SourceHealth]

    public init(_ sources: [SourceHealth] = []) {
        self.sources = sources
    }

    /// Registers a source and returns its id (its index).
    public mutating func add(name: String, kind: SourceKind) -> Int {
        let id = sources.count
        sources.append(SourceHealth(id: id, name: name, kind: kind))
        return id
    }

    public mutating func delivered(_ count: Int, to id: Int, nowMs: Int64) {
        guard sources.indices.contains(id), count > 0 else { return }
        sources[id].records &+= UInt64(count)
        sources[id].rate.add(count, nowMs: nowMs)
        sources[id].lastRecordMs = nowMs
        if sources[id].state == .connecting { sources[id].state = .connected }
    }

    /// Counts a record or line the source could not use and keeps it, with its reason, among the recent ones.
    public mutating func unparseable(_ id: Int, _ problem: SourceProblem) {
        guard sources.indices.contains(id) else { return }
        sources[id].noteProblem(problem)
    }

    /// One line per source with unusable records: how many, by reason (for stderr at exit).
    public var problemSummary: [String] {
        sources.filter { $0.unparseable > 0 }.map { source in
            let reasons = source.problemCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.value) \($0.key)" }.joined(separator: "; ")
            return "\(source.name): \(source.unparseable) unreadable audit record(s) not turned into decisions: \(reasons)"
        }
    }

    public mutating func setState(_ state: SourceState, of id: Int) {
        guard sources.indices.contains(id) else { return }
        sources[id].state = state
    }

    public mutating func setLag(_ lag: Int64, of id: Int) {
        guard sources.indices.contains(id) else { return }
        sources[id].lag = lag
    }

    public mutating func setUnwatchedPartitions(_ count: Int, of id: Int) {
        guard sources.indices.contains(id) else { return }
        sources[id].unwatchedPartitions = max(0, count)
    }

    public mutating func setDetail(_ detail: String?, of id: Int) {
        guard sources.indices.contains(id) else { return }
        sources[id].detail = detail
    }

    public mutating func noteOffsetGap(_ id: Int) {
        guard sources.indices.contains(id) else { return }
        sources[id].offsetGaps &+= 1
    }

    /// Lists the agents whose rollups are read, one source each (added as they first appear):
    /// the events they read, their partitions and lag as of their latest rollup, and when that was.
    public mutating func showAgents(_ agents: [String: RollupFolder.AgentStatus], nowMs: Int64) {
        for (name, status) in agents.sorted(by: { $0.key < $1.key }) {
            let sourceName = "agent \(name)"
            let id = sources.firstIndex { $0.kind == .agent && $0.name == sourceName } ?? add(name: sourceName, kind: .agent)
            sources[id].state = .connected
            sources[id].rate.add(Int(clamping: status.events &- min(status.events, sources[id].records)), nowMs: nowMs)
            sources[id].records = status.events
            sources[id].lastRecordMs = status.lastRollupMs
            if let lag = status.lag { sources[id].lag = lag }
            var detail = "\(status.partitions.map { "\($0) partitions" } ?? "partitions unknown") · \(status.intervals) rollups"
            if let last = status.lastRollupMs { detail += " · last rollup " + Timestamp.formatTimeOfDay(ms: last) }
            sources[id].detail = detail
        }
    }

    /// True when every source has reached the end of its input (for `-e`).
    public var allFinished: Bool {
        // A registry delivers no records: its held ones are released before the Kafka source
        // that sent them reports its end.
        // Nor do agents: the rollup topic's source reports the end of what they wrote.
        !sources.isEmpty && sources.allSatisfy { $0.state == .finished || $0.kind == .auditFile || $0.kind == .schemaRegistry || $0.kind == .agent }
    }
}
