import Testing

@testable import EventScopeCore

/// Trace context as real propagators and event-sourced systems write it.
@Suite struct TraceIndexPropagatorTests {
    typealias F = TraceFixture

    /// OpenTelemetry's B3 propagators write no ParentSpanId, Jaeger writes a parent of 0 on a
    /// root and W3C never names the parent: all are linked by inference and say so.
    @Test(arguments: [
        (TraceStyle.w3c, nil as String?), (.b3, nil), (.jaeger, "0000000000000000"), (.cloudEvents, nil),
    ])
    func spanWithoutParentIsInferred(style: TraceStyle, parent: String?) {
        let index = TraceIndex()
        for (hop, span) in ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"].enumerated() {
            index.insert(
                F.event(Int64(hop), time: Int64(10 * hop), id: "h\(hop)", trace: F.traceA, span: span, parentSpan: parent, style: style),
                principal: nil, nowMs: 0)
        }
        let view = index.chain(key: F.traceA, nowMs: 10_000)
        #expect(view?.rootCount == 1)
        #expect(F.parentId(view, of: "h1") == "h0")
        #expect(F.parentId(view, of: "h2") == "h1")
        #expect(F.row(view, id: "h2")?.link == .inferred)
        #expect(view?.summary.status == .complete)
    }

    @Test func eventsSharingOneSpanAreSiblingsUnderItsParent() {
        let index = TraceIndex()
        index.insert(F.event(1, time: 10, id: "parent", trace: F.traceA, span: "aaaaaaaaaaaaaaaa", style: .w3c), principal: nil, nowMs: 0)
        for (offset, id) in [(2, "first"), (3, "second"), (4, "third")] {
            index.insert(
                F.event(Int64(offset), time: Int64(10 * offset), id: id, trace: F.traceA, span: "bbbbbbbbbbbbbbbb", style: .w3c),
                principal: nil, nowMs: 0)
        }
        let view = index.chain(key: F.traceA, nowMs: 10_000)
        #expect(F.parentId(view, of: "first") == "parent")
        #expect(F.parentId(view, of: "second") == "parent")
        #expect(F.parentId(view, of: "third") == "parent")
        #expect(F.row(view, id: "parent")?.childCount == 3)
    }

    @Test func b3ChildrenOfOneSharedSpanHangFromIt() {
        let index = TraceIndex()
        index.insert(F.event(1, id: "a", trace: F.traceA, span: "aaaaaaaaaaaaaaaa", style: .b3), principal: nil, nowMs: 0)
        index.insert(F.event(2, id: "b", trace: F.traceA, span: "bbbbbbbbbbbbbbbb", parentSpan: "aaaaaaaaaaaaaaaa", style: .b3), principal: nil, nowMs: 0)
        index.insert(F.event(3, id: "c", trace: F.traceA, span: "bbbbbbbbbbbbbbbb", parentSpan: "aaaaaaaaaaaaaaaa", style: .b3), principal: nil, nowMs: 0)
        let view = index.chain(key: F.traceA, nowMs: 10_000)
        #expect(F.parentId(view, of: "b") == "a")
        #expect(F.parentId(view, of: "c") == "a")
        #expect(F.row(view, id: "c")?.link == .span)
    }

    /// Event-sourced cascades often write no correlation id on the first event and its id on the rest.
    @Test(arguments: [false, true])
    func rootWithoutCorrelationJoinsTheChainNamingIt(rootArrivesLast: Bool) {
        let index = TraceIndex()
        let root = F.event(1, time: 10, id: "root-1")
        let child = F.event(2, time: 20, id: "child-1", correlation: "root-1", causation: "root-1")
        let grandchild = F.event(3, time: 30, id: "child-2", correlation: "root-1", causation: "child-1")
        let order = rootArrivesLast ? [child, grandchild, root] : [root, child, grandchild]
        for event in order { index.insert(event, principal: nil, nowMs: 0) }
        let view = index.chain(key: "root-1", nowMs: 10_000)
        #expect(view?.rows.count == 3)
        #expect(view?.rootCount == 1)
        #expect(view?.rows.first?.eventId == "root-1")
        #expect(F.parentId(view, of: "child-1") == "root-1")
        #expect(F.row(view, id: "child-1")?.link == .causation)
        #expect(view?.summary.status == .complete)
        #expect(index.counters.untraced == 0)
    }

    @Test func untracedEventsNobodyNamesStayOutOfTheIndex() {
        let index = TraceIndex()
        index.insert(F.event(1, id: "lonely"), principal: nil, nowMs: 0)
        #expect(index.recentChains(limit: 10, nowMs: 0).isEmpty)
        #expect(index.counters.untraced == 1)
    }

    @Test func finishedInputLeavesNoChainOpen() {
        let index = TraceIndex()
        index.insert(F.event(1, id: "a", correlation: "c1"), principal: nil, nowMs: 1_000)
        index.insert(F.event(2, id: "b", correlation: "c2", causation: "missing"), principal: nil, nowMs: 1_000)
        #expect(index.chain(key: "c1", nowMs: 1_001)?.summary.status == .open)
        index.inputFinished = true
        let final = index.allUnemitted(nowMs: 1_001)
        #expect(Dictionary(uniqueKeysWithValues: final.map { ($0.summary.key, $0.summary.status) }) == ["c1": .complete, "c2": .broken])
        index.insert(F.event(3, id: "c", correlation: "c1", causation: "a"), principal: nil, nowMs: 1_002)
        #expect(index.chain(key: "c1", nowMs: 1_003)?.summary.status == .open)
    }
}
