import EventScopeUI
import Testing

@Suite struct BoxTests {
    @Test func drawsBorderWithTitlesAndReturnsInnerArea() {
        var inner = Rect(x: 0, y: 0, width: 0, height: 0)
        let grid = rendered(width: 16, height: 4) { grid, rect in
            inner = Box(title: "Detail", rightTitle: "3/9").render(into: &grid, in: rect)
        }
        #expect(grid.textLines == ["┌ Detail ─ 3/9 ┐", "│xxxxxxxxxxxxxx│", "│xxxxxxxxxxxxxx│", "└──────────────┘"])
        #expect(inner == Rect(x: 1, y: 1, width: 14, height: 2))
        #expect(runs(grid, row: 0) == ["border@0-0", "title@1-8", "border@9-15"])
    }

    @Test func rightTitleIsLeftOutWhenItWouldTouchTheTitle() {
        let grid = rendered(width: 12, height: 2) { grid, rect in Box(title: "Detail", rightTitle: "3/9").render(into: &grid, in: rect) }
        #expect(grid.textLines == ["┌ Detail ──┐", "└──────────┘"])
    }

    @Test func tooSmallRectGetsNoBorder() {
        let grid = rendered(width: 1, height: 3) { grid, rect in Box().render(into: &grid, in: rect) }
        #expect(grid.textLines == ["x", "x", "x"])
    }
}

@Suite struct TextPaneTests {
    let lines = (1...6).map { "line \($0) value" }

    @Test func scrollsAndShowsPositionWithoutWrapping() {
        let pane = TextPane(lines: lines, title: "Payload", scrollOffset: 2)
        let grid = rendered(width: 20, height: 4) { grid, rect in pane.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["┌ Payload ──── 4/6 ┐", "│line 3 value      │", "│line 4 value      │", "└──────────────────┘"])
    }

    @Test func offsetPastTheEndIsClamped() {
        let pane = TextPane(lines: lines, bordered: false, scrollOffset: 99)
        let grid = rendered(width: 8, height: 2) { grid, rect in pane.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["line 5 …", "line 6 …"])
    }

    /// Scrolled sideways, a `…` at each edge says the line goes on beyond it.
    @Test func sidewaysScrollMarksBothCuts() {
        let pane = TextPane(lines: ["0123456789abcdefghij", "short"], bordered: false, horizontalOffset: 4)
        let grid = rendered(width: 8, height: 2) { grid, rect in pane.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["…56789a…", "…       "])
    }

    @Test func highlightsMatchesIgnoringCase() {
        let pane = TextPane(lines: ["Order ORDER-1 中order"], bordered: false, highlight: "order")
        let grid = rendered(width: 22, height: 1) { grid, rect in pane.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["Order ORDER-1 中order "])
        #expect(runs(grid, row: 0) == ["accent@0-4", "normal@5-5", "accent@6-10", "normal@11-15", "accent@16-20", "normal@21-21"])
    }

    @Test func matchColumnsCountDisplayColumns() {
        #expect(TextPane.matchColumns(of: "ab", in: "中ab ab") == [2..<4, 5..<7])
        #expect(TextPane.matchColumns(of: "", in: "abc") == [])
        #expect(TextPane.matchColumns(of: "aa", in: "aaaa") == [0..<2, 2..<4])
    }
}

@Suite struct TreeViewTests {
    @Test func prefixesFromLastFlags() {
        #expect(TreeView.prefix(lastFlags: []) == "")
        #expect(TreeView.prefix(lastFlags: [false]) == "├─ ")
        #expect(TreeView.prefix(lastFlags: [true]) == "└─ ")
        #expect(TreeView.prefix(lastFlags: [false, true]) == "│  └─ ")
        #expect(TreeView.prefix(lastFlags: [true, false]) == "   ├─ ")
    }

    @Test func lastFlagsFromDepthFirstDepths() {
        #expect(TreeView.lastFlags(depths: [0, 1, 2, 2, 1, 2, 0]) == [[], [false], [false, false], [false, true], [true], [true, true], []])
        // A jump of two levels is treated as one.
        #expect(TreeView.lastFlags(depths: [0, 3]) == [[], [true]])
        #expect(TreeView.lastFlags(depths: []) == [])
    }

    @Test func rendersGuidesSelectionAndMarkers() {
        let depths = [0, 1, 2, 1]
        let texts = ["OrderService ItemAddedToCart", "CartService CartUpdated", "Mailer Sent", "Recs Generated"]
        let flags = TreeView.lastFlags(depths: depths)
        let rows = texts.indices.map { TreeRow(texts[$0], lastFlags: flags[$0], role: $0 == 2 ? .inferred : .normal) }
        let tree = TreeView(rows: rows, selectedIndex: 1)
        let grid = rendered(width: 24, height: 4) { grid, rect in tree.render(into: &grid, in: rect) }
        #expect(
            grid.textLines == [
                "  OrderService ItemAdde…",
                "▶ ├─ CartService CartUp…",
                " ~│  └─ Mailer Sent     ",
                "  └─ Recs Generated     ",
            ])
        #expect(runs(grid, row: 1) == ["selection@0-23"])
        #expect(runs(grid, row: 3) == ["normal@0-1", "border@2-4", "normal@5-23"])
    }

    @Test func visibleRangeFollowsSelection() {
        let rows = (0..<10).map { TreeRow("n\($0)", lastFlags: []) }
        let tree = TreeView(rows: rows, selectedIndex: 8)
        #expect(tree.visibleRange(in: Rect(x: 0, y: 0, width: 10, height: 3)) == 6..<9)
    }
}

@Suite struct TimelineBarTests {
    @Test(arguments: [
        (0.0, 1.0, 10, 0..<10), (0.0, 0.5, 10, 0..<5), (0.25, 0.5, 8, 2..<4), (0.5, 0.5, 10, 5..<6),
        (1.0, 1.0, 10, 9..<10), (0.9, 0.2, 10, 2..<9), (-1.0, 2.0, 4, 0..<4), (.nan, .infinity, 4, 0..<1),
    ])
    func columns(start: Double, end: Double, width: Int, expected: Range<Int>) {
        #expect(TimelineBar.columns(start: start, end: end, width: width) == expected)
    }

    @Test func drawsBarOnDottedTrack() {
        let grid = rendered(width: 10, height: 1) { grid, rect in TimelineBar(start: 0.3, end: 0.6).render(into: &grid, in: rect) }
        #expect(grid.textLines == ["···███····"])
        #expect(runs(grid, row: 0) == ["muted@0-2", "accent@3-5", "muted@6-9"])
    }
}

@Suite struct TooSmallTests {
    @Test func oneLineWhenItFits() {
        var grid = Grid(width: 60, height: 3, fill: Cell("x"))
        TooSmall.render(into: &grid)
        #expect(grid.textLines[1] == "         terminal too small: need 80×24, have 60×3          ")
        #expect(grid.textLines[0] == String(repeating: " ", count: 60))
    }

    @Test func splitsIntoShortLinesWhenNarrow() {
        var grid = Grid(width: 20, height: 5, fill: Cell("x"))
        TooSmall.render(into: &grid)
        #expect(grid.textLines == ["                    ", "terminal too small: ", "    need 80×24,     ", "     have 20×5      ", "                    "])
    }

    @Test func appliesBelowTheMinimumOnly() {
        #expect(TooSmall.applies(width: 79, height: 24))
        #expect(TooSmall.applies(width: 80, height: 23))
        #expect(!TooSmall.applies(width: 80, height: 24))
    }
}
