import Testing

@testable import EventScopeSchema

/// Schema text reads its string escapes with the shared JSON escape decoder, strictly: a schema
/// from a registry must be exact, so a wrong escape is an error with its offset.
@Suite struct SchemaJSONReaderTests {
    @Test func escapesDecodeLikeEveryOtherJSONReader() throws {
        let parsed = try SchemaJSONReader.parse(#"{"doc":"caf\u00e9 \ud83d\ude00 \"q\" a\/b\n\t"}"#)
        #expect(parsed == .object([SchemaJSON.Member(key: "doc", value: .string("café 😀 \"q\" a/b\n\t"))]))
        // Half a surrogate pair becomes U+FFFD, as in the other readers.
        #expect(try SchemaJSONReader.parse(#"["\ud800x"]"#) == .array([.string("\u{FFFD}x")]))
    }

    @Test(arguments: [
        (#"["\x"]"#, "invalid escape"), (#"["\u12G4"]"#, #"invalid \u escape"#), (#"["\u12"#, "unterminated string"), (#"["abc"#, "unterminated string"),
    ])
    func wrongEscapesAreErrors(text: String, reason: String) {
        #expect {
            _ = try SchemaJSONReader.parse(text)
        } throws: { error in
            (error as? SchemaDecodingError)?.reason.contains(reason) == true
        }
    }
}
