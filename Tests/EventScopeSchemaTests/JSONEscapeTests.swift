import Testing

@testable import EventScopeSchema

/// The one escape decoder every JSON reader shares: what each escape decodes to, and how a
/// wrong one is reported so each reader can choose to refuse or repair it.
@Suite struct JSONEscapeTests {
    static func decode(_ text: String) -> (JSONEscape.Outcome, [UInt8]) {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        let outcome = bytes.withUnsafeBufferPointer { JSONEscape.decode($0, backslash: 0, into: &out) }
        return (outcome, out)
    }

    @Test(arguments: [
        (#"\n"#, "\n", 2), (#"\""#, "\"", 2), (#"\/"#, "/", 2), (#"\\"#, "\\", 2), (#"\t"#, "\t", 2),
        (#"\u00e9"#, "é", 6), (#"\u001B"#, "\u{1B}", 6), (#"\ud83d\ude00"#, "😀", 12),
    ])
    func decodes(escape: String, expected: String, next: Int) {
        let (outcome, out) = Self.decode(escape)
        #expect(outcome == .decoded(next: next))
        #expect(out == Array(expected.utf8))
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() {
        #expect(Self.decode(#"\ud83dx"#) == (.loneSurrogate(next: 6), Array("\u{FFFD}".utf8)))
        #expect(Self.decode(#"\ude00"#) == (.loneSurrogate(next: 6), Array("\u{FFFD}".utf8)))
        // A high half followed by an escape that is not a low half stays lone; the next escape is read on its own.
        #expect(Self.decode(#"\ud83d\u0041"#) == (.loneSurrogate(next: 6), Array("\u{FFFD}".utf8)))
    }

    @Test func wrongEscapesAppendNothing() {
        #expect(Self.decode(#"\x"#) == (.unknownEscape(UInt8(ascii: "x")), []))
        #expect(Self.decode(#"\u12g4"#) == (.badUnicodeEscape, []))
        #expect(Self.decode(#"\u12"#) == (.truncated, []))
        #expect(Self.decode("\\") == (.truncated, []))
    }
}
