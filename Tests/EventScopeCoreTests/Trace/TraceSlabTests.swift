import Testing

@testable import EventScopeCore

@Suite struct TraceSlabTests {
    /// Elements written through `update` stay in place across growth, and `prefetch` changes nothing (out-of-range indices included).
    @Test func updatesInPlaceAndPrefetchChangesNothing() {
        let slab = TraceSlab<TraceNodeRecord>()
        for number in 0..<100 {
            slab.append(.unused)
            let returned = slab.update(at: number) { node -> Int32 in
                node.eventId = .hex(high: 0, low: UInt64(number) + 1, shape: 16)
                node.offset = Int64(number)
                node.chain = Int32(number % 7)
                return node.chain
            }
            #expect(returned == Int32(number % 7))
        }
        for number in [-1, 0, 37, 99, 100, 1_000] { slab.prefetch(number) }
        #expect(slab.count == 100)
        for number in 0..<100 {
            #expect(slab[number].eventId == .hex(high: 0, low: UInt64(number) + 1, shape: 16))
            #expect(slab[number].offset == Int64(number))
            #expect(slab[number].chain == Int32(number % 7))
            #expect(slab.update(at: number) { $0.isWaiting } == false)
        }
    }
}
