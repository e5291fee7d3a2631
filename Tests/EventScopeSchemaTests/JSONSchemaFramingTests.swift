import Testing

@testable import EventScopeSchema

@Suite("JSONSchemaFraming")
struct JSONSchemaFramingTests {
    @Test func bodyFollowsThePrefix() throws {
        let value = WireBytes.confluentPrefix(10) + Array(#"{"a":1}"#.utf8)
        #expect(try JSONSchemaFraming.bodyRange(of: value) == 5..<12)
    }

    @Test(arguments: [
        (WireBytes.confluentPrefix(10), "json schema: empty body after the 5-byte prefix"),
        (Array(#"{"a":1}"#.utf8), "confluent: magic byte is 123, expected 0"),
    ])
    func rejectsValuesWithoutABody(_ value: [UInt8], _ reason: String) {
        #expect(throws: SchemaDecodingError(reason)) { try JSONSchemaFraming.bodyRange(of: value) }
    }

    @Test(
        arguments: [
            (#"{"$schema":"http://json-schema.org/draft-07/schema#","title":"OrderPlaced","type":"object"}"#, "OrderPlaced"),
            (#"{"title":"Caf\u00e9 \"x\""}"#, "Café \"x\""),
            (#"{"type":"object","properties":{"title":{"type":"string"}}}"#, nil),
            (#"{"title":""}"#, nil),
            (#"{"title":42}"#, nil),
            ("not json", nil),
            (String(repeating: "[", count: 10_000), nil),
        ] as [(String, String?)])
    func readsTheTitle(_ schema: String, _ title: String?) {
        #expect(JSONSchemaFraming.title(ofSchema: schema) == title)
    }
}
