import Testing

@testable import EventScopeCore

@Suite struct JSONParserTests {
    let parser = JSONParser()

    @Test func parsesNestedDocumentKeepingKeyOrder() throws {
        let value = try parser.parse(#"{"z":1,"a":[true,false,null],"m":{"s":"x\"y","f":-1.5e2}}"#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "m"])
        #expect(value["z"] == .integer(1))
        #expect(value["a"]?[0] == .bool(true))
        #expect(value["a"]?[2] == .null)
        #expect(value["a"]?[3] == nil)
        #expect(value["m"]?["s"]?.stringValue == "x\"y")
        #expect(value["m"]?["f"] == .number(-150))
        #expect(value.value(atPath: "m.f")?.doubleValue == -150)
        #expect(value.value(atPath: "a.1") == .bool(false))
        #expect(value.value(atPath: "a.x") == nil)
        #expect(value.value(atPath: "m.s.deeper") == nil)
    }

    @Test func keepsSixtyFourBitIntegersExact() throws {
        let value = try parser.parse(#"[166976909279400003, -9223372036854775808, 9223372036854775807, 9223372036854775808, 1.0]"#)
        #expect(value[0] == .integer(166_976_909_279_400_003))
        #expect(value[1] == .integer(Int64.min))
        #expect(value[2] == .integer(Int64.max))
        #expect(value[3] == .number(9_223_372_036_854_775_808))
        #expect(value[4] == .number(1))
        #expect(value[4]?.int64Value == 1)
        #expect(value[0]?.scalarText == "166976909279400003")
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try parser.parse(#""a\u003db\n\t\/\\\ud83d\ude00é""#)
        #expect(value.stringValue == "a=b\n\t/\\😀é")
    }

    @Test(arguments: [
        "", " ", "{", "[1,", #"{"a"}"#, #"{"a":1,}"#, "[1,]", "01", "-", "1.", "1e", "+1", ".5", "NaN",
        "tru", "nul", #""abc"#, #""\x""#, #""\u12G4""#, #""\ud800""#, #""\udc00x""#, #""\ud800\u0041""#,
        "\"a\u{01}b\"", "{} {}", "[] x", #"{"a":1,"a":2}"#, "1e999", "\u{FEFF}{}", "'a'", "{a:1}",
    ])
    func rejectsInvalidDocuments(text: String) {
        #expect(throws: JSONParseError.self) { try parser.parse(text) }
    }

    @Test func rejectsInvalidUTF8InsideStrings() {
        let bytes: [UInt8] = Array(#"{"k":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: JSONParseError.invalidUTF8(offset: 5)) { try parser.parse(bytes) }
        let escaped: [UInt8] = Array(#"["\n"#.utf8) + [0xFF] + Array(#""]"#.utf8)
        #expect(throws: JSONParseError.self) { try parser.parse(escaped) }
    }

    @Test func enforcesDepthLimitWithoutRecursingFurther() throws {
        let shallow = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(try parser.parse(shallow).arrayValue?.count == 1)
        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(throws: JSONParseError.tooDeep(offset: 128, limit: 128)) { try parser.parse(deep) }
        let hostile = String(repeating: "{\"a\":", count: 200_000)
        #expect(throws: JSONParseError.self) { try parser.parse(hostile) }
    }

    @Test func enforcesSizeLimitBeforeParsing() {
        let small = JSONParser(maxBytes: 10, maxDepth: 8)
        #expect(throws: JSONParseError.tooLarge(size: 11, limit: 10)) { try small.parse("[1,2,3,4,5]") }
    }

    @Test func detectsDuplicatesInLargeObjects() {
        let members = (0..<40).map { "\"k\($0)\":\($0)" } + ["\"k7\":0"]
        #expect(throws: JSONParseError.self) { try parser.parse("{" + members.joined(separator: ",") + "}") }
    }

    @Test func acceptsNonContiguousCollections() throws {
        let bytes = Array("[1, \"two\"]".utf8).lazy.map { $0 }
        #expect(try parser.parse(bytes) == .array([.integer(1), .string("two")]))
    }
}
