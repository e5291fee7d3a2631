import EventScopeCore
import EventScopeDemo
import Foundation
import Testing

@testable import EventScopeUI

/// Long values at 80×24, 120×40 and 200×60, drawn through the frame assembly: detail panes wrap
/// and pretty-print JSON with masking and escaping kept, columns take the width they need by
/// priority, and a cascade's tree stays readable at 80 columns.
@Suite struct ReadableValuesTests {
    static let nowMs = DashboardSnapshotTests.nowMs
    static let sizes = [(80, 24), (120, 40), (200, 60)]
    static let longNote =
        "Leave the parcel with the neighbour at number 12 if nobody answers; the side gate is open until six and the dog is friendly \u{1B}[2J"

    /// A payment with sensitive fields (the demo policy) and a long note, a JSON audit record
    /// from an X.509 principal, two principals that differ only at their end, and a cascade of
    /// four hops.
    static func pipeline() -> IngestPipeline {
        let pipeline = IngestPipeline(policy: Policy.demo)
        let store = pipeline.store
        let payment =
            #"{"eventType":"PaymentAuthorized","eventId":"p-1","source":"payment-service","payload":{"orderId":"order-8619528","amountCents":41858,"currency":"EUR","cardNumber":"4111111111111111","email":"jane.doe@example.com","note":"\#(longNote.replacingOccurrences(of: "\u{1B}", with: "\\u001b"))"}}"#
        pipeline.ingest(.records([Record(topic: "payments", offset: 5, timestampMs: nowMs - 9_000, value: Array(payment.utf8))]), nowMs: nowMs - 9_000)
        for (offset, source) in ["CN=shipping-service,OU=logistics,O=acme,C=DE", "CN=shipping-service,OU=logistics,O=acme,C=US"].enumerated() {
            let value = #"{"eventType":"OrderItemShipped","eventId":"s-\#(offset)","source":"\#(source)"}"#
            pipeline.ingest(
                .records([Record(topic: "shipping", offset: Int64(offset), timestampMs: nowMs - 8_000, value: Array(value.utf8))]), nowMs: nowMs - 8_000)
        }
        let x509 = "User:CN=shipping-service,OU=logistics,O=acme,C=DE"
        let raw =
            #"{"id":"c1f2","source":"crn:///kafka=lkc-1","type":"io.confluent.kafka.server/authorization","data":{"methodName":"kafka.Produce","authenticationInfo":{"principal":"\#(x509)"},"authorizationInfo":{"granted":false,"operation":"Write","resourceType":"Topic","resourceName":"payments","patternType":"LITERAL"},"requestMetadata":{"clientAddress":"10.120.200.123","clientId":"shipping-producer-7"}}}"#
        store.ingest(
            Decision(
                timeMs: nowMs - 7_000, principal: x509, operation: "WRITE", resourceType: "TOPIC", resourceName: "payments", patternType: "LITERAL",
                granted: false, host: "10.120.200.123", clientId: "shipping-producer-7", method: "kafka.Produce", format: .confluent, raw: raw),
            nowMs: nowMs - 7_000)
        // The same certificate subject but for its country: only the end tells them apart.
        store.ingest(
            Decision(
                timeMs: nowMs - 6_500, principal: "User:CN=shipping-service,OU=logistics,O=acme,C=US", operation: "WRITE", resourceType: "TOPIC",
                resourceName: "shipping", granted: true, host: "10.120.200.124", format: .confluent),
            nowMs: nowMs - 6_500)
        let hops: [(String, String, String?, String, String)] = [
            ("ItemAddedToCart", "s1", nil, "orders", "order-service"),
            ("CartUpdated", "s2", "s1", "carts", "cart-service"),
            ("RecommendationsGenerated", "s3", "s2", "recommendations", "recommendation-service"),
            ("NotificationQueued", "s4", "s3", "notifications", "CN=notification-service,OU=messaging,O=acme"),
        ]
        for (index, hop) in hops.enumerated() {
            let t = nowMs - 5_000 + Int64(index * 120)
            let event = Event(
                topic: hop.3, partition: 0, offset: Int64(index), timeMs: t, type: hop.0, id: "h\(index)", source: hop.4, format: .envelope,
                trace: TraceContext(traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: hop.1, parentSpanId: hop.2), bytes: 200)
            pipeline.traceIndex.insert(event, principal: "User:\(hop.4)", nowMs: t)
            store.ingest(event, record: Record(topic: hop.3, offset: Int64(index), timestampMs: t, value: Array("{}".utf8)), nowMs: t)
        }
        return pipeline
    }

    func render(_ screen: ScreenID, width: Int, height: Int, keys: [Key]) -> Grid {
        renderDashboard(screen, pipeline: Self.pipeline(), nowMs: Self.nowMs, width: width, height: height, keys: keys)
    }

    static func keys(_ text: String) -> [Key] { text.map { .char($0) } }

    /// The pane's text without its border, rows joined.
    static func paneText(_ grid: Grid) -> String {
        grid.textLines.dropFirst(3).dropLast(3).map { String($0.dropFirst().dropLast()) }.joined(separator: "\n")
    }

    static func noRawControls(_ grid: Grid) -> Bool {
        !grid.cells.contains { $0.text.unicodeScalars.contains { TerminalText.needsEscape($0) } }
    }

    @Test(arguments: sizes)
    func findingExampleIsPrettyPrintedAndMasked(width: Int, height: Int) {
        let grid = render(.findings, width: width, height: height, keys: [.char("/")] + Self.keys("cardNumber") + [.enter, .enter, .char("G")])
        let text = Self.paneText(grid)
        #expect(text.contains("Example"))
        #expect(text.contains("\"orderId\": \"order-8619528\","))
        #expect(text.contains("\"cardNumber\": \"••••\""))
        #expect(!text.contains("4111111111111111"))
        #expect(!text.contains("\\n  \"orderId\""))
        #expect(Self.noRawControls(grid))
        assertSnapshot(grid, named: "finding-example-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func rawAuditRecordIsPrettyPrintedAndWrapped(width: Int, height: Int) {
        let grid = render(.decisions, width: width, height: height, keys: [.enter, .char("G")])
        let text = Self.paneText(grid)
        if height >= 60 { #expect(text.contains("Raw record (JSON, pretty-printed)")) }
        #expect(text.contains("\"clientAddress\": \"10.120.200.123\""))
        // The X.509 principal is whole somewhere on screen, wrapped if need be, never cut.
        let unwrapped = grid.textLines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.joined()
        #expect(unwrapped.contains("\"principal\": \"User:CN=shipping-service,OU=logistics,O=acme,C=DE\""))
        assertSnapshot(grid, named: "decision-raw-json-\(width)x\(height)")
    }

    /// At 80 columns the long note wraps word by word under its key, masking and escaping kept;
    /// with wrapping off it is cut at `…` and `→` scrolls to its end.
    @Test func eventValueWrapsAndScrollsAt80x24() {
        let open: [Key] = [.char("/")] + Self.keys("type:PaymentAuthorized") + [.enter, .enter, .char("G")]
        let wrapped = render(.live, width: 80, height: 24, keys: open)
        let text = Self.paneText(wrapped)
        #expect(text.contains("\"cardNumber\": ••••"))
        #expect(!text.contains("4111111111111111"))
        #expect(text.contains("\\u001b[2J"))
        #expect(Self.noRawControls(wrapped))
        let words = Self.longNote.split(separator: " ").dropLast().map(String.init)
        for word in words { #expect(text.contains(word), "note word \(word) not shown") }
        assertSnapshot(wrapped, named: "event-json-wrapped-80x24")

        let cut = render(.live, width: 80, height: 24, keys: open + [.char("w")])
        #expect(cut.textLines.contains { $0.hasSuffix("…│") })
        #expect(!Self.paneText(cut).contains("friendly"))
        let scrolled = render(.live, width: 80, height: 24, keys: open + [.char("w")] + Array(repeating: .right, count: 4))
        #expect(Self.paneText(scrolled).contains("friendly"))
        #expect(scrolled.textLines.contains { $0.hasPrefix("│…") })
        assertSnapshot(scrolled, named: "event-json-scrolled-80x24")
    }

    /// The cascade at 80×24 keeps its tree, per-hop latency, link kind and sources; wider
    /// panes add the timeline and the topic position.
    @Test(arguments: sizes)
    func traceTreeStaysUseful(width: Int, height: Int) {
        let grid = render(.traces, width: width, height: height, keys: [.enter])
        let text = Self.paneText(grid)
        for column in ["EVENT", "+LATENCY", "LINK", "DECLARED SOURCE"] { #expect(text.contains(column)) }
        #expect(text.contains("└─ NotificationQueued"))
        #expect(text.contains("+120ms"))
        #expect(text.contains("cart-service (declared)"))
        if width >= 120 { #expect(text.contains("TIMELINE")) }
        if width >= 200 { #expect(text.contains("notifications/0@3")) }
        assertSnapshot(grid, named: "trace-tree-\(width)x\(height)")
    }

    /// Principals take the width they need; two that differ only at their end never look alike.
    @Test(arguments: sizes)
    func principalsTakeTheWidthTheyNeed(width: Int, height: Int) {
        let grid = render(.principals, width: width, height: height, keys: [])
        let rows = grid.textLines.filter { $0.contains("User:CN=shipping") }
        #expect(rows.count == 2)
        #expect(Set(rows.map { $0.prefix(45) }).count == 2)
        if width >= 200 { #expect(rows.contains { $0.contains("User:CN=shipping-service,OU=logistics,O=acme,C=US") }) }
        assertSnapshot(grid, named: "principals-long-\(width)x\(height)")
    }
}
