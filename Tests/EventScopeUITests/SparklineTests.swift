import EventScopeUI
import Testing

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
