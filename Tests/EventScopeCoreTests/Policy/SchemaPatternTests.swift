import Testing

@testable import EventScopeCore

@Suite struct SchemaPatternTests {
    @Test(arguments: [
        ("abc", "xxabcxx", true),
        ("^abc$", "xxabcxx", false),
        ("^a.c$", "abc", true),
        ("^[a-c]+$", "abcabc", true),
        ("^[^0-9]+$", "abc1", false),
        ("^\\d{3}-\\d{4}$", "555-0134", true),
        ("^\\w+@\\w+\\.com$", "a_b@host.com", true),
        ("^(cat|dog)s?$", "dogs", true),
        ("^(cat|dog)s?$", "cow", false),
        ("^a{2,3}$", "aaaa", false),
        ("^a{2,}$", "aaaaa", true),
        ("^(?:ab)*$", "ababab", true),
        ("^\\s*$", " \t", true),
        ("^[\\-.]$", "-", true),
        ("^é+$", "éé", true),
        ("^$", "", true),
        ("^(a*)*b$", "aaaa", false),
    ])
    func matches(pattern: String, text: String, expected: Bool) throws {
        #expect(try SchemaPattern(pattern).matches(text) == expected)
    }

    @Test(arguments: ["(a", "a)", "*a", "a{3,1}", "(?=a)", "\\1", "\\b", "[a", "\\q", String(repeating: "a", count: 600), "(a{1000}){1000}"])
    func refusesWhatIsOutsideTheSubset(pattern: String) {
        #expect(throws: SchemaPattern.SyntaxError.self) { try SchemaPattern(pattern) }
    }

    @Test func pathologicalBacktrackingPatternsFinish() throws {
        // A backtracking engine needs 2^n steps here; the automaton needs n × pattern size.
        let pattern = try SchemaPattern("^(a+)+$")
        #expect(!pattern.matches(String(repeating: "a", count: 4_000) + "!"))
        #expect(pattern.matches(String(repeating: "a", count: 4_000)))
    }
}
