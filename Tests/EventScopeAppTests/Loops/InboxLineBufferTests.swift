import Testing

@testable import EventScopeApp

@Suite("Inbox line buffers")
struct InboxLineBufferTests {
    @Test("a written-out buffer comes back empty with its capacity; none kept means a new one")
    func recycledBuffersKeepTheirCapacity() {
        let inbox = Inbox()
        #expect(inbox.takeLineBuffer().isEmpty)
        var lines: [UInt8] = []
        lines.reserveCapacity(1 << 20)
        lines.append(contentsOf: Array(repeating: 0x41, count: 1_000))
        inbox.recycleLineBuffer(lines)
        lines = []
        let reused = inbox.takeLineBuffer()
        #expect(reused.isEmpty)
        #expect(reused.capacity >= 1 << 20)
        #expect(inbox.takeLineBuffer().capacity < 1 << 20)
    }

    @Test("at most a few spare buffers are kept")
    func sparesAreBounded() {
        let inbox = Inbox()
        for _ in 0..<(Inbox.maxSpareLineBuffers + 5) {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(4_096)
            inbox.recycleLineBuffer(buffer)
        }
        var kept = 0
        while inbox.takeLineBuffer().capacity >= 4_096 { kept += 1 }
        #expect(kept == Inbox.maxSpareLineBuffers)
    }
}
