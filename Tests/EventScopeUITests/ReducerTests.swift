import Testing
import EventScopeCore
@testable import EventScopeUI

@Suite struct ReducerTests {
    let keyMap = KeyMap.standard

    func press(_ keys: [Key], from state: AppState = AppState(), rows: Int = 20) -> AppState {
        var s = state
        for key in keys {
            let context = ReduceContext(rowCount: rows, targetOfRow: { .topic("t\($0)") }, pageSize: 5, sortColumnCount: 3, detailLineCount: 50, traceKeyOfSelection: "abc", ingestedCount: 42, themeCount: 4)
            s = Reducer.reduce(s, key: key, keyMap: keyMap, context: context)
        }
        return s
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
        #expect(press([.char("2"), .pageDown, .pageDown, .pageUp]).list.selected == 5)
        #expect(press([.char("2"), .char("G")], rows: 0).list.selected == 0)
    }

    @Test func enterOpensDetailAndEscapeGoesBack() {
        let opened = press([.char("2"), .down, .enter])
        #expect(opened.details.count == 1)
        if case .topic(let name) = opened.details.first { #expect(name == "t1") } else { Issue.record("expected topic detail") }
        #expect(opened.details.first?.crumb == "topic t1")
        // Inside a detail, j scrolls the detail instead of moving the list selection.
        let scrolled = press([.down, .down], from: opened)
        #expect(scrolled.detailScroll == 2)
        #expect(scrolled.list.selected == 1)
        #expect(press([.escape], from: opened).details.isEmpty)
    }

    @Test func filterEditingCapturesKeysAndCommits() {
        let typing = press([.char("/"), .char("q"), .char("p")])
        #expect(typing.filterDraft == "qp")
        #expect(typing.shouldQuit == false)
        let committed = press([.backspace, .char(":"), .char("x"), .enter], from: typing)
        #expect(committed.filterDraft == nil)
        #expect(committed.filter?.source == "q:x")
        #expect(press([.escape], from: committed).filter == nil)
    }

    @Test func pauseRemembersIngestCount() {
        let paused = press([.char("p")])
        #expect(paused.paused)
        #expect(paused.pausedAtCount == 42)
        #expect(!press([.char("p")], from: paused).paused)
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

    @Test func helpIsDismissedByAnyKeyButQuit() {
        let help = press([.char("?")])
        #expect(help.showHelp)
        let after = press([.char("5")], from: help)
        #expect(!after.showHelp)
        #expect(after.screen == .overview)
        #expect(press([.char("q")], from: help).shouldQuit)
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
        var context = ReduceContext(rowCount: 1, detailLineCount: 10)
        context.matchLine = { forward, from in forward ? from + 4 : from - 1 }
        state = Reducer.reduce(state, key: .char("n"), keyMap: .standard, context: context)
        #expect(state.detailScroll == 4)
        state = Reducer.reduce(state, key: .char("N"), keyMap: .standard, context: context)
        #expect(state.detailScroll == 3)
    }
}
