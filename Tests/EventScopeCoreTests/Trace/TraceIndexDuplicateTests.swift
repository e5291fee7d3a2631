import Testing

@testable import EventScopeCore

/// Duplicates are recognised by record position (whatever the key) and by event id in the chain,
/// in small chains (scanned) and large ones (with a lookup), including records redelivered
/// below their partition's highest offset.
@Suite struct TraceIndexDuplicateTests {
    private typealias F = TraceFixture

    /// A chain grown past the lookup threshold, then every record redelivered (a rewind): all are
    /// duplicates by position, even under another key or event id, and nothing changes.
    @Test(arguments: [4, Int(TraceChainLookup.threshold) + 8])
    func redeliveredRecordsAreDuplicates(chainLength: Int) {
        let index = TraceIndex()
        for number in 0..<chainLength {
            #expect(index.insert(F.event(Int64(number), id: "e\(number)", correlation: "c"), principal: nil, nowMs: 0) == .indexed)
        }
        for number in 0..<chainLength {
            #expect(index.insert(F.event(Int64(number), id: "e\(number)", correlation: "c"), principal: nil, nowMs: 1) == .duplicate)
            #expect(index.insert(F.event(Int64(number), id: "x\(number)", correlation: "other"), principal: nil, nowMs: 1) == .duplicate)
        }
        // Same event id at a new position: a duplicate by id, in a scanned or a looked-up chain.
        #expect(index.insert(F.event(Int64(chainLength + 5), id: "e0", correlation: "c"), principal: nil, nowMs: 1) == .duplicate)
        #expect(index.counters.duplicates == 2 * chainLength + 1)
        #expect(index.counters.nodes == chainLength)
        #expect(index.chain(key: "other", nowMs: 1) == nil)
        #expect(index.chain(key: "c", nowMs: 1)?.summary.hops == chainLength)
    }

    /// A record below its partition's highest offset that was never indexed (out of order, or
    /// its first copy evicted) is indexed, found by position, and a duplicate when seen again.
    @Test func recordsBelowTheMarkAreIndexedOnce() {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxChains: 2))
        #expect(index.insert(F.event(10, id: "a", correlation: "c1"), principal: nil, nowMs: 0) == .indexed)
        #expect(index.insert(F.event(4, id: "b", correlation: "c1"), principal: nil, nowMs: 0) == .indexed)
        #expect(index.chainKey(forTopic: "orders", partition: 0, offset: 4) == "c1")
        #expect(index.insert(F.event(4, id: "b", correlation: "c1"), principal: nil, nowMs: 0) == .duplicate)
        #expect(index.markInvalid(topic: "orders", partition: 0, offset: 4))
        // Other partitions and topics have marks of their own.
        #expect(index.insert(F.event(4, partition: 1, id: "c", correlation: "c2"), principal: nil, nowMs: 1) == .indexed)
        #expect(index.insert(F.event(4, topic: "carts", id: "d", correlation: "c2"), principal: nil, nowMs: 1) == .indexed)
        // Two newer chains evict c1; its records then index anew.
        #expect(index.insert(F.event(20, id: "e", correlation: "c3"), principal: nil, nowMs: 2) == .indexed)
        #expect(index.counters.evictedChains == 1)
        #expect(index.chainKey(forTopic: "orders", partition: 0, offset: 10) == nil)
        #expect(index.insert(F.event(10, id: "a", correlation: "c1"), principal: nil, nowMs: 3) == .indexed)
        #expect(index.chainKey(forTopic: "orders", partition: 0, offset: 10) == "c1")
        #expect(index.counters.duplicates == 1)
    }
}
