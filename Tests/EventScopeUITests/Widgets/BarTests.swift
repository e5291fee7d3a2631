import EventScopeUI
import Testing

@Suite struct TabBarTests {
    let titles = ["Overview", "Topics", "Decisions"]

    @Test func activeTabIsBracketedAndHighlighted() {
        let bar = TabBar(titles: titles, activeIndex: 1)
        let grid = rendered(width: 40, height: 1) { grid, rect in bar.render(into: &grid, in: rect) }
        #expect(grid.textLines == [" 1 Overview [2 Topics] 3 Decisions      "])
        #expect(
            runs(grid, row: 0) == [
                "tab-inactive@0-0", "key@1-1", "tab-inactive@2-11", "tab-active@12-21", "tab-inactive@22-22", "key@23-23", "tab-inactive@24-39",
            ])
    }

    @Test func narrowBarShortensTitlesThenKeepsDigits() {
        let bar = TabBar(titles: titles, activeIndex: 0)
        let narrow = rendered(width: 24, height: 1) { grid, rect in bar.render(into: &grid, in: rect) }
        #expect(narrow.textLines == ["[1 Ove…] 2 Top…  3 Dec… "])
        let tiny = rendered(width: 12, height: 1) { grid, rect in bar.render(into: &grid, in: rect) }
        #expect(tiny.textLines == ["[1] 2  3    "])
    }

    /// Whole-word short titles replace cut ones when the full titles do not fit.
    @Test func shortTitlesBeforeCutTitles() {
        let bar = TabBar(titles: ScreenID.allCases.map(\.title), shortTitles: ScreenID.allCases.map(\.shortTitle), activeIndex: 3)
        let grid = rendered(width: 80, height: 1) { grid, rect in bar.render(into: &grid, in: rect) }
        #expect(grid.textLines[0].hasPrefix(" 1 Overview  2 Topics  3 Types [4 Who] 5 Audit  6 Traces  7 Live  8 Findings"))
        #expect(!grid.textLines[0].contains("…"))
    }
}

@Suite struct StatusBarTests {
    let left = [StatusSegment("kafka: connected", role: .statusOK), StatusSegment("1.2k ev/s", priority: 1), StatusSegment("lag 40", priority: 2)]
    let right = [StatusSegment("PAUSED", role: .statusWarn), StatusSegment("filter: denied", priority: 3)]

    @Test func leftAndRightAlignedWhenEverythingFits() {
        let bar = StatusBar(left: left, right: right)
        let grid = rendered(width: 70, height: 1) { grid, rect in bar.render(into: &grid, in: rect) }
        #expect(grid.textLines == [" kafka: connected │ 1.2k ev/s │ lag 40        PAUSED │ filter: denied "])
        #expect(runs(grid, row: 0).prefix(3) == ["status-bar@0-0", "status-ok@1-16", "status-bar@17-45"])
    }

    @Test(arguments: [
        // Everything needs 64 columns: the priority-3 filter segment goes, then lag (2).
        (46, " kafka: connected │ 1.2k ev/s          PAUSED "),
        // Then the rate (1).
        (36, " kafka: connected            PAUSED "),
        (26, " kafka: connected  PAUSED "),
        // Equal priorities: the right side goes first, then the last segment is cut.
        (12, " kafka: co… "),
    ])
    func dropsLeastImportantSegmentsThenTruncates(width: Int, expected: String) {
        let bar = StatusBar(left: left, right: right)
        let grid = rendered(width: width, height: 1) { grid, rect in bar.render(into: &grid, in: rect) }
        #expect(grid.textLines == [expected])
    }
}

@Suite struct HintBarTests {
    @Test func showsOnlyHintsThatFitWhole() {
        let bar = HintBar(hints: [Hint(key: "q", label: "Quit"), Hint(key: "/", label: "Filter"), Hint(key: "?", label: "Help")])
        let grid = rendered(width: 18, height: 1) { grid, rect in bar.render(into: &grid, in: rect) }
        #expect(grid.textLines == [" q Quit  / Filter "])
        #expect(runs(grid, row: 0) == ["normal@0-0", "key@1-1", "normal@2-8", "key@9-9", "normal@10-17"])
    }
}
