import EventScopeCore
import Testing

@testable import EventScopeUI

/// A list whose rows the test can reorder between key presses, as live data does.
final class FakeList {
    var keys: [String]
    var traceKey: String? = "abc"
    init(_ keys: [String]) { self.keys = keys }
    init(count: Int) { keys = (0..<count).map { "k\($0)" } }
}

/// Drives the reducer the way the frame assembly does: a context read from the list shown (no
/// rows while a detail is open), rows re-anchored when data arrives.
struct Driver {
    var state = AppState()
    var effects: [Effect] = []
    let list: FakeList
    var detailLines = 50
    var themeNames = ["dark", "light", "high-contrast", "monochrome"]
    /// List columns that can still scroll into view (`→`), from none scrolled off.
    var columnsOutOfView = 0
    /// How far the widest detail line reaches past the pane.
    var detailOverflow = 0
    /// Rows each detail line takes when wrapped.
    var rowsPerWrappedLine = 1

    init(_ list: FakeList = FakeList(count: 20), state: AppState = AppState()) {
        self.list = list
        self.state = state
    }

    var context: ReduceContext {
        let keys = state.details.isEmpty ? list.keys : []
        let wrapped = state.wrapDetails
        let rowsPerLine = wrapped ? rowsPerWrappedLine : 1
        let rowsPerWrappedLine = rowsPerWrappedLine
        var context = ReduceContext(
            rowCount: keys.count, targetOfRow: { .topic(keys[$0]) }, keyOfRow: { keys[$0] }, pageSize: 10, detailPageSize: 10,
            sortColumnCount: 3, detailLineCount: state.details.isEmpty ? 0 : rowsPerLine * detailLines, traceKeyOfSelection: list.traceKey,
            ingestedCount: 42, themeNames: themeNames, helpLineCount: 60)
        let outOfView = columnsOutOfView
        context.columnsOutOfView = { hidden in hidden < outOfView }
        context.detailOverflow = detailOverflow
        context.detailColumnStep = 8
        context.detailLineOfRow = { $0 / rowsPerLine }
        context.rowOfDetailLine = { line, wrap in wrap ? line * rowsPerWrappedLine : line }
        return context
    }

    mutating func send(_ action: Action) {
        let (next, produced) = Reducer.reduce(state, action, keyMap: .standard, context: context)
        state = next
        effects += produced
    }

    mutating func press(_ keys: [Key]) {
        for key in keys {
            send(.key(key))
            send(.sourceEvents)
        }
    }

    mutating func type(_ text: String) { press(text.map { .char($0) }) }
    var selectedKey: String? { state.list.selectedKey }
}

@Suite struct ReducerTests {
    func press(_ keys: [Key], rows: Int = 20) -> AppState {
        var driver = Driver(FakeList(count: rows))
        driver.press(keys)
        return driver.state
    }

    @Test func digitsAndTabSwitchScreens() {
        #expect(press([.char("5")]).screen == .decisions)
        #expect(press([.tab, .tab]).screen == .eventTypes)
        #expect(press([.backTab]).screen == .findings)
        #expect(press([.char("8"), .tab]).screen == .overview)
    }

    @Test func movementClampsToRows() {
        #expect(press([.char("2"), .down, .down, .char("j")]).list.selected == 3)
        #expect(press([.char("2"), .up]).list.selected == 0)
        #expect(press([.char("2"), .char("G")]).list.selected == 19)
        #expect(press([.char("2"), .pageDown, .pageDown, .pageUp]).list.selected == 9)
        #expect(press([.char("2"), .char("G")], rows: 0).list.selected == 0)
    }

    @Test func enterOpensDetailAndEscapeGoesBack() {
        var driver = Driver()
        driver.press([.char("2"), .down, .enter])
        #expect(driver.state.details.count == 1)
        #expect(driver.state.details.first?.crumb == "topic k1")
        // Inside a detail, j scrolls the detail instead of moving the list selection.
        driver.press([.down, .down])
        #expect(driver.state.detailScroll == 2)
        #expect(driver.state.list.selected == 1)
        driver.press([.escape])
        #expect(driver.state.details.isEmpty)
    }

    @Test func pauseFreezesAndUnpauseThaws() {
        var driver = Driver()
        driver.press([.char("p")])
        #expect(driver.state.paused)
        #expect(driver.state.pausedAtCount == 42)
        #expect(driver.effects == [.freezeData])
        driver.press([.char("p")])
        #expect(!driver.state.paused)
        #expect(driver.state.frozenData == nil)
    }

    @Test func themeAndQuitAreEffects() {
        var driver = Driver()
        driver.press([.char("T"), .char("T")])
        #expect(driver.effects == [.applyTheme(1), .applyTheme(2)])
        #expect(driver.state.message == "theme high-contrast (3 of 4)")
        driver.press([.char("q")])
        #expect(driver.effects.last == .quit)
    }

    @Test func themeKeyWithOneThemeSaysSoInsteadOfCycling() {
        var driver = Driver()
        driver.themeNames = ["monochrome (NO_COLOR is set)"]
        driver.press([.char("T")])
        #expect(driver.effects.isEmpty)
        #expect(driver.state.message == "T: monochrome (NO_COLOR is set) is the only theme")
    }

    @Test func reverseKeyFlipsTheSortOfTheListShownOnly() {
        var driver = Driver()
        driver.press([.char("2"), .char("r")])
        #expect(driver.state.lists[.topics]?.sortReversed == true)
        #expect(driver.state.lists[.principals]?.sortReversed != true)
        driver.press([.char("r")])
        #expect(driver.state.lists[.topics]?.sortReversed == false)
        driver.press([.char("1"), .char("r")])
        #expect(driver.state.message == "r (reverse) works on the list screens (2-8)")
    }

    @Test func decisionsTogglesOnlyOnDecisionsScreen() {
        #expect(!press([.char("a")]).showAllowed)
        #expect(press([.char("5"), .char("a")]).showAllowed)
        #expect(press([.char("5"), .char("b"), .char("b")]).decisionGrouping == .resource)
    }

    @Test func jumpToTraceOpensChain() {
        let s = press([.char("7"), .char("t")])
        #expect(s.screen == .traces)
        if case .trace(let key) = s.details.last { #expect(key == "abc") } else { Issue.record("expected trace detail") }
    }

    @Test func remapReplacesKeysAndRejectsUnknownNames() throws {
        var map = KeyMap.standard
        try map.remap(commandName: "quit", keyNames: ["x"])
        #expect(map.command(for: .char("x")) == .quit)
        #expect(map.command(for: .char("q")) == nil)
        #expect(throws: KeyMapError.unknownCommand("explode")) { try map.remap(commandName: "explode", keyNames: ["y"]) }
        #expect(throws: KeyMapError.unknownKey("hyper-z")) { try map.remap(commandName: "quit", keyNames: ["hyper-z"]) }
        let help = map.helpLines()
        #expect(help.contains { $0.keys == "x" && $0.summary.contains("Quit") })
    }
}

/// The selection is an item, not a row: it stays on its item as rows reorder.
@Suite struct SelectionTests {
    @Test func selectionFollowsItsItemWhenRowsReorder() {
        let list = FakeList(["a", "b", "c", "d"])
        var driver = Driver(list)
        driver.press([.char("2"), .char("j"), .char("j")])
        #expect(driver.selectedKey == "c")
        // New rows arrive above and the order changes: the cursor stays on "c".
        list.keys = ["x", "y", "a", "d", "c", "b"]
        driver.send(.sourceEvents)
        #expect(driver.state.list.selected == 4)
        #expect(driver.selectedKey == "c")
        driver.press([.enter])
        #expect(driver.state.details.first?.crumb == "topic c")
    }

    @Test func aVanishedItemLeavesTheCursorInPlace() {
        let list = FakeList(["a", "b", "c", "d"])
        var driver = Driver(list)
        driver.press([.char("2"), .char("j"), .char("j")])
        list.keys = ["a", "b", "d"]
        driver.send(.sourceEvents)
        #expect(driver.state.list.selected == 2)
        #expect(driver.selectedKey == "d")
    }

    @Test func followModeTracksTheNewestRow() {
        let list = FakeList(["a", "b", "c"])
        var driver = Driver(list)
        driver.press([.char("7"), .char("j"), .char("f")])
        #expect(driver.state.list.follow)
        list.keys = ["new", "a", "b", "c"]
        driver.send(.sourceEvents)
        #expect(driver.selectedKey == "new")
        // Moving the cursor by hand leaves follow mode: the selection is an item again.
        driver.press([.char("j")])
        #expect(!driver.state.list.follow)
        list.keys = ["newer", "new", "a", "b", "c"]
        driver.send(.sourceEvents)
        #expect(driver.selectedKey == "a")
    }
}

/// Lists keep their scroll offset; the cursor moves within the page before the view moves.
@Suite struct ScrollOffsetTests {
    @Test func upMovesTheCursorNotTheView() {
        var driver = Driver(FakeList(count: 60))
        driver.press([.char("5"), .char("p")] + Array(repeating: .char("j"), count: 22))
        #expect(driver.state.list.selected == 22)
        #expect(driver.state.list.offset == 13)
        driver.press([.char("k")])
        #expect(driver.state.list.selected == 21)
        #expect(driver.state.list.offset == 13)
        driver.press([.pageUp])
        #expect(driver.state.list.selected == 11)
        #expect(driver.state.list.offset == 11)
    }

    @Test func bottomOfADetailDoesNotOvershoot() {
        var driver = Driver()
        driver.press([.char("2"), .enter, .char("G")])
        #expect(driver.state.detailScroll == 40)
        driver.press([.char("k")])
        #expect(driver.state.detailScroll == 39)
    }
}

/// Esc returns where you came from; closing a detail keeps the list's selection.
@Suite struct ViewStackTests {
    @Test func escAfterJumpToTraceReturnsToLive() {
        var driver = Driver()
        driver.press([.char("7"), .char("j"), .char("t")])
        #expect(driver.state.breadcrumb == ["Live", "trace abc"])
        driver.press([.escape])
        #expect(driver.state.screen == .live)
        #expect(driver.state.details.isEmpty)
        #expect(driver.state.list.selected == 1)
    }

    @Test func closingADetailKeepsTheSelectionSoDenialsCanBeSteppedThrough() {
        var driver = Driver()
        driver.press([.char("5"), .char("j"), .char("j"), .char("j"), .enter, .escape])
        #expect(driver.state.list.selected == 3)
        driver.press([.char("j"), .enter])
        #expect(driver.state.details.first?.crumb == "topic k4")
    }

    @Test func openingFromTheOverviewLandsOnTheDecisionsScreen() {
        let decision = Decision(
            timeMs: 1, principal: "User:x", operation: "WRITE", resourceType: "TOPIC", resourceName: "t", granted: false, format: .confluent)
        var state = AppState()
        let context = ReduceContext(rowCount: 1, targetOfRow: { _ in .decision(decision) }, keyOfRow: { _ in "User:x" })
        state = Reducer.reduce(state, .key(.enter), keyMap: .standard, context: context).0
        #expect(state.screen == .decisions)
        #expect(state.breadcrumb == ["Overview", "decision User:x"])
        state = Reducer.reduce(state, .key(.escape), keyMap: .standard, context: ReduceContext()).0
        #expect(state.screen == .overview)
        #expect(state.details.isEmpty)
    }
}

/// Pause freezes only the data: sort, grouping and context apply at once.
@Suite struct PauseTests {
    @Test func viewKeysApplyAtOnceWhilePaused() {
        var driver = Driver()
        driver.press([.char("5"), .char("p")])
        driver.effects = []
        driver.press([.char("s")])
        #expect(driver.state.list.sortColumn == 1)
        driver.press([.char("b")])
        #expect(driver.state.decisionGrouping == .principal)
        // The data stays frozen: nothing is refrozen, the new order applies to what was held.
        #expect(driver.effects.isEmpty)
        driver.press([.char("7"), .char("c")])
        #expect(driver.state.showContext)
        #expect(driver.state.paused)
    }
}

/// Keys never fail silently.
@Suite struct KeyMessageTests {
    @Test func keysThatDoNothingSaySo() {
        let list = FakeList(count: 3)
        list.traceKey = nil
        var driver = Driver(list)
        driver.press([.char("2"), .char("t")])
        #expect(driver.state.message?.contains("no trace") == true)
        driver.press([.char("b")])
        #expect(driver.state.message?.contains("Decisions") == true)
        driver.press([.char("j")])
        #expect(driver.state.message == nil)
        driver.press([.char("Z")])
        #expect(driver.state.message?.contains("no command") == true)
    }

    @Test func unknownFilterKeysAndValuesAreNamed() {
        var driver = Driver()
        driver.press([.char("2"), .char("/")])
        driver.type("colour:red")
        driver.press([.enter])
        #expect(driver.state.message?.contains("no filter key 'colour'") == true)
        driver.press([.char("5"), .char("/")])
        driver.type("op:frobnicate")
        driver.press([.enter])
        #expect(driver.state.message?.contains("unknown op: 'frobnicate'") == true)
        #expect(driver.state.message?.contains("WRITE") == true)
        driver.press([.char("/"), .ctrl("u")])
        driver.type("status:denied")
        driver.press([.enter])
        #expect(driver.state.message == nil)
    }

    @Test func valuesAreOfferedAndCompleted() {
        #expect(FilterVocabulary.suggestions(for: "op:wr", on: .decisions) == ["WRITE"])
        #expect(FilterVocabulary.suggestions(for: "topic:x op:publish", on: .decisions) == ["WRITE"])
        #expect(FilterVocabulary.suggestions(for: "sev", on: .findings) == ["severity:"])
        #expect(FilterVocabulary.suggestions(for: "status:", on: .traces).contains("broken"))
        var driver = Driver()
        driver.press([.char("5"), .char("/")])
        driver.type("!op:wr")
        driver.press([.tab])
        #expect(driver.state.filterDraft == "!op:WRITE")
    }

    @Test func publishAndProduceMeanWrite() {
        let write = ["op": "WRITE"]
        #expect(FilterQuery("op:publish").matches(text: "", fields: write))
        #expect(FilterQuery("operation:produce").matches(text: "", fields: write))
        #expect(!FilterQuery("op:consume").matches(text: "", fields: write))
    }

    @Test func escInTheFilterPromptCancelsTheEdit() {
        var driver = Driver()
        driver.press([.char("2"), .char("/")])
        driver.type("orders")
        driver.press([.enter, .char("/"), .backspace, .backspace])
        #expect(driver.state.filter?.source == "orde")
        driver.press([.escape])
        #expect(driver.state.filterDraft == nil)
        #expect(driver.state.filter?.source == "orders")
    }
}

/// The help overlay scrolls, closes on esc or ?, and q still quits.
@Suite struct HelpTests {
    @Test func helpScrollsAndClosesOnEscOrQuestionMark() {
        var driver = Driver()
        driver.press([.char("?"), .char("j"), .char("j")])
        #expect(driver.state.showHelp)
        #expect(driver.state.helpScroll == 2)
        driver.press([.char("5")])
        #expect(driver.state.showHelp)
        #expect(driver.state.screen == .overview)
        #expect(driver.state.message?.contains("close help") == true)
        driver.press([.escape])
        #expect(!driver.state.showHelp)
        driver.press([.char("?"), .char("?")])
        #expect(!driver.state.showHelp)
        driver.press([.char("?"), .char("q")])
        #expect(driver.effects.last == .quit)
    }
}

@Suite struct DetailNavigationTests {
    @Test func detailSearchWrapsBothWays() {
        let lines = ["alpha", "Beta", "gamma", "beta again"]
        #expect(DetailSearch.line(in: lines, matching: "beta", from: 0, forward: true) == 1)
        #expect(DetailSearch.line(in: lines, matching: "beta", from: 1, forward: true) == 3)
        #expect(DetailSearch.line(in: lines, matching: "beta", from: 3, forward: true) == 1)
        #expect(DetailSearch.line(in: lines, matching: "beta", from: 1, forward: false) == 3)
        #expect(DetailSearch.line(in: lines, matching: "zeta", from: 0, forward: true) == nil)
    }

    @Test func nextMatchMovesTheDetailScroll() {
        var state = AppState()
        state.details = [.topic("orders")]
        state.filters[.overview] = FilterQuery("orders")
        var context = ReduceContext(rowCount: 1, detailPageSize: 2, detailLineCount: 10)
        context.matchLine = { forward, from in forward ? from + 4 : from - 1 }
        state = Reducer.reduce(state, .key(.char("n")), keyMap: .standard, context: context).0
        #expect(state.detailScroll == 4)
        state = Reducer.reduce(state, .key(.char("N")), keyMap: .standard, context: context).0
        #expect(state.detailScroll == 3)
    }
}

/// Wrapping in detail panes and sideways scrolling of lists and unwrapped details.
@Suite struct WrapAndScrollTests {
    @Test func wrapTogglesInADetailAndKeepsThePlace() {
        var driver = Driver()
        // Wrapped, every line of this detail takes two rows.
        driver.rowsPerWrappedLine = 2
        #expect(driver.state.wrapDetails)
        driver.press([.char("2"), .enter] + Array(repeating: .down, count: 10))
        #expect(driver.state.detailScroll == 10)
        // Row 10 of the wrapped pane is line 5; unwrapped, line 5 is row 5, and back again.
        driver.press([.char("w")])
        #expect(!driver.state.wrapDetails)
        #expect(driver.state.detailScroll == 5)
        #expect(driver.state.message?.contains("←→") == true)
        driver.press([.char("w")])
        #expect(driver.state.wrapDetails)
        #expect(driver.state.detailScroll == 10)
    }

    @Test func wrapIsRefusedOnAList() {
        var driver = Driver()
        driver.press([.char("2"), .char("w")])
        #expect(driver.state.wrapDetails)
        #expect(driver.state.message == "w (wrap) works in a detail pane (enter opens one)")
    }

    @Test func unwrappedDetailsScrollSidewaysWithinTheirText() {
        var driver = Driver()
        driver.detailOverflow = 20
        driver.press([.char("2"), .enter, .right])
        #expect(driver.state.detailColumn == 0)
        #expect(driver.state.message?.contains("w turns wrapping off") == true)
        driver.press([.char("w"), .right, .right])
        #expect(driver.state.detailColumn == 16)
        driver.press([.right])
        #expect(driver.state.detailColumn == 20)
        driver.press([.right])
        #expect(driver.state.detailColumn == 20)
        #expect(driver.state.message == "right: no more text to the right")
        driver.press([.left, .left, .left, .left])
        #expect(driver.state.detailColumn == 0)
        #expect(driver.state.message == "left: already at the left edge")
        // Another detail starts at its left edge.
        driver.press([.right, .escape, .down, .enter])
        #expect(driver.state.detailColumn == 0)
    }

    @Test func listsScrollColumnsWhileSomeAreOutOfView() {
        var driver = Driver()
        driver.columnsOutOfView = 2
        driver.press([.char("4"), .right, .right])
        #expect(driver.state.list.hiddenColumns == 2)
        driver.press([.right])
        #expect(driver.state.list.hiddenColumns == 2)
        #expect(driver.state.message == "right: every column is in view")
        driver.press([.left])
        #expect(driver.state.list.hiddenColumns == 1)
        // Each list keeps its own sideways scroll.
        driver.press([.char("5")])
        #expect(driver.state.list.hiddenColumns == 0)
        driver.press([.left])
        #expect(driver.state.message == "left: already showing the first columns")
        driver.press([.char("4")])
        #expect(driver.state.list.hiddenColumns == 1)
    }
}
