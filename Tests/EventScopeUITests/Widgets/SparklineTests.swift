import Testing

@testable import EventScopeUI

@Suite struct SparklineTests {
    @Test func scalesToMaximumAndRightAlignsNewest() {
        let sparkline = Sparkline(values: [UInt32(0), 1, 2, 4, 8])
        let grid = rendered(width: 8, height: 1) { grid, rect in sparkline.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["    ▁▂▄█"])
        #expect(runs(grid, row: 0) == ["sparkline@0-7"])
    }

    @Test func keepsOnlyTheNewestValuesThatFit() {
        let sparkline = Sparkline(values: [8.0, 8, 1, 2, 3, 4, 5, 6, 7, 8])
        let grid = rendered(width: 4, height: 1) { grid, rect in sparkline.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["▅▆▇█"])
    }

    @Test func aCellCoversEveryValueBySummingRuns() {
        // 60 seconds in 20 columns: 3 seconds each. One burst 50 s ago must still show.
        var seconds = [UInt32](repeating: 0, count: 60)
        seconds[10] = 9
        seconds[59] = 3
        let text = Sparkline.text(seconds, width: 20)
        #expect(text.count == 20)
        #expect(Array(text)[3] == "█")
        #expect(Array(text)[19] == "▃")
        #expect(Array(text).filter { $0 != " " }.count == 2)
        // Fewer values than columns: one per column, as before.
        #expect(Sparkline.text([1, 2], width: 20) == "▄█")
        // Uneven runs leave the oldest column short: 7 values in 3 columns are 1 + 3 + 3.
        #expect(Sparkline.columns([1, 1, 1, 1, 1, 1, 1], width: 3) == [1, 3, 3])
    }

    @Test func tinyNonZeroValuesStillShowAndBadValuesAreZero() {
        #expect(Sparkline.heights([1, 1000, .nan, -5, .infinity], maxValue: nil, rows: 1) == [1, 8, 0, 0, 0])
        #expect(Sparkline.heights([0, 0], maxValue: nil, rows: 1) == [0, 0])
    }

    @Test func fixedMaximumClampsLargerValues() {
        #expect(Sparkline.heights([5, 10, 20], maxValue: 10, rows: 1) == [4, 8, 8])
    }

    @Test func tallerRectUsesEightLevelsPerRow() {
        let sparkline = Sparkline(values: [16.0, 12, 8, 4])
        let grid = rendered(width: 4, height: 2) { grid, rect in sparkline.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["█▄  ", "███▄"])
    }
}
