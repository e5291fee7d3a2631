import EventScopeCore
import EventScopeTestSupport
import Testing

/// Any bytes or string through the sanitiser: no scalar a terminal would act on survives, and a
/// limit bounds the output.
@Suite struct FuzzTerminalTextTests {
    static let seeds = FuzzMutator(textSeeds: [
        "\u{1B}]0;PWNED\u{07}title", "\u{1B}]52;c;cHduZWQ=\u{1B}\\", "\u{1B}[2J\u{1B}[H", "user\u{202E}gnp.exe", "a\u{200B}b\u{FEFF}c",
        "plain ascii", "漢字 and 👩‍👩‍👧 and e\u{301}",
    ])

    @Test func escapesEverythingDangerous() {
        FuzzSupport.run("TerminalText") { random in
            let bytes = Self.seeds.input(&random)
            let limit = random.oneIn(2) ? Int.max : random.below(64)
            let fromBytes = TerminalText.escape(bytes, limit: limit)
            let fromString = TerminalText.escape(String(decoding: bytes, as: UTF8.self), limit: limit)
            for output in [fromBytes, fromString] {
                #expect(FuzzSupport.isTerminalSafe(output), "raw control in \(Array(output.unicodeScalars.map(\.value)))")
                // One escape is at most `\u{e007f}` (9 scalars) past the limit, plus the ellipsis.
                if limit != Int.max { #expect(output.unicodeScalars.count <= limit + 10) }
            }
            if limit == Int.max, let valid = String(validating: bytes, as: UTF8.self) {
                #expect(fromBytes == TerminalText.escape(valid))
            }
        }
    }
}
