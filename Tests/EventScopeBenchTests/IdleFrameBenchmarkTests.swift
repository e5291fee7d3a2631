import EventScopeUI
import Testing

@testable import EventScopeBench

/// The idle-frame benchmark paints through the real ncurses backend and counts what it writes.
@Suite struct IdleFrameBenchmarkTests {
    @Test func idleFrameWritesNoBytes() throws {
        var grid = Grid(width: 200, height: 60)
        for y in 0..<60 { grid.write("row \(y) 中文 e\u{301} status", x: 0, y: y, role: y % 2 == 0 ? .normal : .denied) }
        let result = try IdleFrameBenchmark.measure(grid: grid)
        #expect(result.firstFrameBytes > 0)
        #expect(result.firstFrameCells == 200 * 60 - 2 * 60)  // two wide characters per row
        #expect(result.idleFrameCells == 0)
        #expect(result.idleFrameBytes == 0)
    }
}
