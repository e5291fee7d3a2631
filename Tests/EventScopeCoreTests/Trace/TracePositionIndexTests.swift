import Testing

@testable import EventScopeCore

@Suite struct TracePositionIndexTests {
    /// Random positions over a few partitions, mostly in offset order with rewinds, node slots
    /// freed and reused, and a tiny sweep threshold so stale entries are swept often: every
    /// lookup answers exactly the live node a model holds.
    @Test(arguments: [0, 5, 50])
    func findsExactlyTheLiveNodes(rewindPercent: Int) {
        var index = TracePositionIndex(sweepThreshold: 40)
        var generator = SystemRandomNumberGenerator()
        let slots = 24
        var positionOfSlot = [TraceOffsetKey?](repeating: nil, count: slots)
        var nextOffset = [Int64](repeating: 0, count: 6)
        func live(at position: TraceOffsetKey) -> Int32? {
            positionOfSlot.firstIndex { $0 == position }.map(Int32.init)
        }
        for _ in 0..<5_000 {
            let pair = Int.random(in: 0..<6, using: &generator)
            let offset =
                Int.random(in: 0..<100, using: &generator) < rewindPercent
                ? Int64.random(in: 0...nextOffset[pair], using: &generator) : nextOffset[pair]
            nextOffset[pair] = max(nextOffset[pair], offset + 1)
            let position = TraceOffsetKey(topic: Int32(pair % 2), partition: Int32(pair / 2), offset: offset)
            let log = index.advance(to: position)
            let expected = live(at: position)
            if log >= 0 { #expect(expected == nil) }
            #expect(index.node(at: position) { _ in true } == expected)
            guard expected == nil else { continue }
            let slot = Int32(Int.random(in: 0..<slots, using: &generator))
            if positionOfSlot[Int(slot)] != nil { index.release(node: slot) }
            index.add(position, node: slot, log: log)
            positionOfSlot[Int(slot)] = position
            #expect(index.node(at: position) { _ in true } == slot)
            #expect(index.count <= 40)
        }
        for (slot, position) in positionOfSlot.enumerated() {
            if let position { #expect(index.node(at: position) { _ in true } == Int32(slot)) }
        }
    }

    /// A candidate the confirmation rejects is not returned.
    @Test func rejectedCandidatesAreNotReturned() {
        var index = TracePositionIndex(sweepThreshold: 100)
        let inOrder = TraceOffsetKey(topic: 0, partition: 0, offset: 9)
        let rewound = TraceOffsetKey(topic: 0, partition: 0, offset: 3)
        index.add(inOrder, node: 0, log: index.advance(to: inOrder))
        #expect(index.advance(to: rewound) == -1)
        index.add(rewound, node: 1, log: -1)
        #expect(index.node(at: inOrder) { _ in true } == 0)
        #expect(index.node(at: rewound) { _ in true } == 1)
        #expect(index.node(at: inOrder) { _ in false } == nil)
        #expect(index.node(at: rewound) { _ in false } == nil)
    }

    /// Past `maxPartitions`, new partitions get no mark (every record is looked up) and their
    /// records are still found; tracked partitions keep their marks.
    @Test func partitionsPastTheCapAreLookedUpAndFound() {
        var index = TracePositionIndex(sweepThreshold: 1_000_000)
        let cap = TracePositionIndex.maxPartitions
        for partition in 0..<(cap + 10) {
            let position = TraceOffsetKey(topic: 1, partition: Int32(partition), offset: 5)
            let log = index.advance(to: position)
            #expect((log >= 0) == (partition < cap))
            index.add(position, node: Int32(partition), log: log)
        }
        for partition in [0, cap - 1, cap, cap + 9] {
            let position = TraceOffsetKey(topic: 1, partition: Int32(partition), offset: 5)
            #expect(index.node(at: position) { _ in true } == Int32(partition))
            #expect((index.advance(to: TraceOffsetKey(topic: 1, partition: Int32(partition), offset: 6)) >= 0) == (partition < cap))
        }
    }
}
