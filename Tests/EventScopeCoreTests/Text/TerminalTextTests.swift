import Testing

@testable import EventScopeCore

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("\u{1B}]0;pwned\u{07}", "\\e]0;pwned\\x07"),
        ("\u{1B}[2J", "\\e[2J"),
        ("a\u{202E}b", "a\\u{202e}b"),
        ("zero\u{200B}width", "zero\\u{200b}width"),
        ("c1\u{9B}31m", "c1\\x9b31m"),
        ("line\nnext", "line\\nnext"),
        ("café 日本", "café 日本"),
    ])
    func escapesStrings(input: String, expected: String) {
        #expect(TerminalText.escape(input) == expected)
    }

    @Test func escapesInvalidUTF8AsHex() {
        #expect(TerminalText.escape([0x61, 0xFF, 0x62, 0xC3]) == "a\\xffb\\xc3")
        #expect(TerminalText.escape([0x1B, 0x5B, 0x41]) == "\\e[A")
        #expect(TerminalText.escape(Array("héllo".utf8)) == "héllo")
    }

    @Test func limitTruncatesWithEllipsis() {
        #expect(TerminalText.escape(Array("abcdef".utf8), limit: 3) == "abc…")
        #expect(TerminalText.escape("abcdef", limit: 3) == "abc…")
    }
}
