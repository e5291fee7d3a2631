import EventScopeCore
import Testing

@testable import EventScopeUI

@Suite struct FilterQueryTests {
    let fields = ["principal": "User:rogue-service", "type": "OrderItemShipped", "topic": "shipping", "op": "WRITE"]

    @Test(arguments: [
        ("", true),
        ("rogue", true),
        ("ROGUE", true),
        ("principal:rogue", true),
        ("p:rogue", true),
        ("principal:order", false),
        ("!principal:order", true),
        ("!rogue", false),
        ("denied", true),
        ("granted", false),
        ("!granted topic:ship", true),
        ("denied type:orderitem op:write", true),
        ("nosuchkey:x", false),
        ("!!rogue", true),
    ])
    func matchesDeniedShippingRow(query: String, expected: Bool) {
        let q = FilterQuery(query)
        #expect(q.matches(text: "User:rogue-service WRITE shipping", fields: fields, granted: false) == expected)
    }

    @Test func parsesClauses() {
        let q = FilterQuery("!type:Cart denied  foo")
        #expect(q.clauses.count == 3)
        #expect(q.clauses[0] == .init(term: .field(key: "type", value: "cart"), negated: true))
        #expect(q.clauses[1] == .init(term: .decision(granted: false), negated: false))
        #expect(q.clauses[2] == .init(term: .text("foo"), negated: false))
    }
}

@Suite struct TextSearchTests {
    @Test(arguments: [
        ("User:Rogue-Service", "rogue", true),
        ("abc", "", true),
        ("", "a", false),
        ("ab", "abc", false),
        ("aaab", "aab", true),
        ("Grüße", "GRÜ", true),
        ("x\u{301}y", "\u{301}y", true),
    ])
    func findsSubstringsIgnoringCase(haystack: String, needle: String, expected: Bool) {
        #expect(TextSearch.containsIgnoringCase(haystack, needle) == expected)
    }
}
