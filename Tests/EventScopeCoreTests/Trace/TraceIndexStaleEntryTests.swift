import Testing

@testable import EventScopeCore

/// Evicted chains and nodes leave stale entries in the index's lookup tables until a sweep;
/// lookups must never return them, whether before or after a sweep.
@Suite struct TraceIndexStaleEntryTests {
    private typealias F = TraceFixture

    /// Many evictions under tiny caps (so both tables are swept many times): every lookup of a
    /// retained chain or position answers it, every evicted one answers nil, and an evicted
    /// position can be indexed again.
    @Test(arguments: [(1, 2), (3, 4), (5, 12)])
    func lookupsSeeOnlyRetainedChainsAndPositions(maxChains: Int, maxNodes: Int) {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxChains: maxChains, maxNodes: maxNodes))
        let total = 500
        for number in 0..<total {
            // Two events per chain, so node and chain evictions both happen.
            let key = "k\(number / 2)"
            let outcome = index.insert(F.event(Int64(number), id: "e\(number)", correlation: key), principal: nil, nowMs: Int64(number))
            #expect(outcome == .indexed)
        }
        let retained = Set(index.recentChains(limit: total, nowMs: Int64(total)).map(\.key))
        #expect(retained.count == index.counters.chains)
        for number in 0..<total {
            let key = "k\(number / 2)"
            let found = index.chainKey(forTopic: "orders", partition: 0, offset: Int64(number))
            #expect((index.chain(key: key, nowMs: Int64(total)) != nil) == retained.contains(key))
            #expect(found == nil || found == key)
            if !retained.contains(key) { #expect(found == nil) }
        }
        // The oldest position was evicted long ago: inserting it again indexes it anew.
        #expect(index.insert(F.event(0, id: "again", correlation: "fresh"), principal: nil, nowMs: Int64(total)) == .indexed)
        #expect(index.chainKey(forTopic: "orders", partition: 0, offset: 0) == "fresh")
        #expect(index.insert(F.event(0, id: "again", correlation: "fresh"), principal: nil, nowMs: Int64(total)) == .duplicate)
    }
}
