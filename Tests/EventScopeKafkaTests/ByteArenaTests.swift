import Testing

@testable import EventScopeKafka

@Suite("ByteArena")
struct ByteArenaTests {
    private func copy(_ arena: ByteArena, _ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
        bytes.withUnsafeBytes { arena.copy($0) }
    }

    @Test("copies stay intact while later copies fill and overflow blocks", arguments: [0, 1, 3])
    func copiesStayPut(batches: Int) {
        let arena = ByteArena()
        for batch in 0...batches {
            arena.reset()
            // Enough strings of uneven sizes to need several blocks, one larger than a block.
            let strings = (0..<3_000).map { index in
                [UInt8](repeating: UInt8(truncatingIfNeeded: index &+ batch), count: index == 1_500 ? ByteArena.blockSize + 7 : index % 977)
            }
            let copies = strings.map { copy(arena, $0) }
            for (string, copy) in zip(strings, copies) {
                #expect(Array(copy) == string)
            }
        }
    }

    @Test("an empty string copies to an empty buffer; the arena keeps no oversized block after a reset")
    func emptyAndOversized() {
        let arena = ByteArena()
        #expect(copy(arena, []).isEmpty)
        _ = copy(arena, [UInt8](repeating: 1, count: ByteArena.blockSize * 3))
        #expect(arena.capacity >= ByteArena.blockSize * 3)
        arena.reset()
        #expect(arena.capacity <= ByteArena.blockSize)
        #expect(Array(copy(arena, [9, 8, 7])) == [9, 8, 7])
    }

    @Test("blocks a large batch needed are freed once a smaller batch has not reached them")
    func largeBatchDoesNotStayResident() {
        let arena = ByteArena()
        let piece = [UInt8](repeating: 7, count: ByteArena.blockSize / 4 + 1)
        for _ in 0..<12 { _ = copy(arena, piece) }  // three pieces per block: four blocks
        #expect(arena.capacity == 4 * ByteArena.blockSize)
        arena.reset()
        #expect(arena.capacity == 4 * ByteArena.blockSize)  // the last batch reached all four
        #expect(Array(copy(arena, [1, 2])) == [1, 2])
        arena.reset()
        #expect(arena.capacity == ByteArena.blockSize)
        arena.reset()
        #expect(arena.capacity == ByteArena.blockSize)  // one block stays for the next batch
    }
}
