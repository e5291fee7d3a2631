/// What an agent's finding engine gained since its last rollup: findings raised or updated,
/// with how many occurrences are new, and new occurrences per rule.
///
/// After a committed transaction, and equally after an aborted one (whose records are read and
/// judged again), `markPublished` moves the baseline to the engine's current counts.
public struct FindingDeltas {
    private var publishedCounts: [Int: UInt64] = [:]
    private var publishedByRule: [String: UInt64] = [:]

    public init() {}

    /// Findings whose count grew since the baseline (by id), and the growth per record rule.
    public func pending(in engine: FindingEngine) -> (occurrences: [String: UInt64], findings: [(finding: Finding, delta: UInt64)]) {
        var changed: [(finding: Finding, delta: UInt64)] = []
        for finding in engine.findings {
            let before = publishedCounts[finding.id] ?? 0
            if finding.count > before { changed.append((finding, finding.count - before)) }
        }
        changed.sort { $0.finding.id < $1.finding.id }
        var occurrences: [String: UInt64] = [:]
        for (rule, total) in engine.recordOccurrencesByRule() {
            // An evicted finding takes its occurrences out of the total: never publish less than nothing.
            let before = publishedByRule[rule] ?? 0
            if total > before { occurrences[rule] = total - before }
        }
        return (occurrences, changed)
    }

    public mutating func markPublished(_ engine: FindingEngine) {
        publishedCounts.removeAll(keepingCapacity: true)
        for finding in engine.findings { publishedCounts[finding.id] = finding.count }
        publishedByRule = engine.recordOccurrencesByRule()
    }
}
