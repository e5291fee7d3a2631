import EventScopeCore
import EventScopeTestSupport
import Testing

/// Mutated and pathological JSON: the parser returns a value or a typed error, and what it
/// returns survives a compact and a pretty round trip.
@Suite struct FuzzJSONParserTests {
    static let seeds = FuzzMutator(textSeeds: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e\u00e9\n\ud83d\ude00"},"f":-1.5e-3,"g":9223372036854775807,"h":""}"#,
        #"[0,-0,1e308,-9223372036854775808,18446744073709551616,0.1,"\\\"\/\b\f\n\r\t"]"#,
        #"{"nested":{"deeper":{"deepest":[[[[[]]]]]}}}"#, "\"just a string\"", "123", "null", " \t\r\n{} ",
    ])

    @Test func parsesOrThrowsAndRoundTrips() {
        let parser = JSONParser(maxBytes: 1 << 16, maxDepth: 64)
        FuzzSupport.run("JSONParser") { random in
            let input = Self.seeds.input(&random)
            guard let value = try? parser.parse(input) else { return }
            let compact = value.compactText()
            #expect(!compact.contains("\n"))
            let reparsed = try? parser.parse(compact)
            #expect(reparsed.map { Self.sameValue($0, value) } == true, "compact text does not round-trip: \(TerminalText.escape(compact, limit: 200))")
            #expect(FuzzSupport.isTerminalSafe(TerminalText.escape(value.pretty())))
        }
    }

    /// Equality that lets a whole double such as `1e9` come back as the integer it prints as.
    static func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.integer(let i), .number(let d)), (.number(let d), .integer(let i)): return Double(i) == d
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameValue($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && sameValue($0.value, $1.value) }
        default: return a == b
        }
    }

    /// Nesting far beyond the limit is refused, not recursed into until the stack runs out.
    @Test(arguments: ["[", "{\"a\":", "[{\"a\":"])
    func refusesDeepNesting(_ opener: String) {
        let input = String(repeating: opener, count: 200_000)
        #expect(throws: JSONParseError.self) { try JSONParser().parse(input) }
    }
}
