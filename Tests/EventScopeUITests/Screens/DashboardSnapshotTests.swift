import EventScopeCore
import EventScopeDemo
import Testing

@testable import EventScopeUI

/// Whole-screen snapshots at 80×24, 120×40 and below the minimum, with a fixed store.
@Suite struct DashboardSnapshotTests {
    static let nowMs: Int64 = 1_714_564_800_000

    static func samplePipeline() -> IngestPipeline {
        let pipeline = IngestPipeline()
        let store = pipeline.store
        // A plaintext e-mail address raises a PII finding, so the Findings screen has a row.
        pipeline.ingest(
            .records([
                Record(
                    topic: "customer", offset: 99, timestampMs: nowMs - 6_000,
                    value: Array(
                        #"{"eventType":"CustomerCreated","eventId":"c-1","source":"customer-service","payload":{"email":"jane.doe@example.com"}}"#.utf8))
            ]), nowMs: nowMs - 6_000)
        let base = nowMs - 5_000
        // Only a principal other than the source the shipping events declare was allowed to write
        // their topic: the screens must show that disagreement, not the declared name as a principal.
        store.ingest(
            Decision(
                timeMs: base + 500, principal: "User:rogue-service", operation: "WRITE", resourceType: "TOPIC", resourceName: "shipping", granted: true,
                method: "kafka.Produce", format: .confluent), nowMs: base + 500)
        for i in 0..<40 {
            let t = base + Int64(i * 100)
            let types = [
                ("orders", "ItemAddedToCart", "order-service"), ("carts", "CartUpdated", "cart-service"), ("shipping", "OrderItemShipped", "shipping-service"),
            ]
            let (topic, type, source) = types[i % 3]
            let event = Event(
                topic: topic, partition: Int32(i % 2), offset: Int64(i), timeMs: t, type: type, id: "e\(i)", source: source, format: .envelope,
                trace: TraceContext(traceId: String(repeating: "a", count: 31) + String(i % 10)), encryption: topic == "shipping" ? .encrypted : .plaintext,
                bytes: 240)
            pipeline.traceIndex.insert(event, principal: "User:\(source)", nowMs: t)
            store.ingest(
                event,
                record: Record(
                    topic: topic, partition: event.partition, offset: event.offset, timestampMs: t, key: Array("k\(i)".utf8),
                    headers: [RecordHeader("traceparent", "00-abc-def-01")], value: Array("{\"eventType\":\"\(type)\"}".utf8)), nowMs: t)
        }
        store.ingest(
            Decision(
                timeMs: base + 1_000, principal: "User:recommendation-service", operation: "WRITE", resourceType: "TOPIC", resourceName: "shipping",
                patternType: "LITERAL", granted: false, host: "10.0.0.7", clientId: "rec-1", rule: "DefaultDeny", method: "kafka.Produce", format: .confluent),
            nowMs: base + 1_000)
        store.ingest(
            Decision(
                timeMs: base + 2_000, principal: "User:order-service", operation: "WRITE", resourceType: "TOPIC", resourceName: "orders", granted: true,
                count: 3, format: .redpanda), nowMs: base + 2_000)
        store.ingest(
            Decision(
                timeMs: base + 3_000, principal: "User:evil\u{1B}]0;pwned\u{07}", operation: "READ", resourceType: "TOPIC", resourceName: "customer",
                granted: false, format: .kafkaAuthorizer), nowMs: base + 3_000)
        return pipeline
    }

    /// Draws a screen through the frame assembly the loop uses (`Dashboard`): keys go through
    /// the reducer, the list and detail come from the pipeline as in the running dashboard.
    func render(_ screen: ScreenID, width: Int, height: Int, keys: [Key] = [], configure: (inout AppState) -> Void = { _ in }) -> Grid {
        renderDashboard(screen, pipeline: Self.samplePipeline(), nowMs: Self.nowMs, width: width, height: height, keys: keys, configure: configure)
    }

    @Test(arguments: [ScreenID.overview, .topics, .eventTypes, .principals, .decisions, .traces, .live, .findings])
    func screensAt80x24(screen: ScreenID) {
        assertSnapshot(render(screen, width: 80, height: 24), named: "\(screen)-80x24")
    }

    @Test(arguments: [ScreenID.overview, .topics, .eventTypes, .principals, .decisions, .traces, .live, .findings])
    func screensAt120x40(screen: ScreenID) {
        assertSnapshot(render(screen, width: 120, height: 40), named: "\(screen)-120x40")
    }

    @Test(arguments: [ScreenID.overview, .topics, .eventTypes, .principals, .decisions, .traces, .live, .findings])
    func screensAt200x60(screen: ScreenID) {
        assertSnapshot(render(screen, width: 200, height: 60), named: "\(screen)-200x60")
    }

    /// The chrome the navigation adds: a jump's breadcrumb, a status message, the help overlay.
    @Test func navigationChromeAt80x24() {
        let trace = render(.live, width: 80, height: 24, keys: [.char("j"), .char("j"), .char("j"), .char("t")])
        #expect(trace.textLines[1].hasPrefix("Live › trace "))
        assertSnapshot(trace, named: "live-jump-to-trace-80x24")
        let refused = render(.topics, width: 80, height: 24, keys: [.char("b")])
        #expect(refused.textLines[23].contains("b (group) works on the Decisions screen (5)"))
        let help = render(.overview, width: 80, height: 24, keys: [.char("?")] + Array(repeating: .char("j"), count: 60))
        #expect(help.textLines.joined().contains("severity: high medium low"))
        assertSnapshot(help, named: "help-scrolled-80x24")
        let prompt = render(.decisions, width: 120, height: 40, keys: [.char("/")] + "op:wr".map { .char($0) })
        #expect(prompt.textLines[1].contains("tab→ WRITE"))
    }

    /// From the Overview, enter opens the newest denied publish of the top principal, on the
    /// Decisions screen, and esc comes back.
    @Test func overviewEnterOpensTheNewestDeniedPublish() {
        let grid = render(.overview, width: 80, height: 24, keys: [.enter])
        let text = grid.textLines.joined(separator: "\n")
        #expect(grid.textLines[1].hasPrefix("Overview › decision User:recommendation-service"))
        #expect(text.contains("operation        WRITE"))
        #expect(render(.overview, width: 80, height: 24, keys: [.enter, .escape]).textLines[1].hasPrefix("Overview "))
    }

    /// Pause freezes only the data: a topic arriving while paused stays out of view, while
    /// the sort and the filter apply at once to what was frozen.
    @Test func pauseFreezesTheDataButNotTheView() {
        let pipeline = Self.samplePipeline()
        var state = AppState()
        state.screen = .topics
        var dashboard = Dashboard(state: state)
        let data = FrameData(pipeline: pipeline, sources: [], nowMs: Self.nowMs, width: 100, height: 30)
        var grid = Grid(width: 100, height: 30)
        dashboard.draw(data, into: &grid)
        _ = dashboard.send(.key(.char("p")), data: data)
        pipeline.ingest(
            .records([Record(topic: "late-topic", offset: 1, timestampMs: Self.nowMs, value: Array(#"{"eventType":"Late","source":"x"}"#.utf8))]),
            nowMs: Self.nowMs)
        func rows() -> [String] {
            dashboard.draw(data, into: &grid)
            return grid.textLines.dropFirst(3).compactMap { $0.split(separator: " ").first { !$0.allSatisfy { "▶✗!".contains($0) } }.map(String.init) }
        }
        #expect(!rows().contains("late-topic"))
        _ = dashboard.send(.key(.char("s")), data: data)
        _ = dashboard.send(.key(.char("s")), data: data)
        let byName = rows()
        #expect(grid.textLines[1].contains("sort: name"))
        #expect(Array(byName.prefix(4)) == ["carts", "customer", "orders", "shipping"])
        _ = dashboard.send(.key(.char("/")), data: data)
        for c in "ship" { _ = dashboard.send(.key(.char(c)), data: data) }
        _ = dashboard.send(.key(.enter), data: data)
        #expect(rows().first == "shipping")
        #expect(!rows().contains("late-topic"))
        _ = dashboard.send(.key(.char("p")), data: data)
        _ = dashboard.send(.key(.escape), data: data)
        #expect(rows().contains("late-topic"))
    }

    /// A long breadcrumb and summary never hide the filter in force.
    @Test func filterStaysVisibleWhenTheTitleLineIsCut() {
        let grid = render(.decisions, width: 80, height: 24, keys: [.char("/")] + "op:publish".map { .char($0) } + [.enter, .enter])
        #expect(grid.textLines[1].contains("filter: op:publish"))
    }

    /// Declared sources are labelled as such everywhere and never pass for principals: the
    /// shipping events declare `shipping-service`, but only `User:rogue-service` was allowed to
    /// write their topic, and the orders events' source matches an allowed writer.
    @Test func liveLabelsDeclaredSourcesAndFlagsDisagreement() {
        let lines = render(.live, width: 120, height: 40).textLines
        let shipping = lines.first { $0.contains("shipping/0@38") }
        #expect(shipping?.contains("≠ shipping-service (declar") == true)
        #expect(shipping?.contains("!") == true)
        #expect(lines.first { $0.contains("orders/1@39") }?.contains("✓ order-service (declared)") == true)
        #expect(
            render(.live, width: 200, height: 60).textLines.first { $0.contains("shipping/0@38") }?
                .contains("≠ shipping-service (declared), auth User:") == true)
        #expect(lines.first { $0.contains("carts/1@37") }?.contains("cart-service (declared)") == true)
        #expect(!lines.contains { $0.contains("User:shipping-service") || $0.contains("User:cart-service") })
        let topics = render(.topics, width: 200, height: 60).textLines
        #expect(topics.contains { $0.contains("shipping") && $0.contains("shipping-service") && $0.contains("User:rogue-service") })
        #expect(!topics.contains { $0.contains("User:shipping-service") })
        let principals = render(.principals, width: 120, height: 40).textLines.joined(separator: "\n")
        #expect(principals.contains("User:rogue-service"))
        #expect(!principals.contains("User:shipping-service") && !principals.contains("User:cart-service"))
    }

    /// An event's detail answers "who produced it" twice, labelled: the source it declares and
    /// the principals allowed to write its topic then, with the disagreement flagged.
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func eventDetailKeepsDeclaredAndAuthenticatedApart(width: Int, height: Int) {
        let grid = render(.live, width: width, height: height, keys: Array(repeating: .char("j"), count: 4) + [.enter])
        let text = grid.textLines.joined(separator: "\n")
        #expect(text.contains("Event OrderItemShipped"))
        #expect(text.contains("  declared       shipping-service  (its own source field: not authenticated)"))
        #expect(text.contains("  authenticated  User:rogue-service"))
        #expect(text.contains("! the declared source matches none of the authenticated writers"))
        assertSnapshot(grid, named: "event-detail-disagreeing-\(width)x\(height)")
    }

    @Test func eventDetailOfAMatchingSource() {
        let grid = render(.live, width: 120, height: 40, keys: Array(repeating: .char("j"), count: 3) + [.enter])
        let text = grid.textLines.joined(separator: "\n")
        #expect(text.contains("  declared       order-service"))
        #expect(text.contains("  authenticated  User:order-service"))
        #expect(text.contains("✓ an authenticated writer stands for the declared source"))
        assertSnapshot(grid, named: "event-detail-matching-120x40")
    }

    @Test func tooSmallTerminal() {
        let grid = render(.topics, width: 60, height: 15)
        #expect(grid.textLines.joined().contains("too small"))
        assertSnapshot(grid, named: "too-small-60x15")
    }

    @Test func deniedRowsCarryAMarkerAndHostileTextIsEscaped() {
        let grid = render(.decisions, width: 120, height: 40)
        let lines = grid.textLines
        let rogue = lines.first { $0.contains("User:recommendation-service") }
        #expect(rogue?.contains("✗") == true)
        #expect(lines.contains { $0.contains("\\e]0;pwned\\x07") })
        #expect(!grid.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
    }

    @Test func decisionDetailShowsFieldsAndSurroundings() {
        let grid = render(.decisions, width: 120, height: 40, keys: [.char("j"), .enter])
        let text = grid.textLines.joined(separator: "\n")
        #expect(text.contains("DENIED decision"))
        #expect(text.contains("Around this decision"))
        #expect(text.contains("Decisions › decision User:recommendation-service"))
        assertSnapshot(grid, named: "decision-detail-120x40")
    }

    @Test func filterDraftAndPausedStatus() {
        let grid = render(.topics, width: 100, height: 30, keys: [.char("p"), .char("/")] + "topic:ord".map { .char($0) })
        let lines = grid.textLines
        #expect(lines[1].hasPrefix("/topic:ord"))
        #expect(lines.contains { $0.contains("orders") })
        #expect(!lines.contains { $0.contains("carts") })
        #expect(lines[29].contains("PAUSED"))
        #expect(lines[29].contains("FILTERED"))
    }
}

@Suite struct LiveContextTests {
    @Test func contextKeepsNeighboursOfMatchesDimmed() {
        let store = Store()
        for (i, topic) in ["a", "b", "c", "needle", "d", "e", "f"].enumerated() {
            let event = Event(topic: topic, partition: 0, offset: Int64(i), timeMs: 1_000, type: "T", id: nil, source: nil, format: .envelope, bytes: 1)
            store.ingest(event, record: Record(topic: topic), nowMs: 1_000)
        }
        var state = AppState()
        state.screen = .live
        state.filters[.live] = FilterQuery("topic:needle")
        #expect(LiveScreen.model(store: store, state: state, nowMs: 1_000).count == 1)
        state.showContext = true
        let model = LiveScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(model.count == 5)
        let roles = (0..<model.count).map { model.row($0).role }
        #expect(roles == [.muted, .muted, .normal, .muted, .muted])
    }

    /// Unfiltered rows are read from the ring when drawn: newest first, and a model kept while
    /// paused still shows what the ring held when the model was made.
    @Test func unfilteredRowsAreNewestFirstAndKeptWhilePaused() {
        var caps = StoreCaps()
        caps.recentEvents = 3
        let store = Store(caps: caps)
        func add(_ topic: String, _ offset: Int64) {
            let event = Event(topic: topic, partition: 0, offset: offset, timeMs: 1_000, type: "T", id: nil, source: nil, format: .envelope, bytes: 1)
            store.ingest(event, record: Record(topic: topic), nowMs: 1_000)
        }
        for (i, topic) in ["a", "b", "c"].enumerated() { add(topic, Int64(i)) }
        var state = AppState()
        state.screen = .live
        let model = LiveScreen.model(store: store, state: state, nowMs: 1_000)
        let wheres = { (model: ListModel) in (0..<model.count).map { model.row($0).cells[3] } }
        #expect(wheres(model) == ["c/0@2", "b/0@1", "a/0@0"])
        for (i, topic) in ["d", "e", "f", "g", "h", "i", "j"].enumerated() { add(topic, Int64(3 + i)) }
        #expect(wheres(model) == ["c/0@2", "b/0@1", "a/0@0"])
        let later = LiveScreen.model(store: store, state: state, nowMs: 1_000)
        #expect(later.count == 6)
        #expect(wheres(later).prefix(2) == ["j/0@9", "i/0@8"])
    }
}

/// Every screen at every size from the minimum to 250×70: nothing escapes the grid, the chrome
/// rows stay where they belong, and below the minimum a clear message replaces the dashboard.
@Suite struct DashboardLayoutTests {
    static let sizes = [(80, 24), (81, 25), (100, 30), (120, 40), (160, 50), (200, 60), (250, 70), (79, 24), (40, 10), (1, 1), (0, 0)]

    @Test(arguments: ScreenID.allCases)
    func everySizeRendersCleanly(screen: ScreenID) {
        let pipeline = DashboardSnapshotTests.samplePipeline()
        for (width, height) in Self.sizes {
            for detail in [false, true] {
                var state = AppState()
                state.screen = screen
                let model = ScreenModels.listModel(for: screen, pipeline: pipeline, state: state, nowMs: DashboardSnapshotTests.nowMs)
                if detail, let target = model.flatMap({ $0.count > 0 ? $0.row(0).target : nil }) { state.details = [target] }
                var dashboard = Dashboard(state: state)
                var grid = Grid(width: width, height: height)
                dashboard.draw(FrameData(pipeline: pipeline, sources: [], nowMs: DashboardSnapshotTests.nowMs, width: width, height: height), into: &grid)
                let text = grid.textLines
                #expect(text.count == height)
                for line in text { #expect(DisplayWidth.of(line) == width, "\(screen) \(width)x\(height) line overflows: \(line)") }
                #expect(!grid.cells.contains { $0.text.unicodeScalars.contains { TerminalText.needsEscape($0) } })
                if width >= 80, height >= 24 {
                    #expect(text[0].contains("[\(screen.rawValue) "))
                    if width >= 120 { #expect(text[0].contains("Overview")) }
                    #expect(text[height - 2].contains("help"))
                } else if width >= 30, height >= 3 {
                    #expect(text.joined().contains("too small"))
                }
            }
        }
    }
}

@Suite struct EventDetailTests {
    @Test func jsonValuesArePrettyPrintedAndEscaped() {
        let pipeline = IngestPipeline()
        let value = Array(#"{"eventType":"Evil\u001b]0;PWNED\u0007","payload":{"note":"a‮b","n":1}}"#.utf8)
        let record = Record(
            topic: "orders", partition: 1, offset: 7, key: [0x1B, 0x5B, 0x32, 0x4A], headers: [RecordHeader("h\u{1B}", "v\u{9B}")], value: value)
        pipeline.ingest(.records([record]), nowMs: 1_000)
        guard let stored = pipeline.store.recentEvents.newest(0) else {
            Issue.record("no event stored")
            return
        }
        let lines = DetailContent.lines(for: .event(stored), pipeline: pipeline, nowMs: 1_000, width: 120).map(\.text)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Value (JSON, pretty-printed)"))
        #expect(lines.contains { $0.hasPrefix("    \"payload\"") || $0.hasPrefix("    \"note\"") || $0.contains("\"note\": ") })
        #expect(text.contains("\\u{202e}"))
        #expect(text.contains("\\e[2J"))
        #expect(text.contains("h\\e: v\\x9b"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x9B || $0.value == 0x07 })
    }
}

@Suite struct SensitiveMaskingTests {
    @Test func piiAndPolicySensitiveFieldsAreMaskedUnlessRevealed() {
        let pipeline = IngestPipeline(policy: Policy.demo)
        let value =
            #"{"eventType":"CustomerAddressUpdated","eventId":"e1","source":"customer-service","payload":{"customerId":"c-42","street":"1 Main St","contact":"jane.doe@example.com"}}"#
        pipeline.ingest(.records([Record(topic: "customer", value: Array(value.utf8))]), nowMs: 1_000)
        guard let stored = pipeline.store.recentEvents.newest(0) else {
            Issue.record("no event")
            return
        }
        let masked = DetailContent.lines(for: .event(stored), pipeline: pipeline, nowMs: 1_000, width: 120).map(\.text).joined(separator: "\n")
        #expect(!masked.contains("jane.doe@example.com"))
        #expect(masked.contains("\"contact\": ••••"))
        #expect(masked.contains("c-42"))
        let revealed = DetailContent.lines(for: .event(stored), pipeline: pipeline, nowMs: 1_000, width: 120, reveal: true).map(\.text).joined(separator: "\n")
        #expect(revealed.contains("jane.doe@example.com"))
    }
}
