import Testing

@testable import EventScopeCore

@Suite struct EntityTableTests {
    /// After every insertion and eviction, each held entity is found under its own name, the
    /// names evicted are gone, and those evicted were the least recently seen.
    @Test func namesFindTheirStatsThroughEvictions() {
        var table = EntityTable<TopicStats>()
        var random = SplitMix64(seed: 11)
        var lastSeen: [String: Int64] = [:]
        var evictedTotal: UInt64 = 0
        for step in 0..<3_000 {
            // Half the time a name seen before, else a new one.
            let name = step > 0 && random.next() % 2 == 0 ? "t\(random.next() % UInt64(step))" : "t\(step)"
            let nowMs = Int64(random.next() % 1_000_000)
            let before = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0.lastSeenMs) })
            let evicted = table.update(name, nowMs: nowMs, cap: 100, make: { TopicStats(name: name, nowMs: nowMs) }) { $0.events += 1 }
            evictedTotal += evicted
            lastSeen[name] = nowMs
            #expect(table.count <= 100)
            if evicted > 0 {
                let kept = Set(table.map(\.name))
                let gone = before.keys.filter { !kept.contains($0) }
                #expect(UInt64(gone.count) == evicted)
                let newestGone = gone.map { before[$0]! }.max()!
                let oldestKept = before.filter { kept.contains($0.key) }.map(\.value).min()!
                #expect(newestGone <= oldestKept)
            }
            for stats in table {
                #expect(table[stats.name]?.name == stats.name)
            }
        }
        #expect(evictedTotal > 0)
        #expect(table["never-added"] == nil)
        #expect(Set(table.names) == Set(table.map(\.name)))
        #expect(table.withStats { $0.count } == table.count)
    }
}
