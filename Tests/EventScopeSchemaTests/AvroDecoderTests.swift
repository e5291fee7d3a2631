import Foundation
import Testing

@testable import EventScopeSchema

@Suite("AvroDecoder")
struct AvroDecoderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let schema: String
        let payload: [UInt8]
        let json: String
        var testDescription: String { label }
    }

    static let primitives: [Case] = [
        Case(label: "null", schema: #""null""#, payload: [], json: "null"),
        Case(label: "boolean true", schema: #""boolean""#, payload: [1], json: "true"),
        Case(label: "boolean false", schema: #"{"type":"boolean"}"#, payload: [0], json: "false"),
        Case(label: "int -1", schema: #""int""#, payload: [0x01], json: "-1"),
        Case(label: "int 64", schema: #""int""#, payload: [0x80, 0x01], json: "64"),
        Case(label: "int max", schema: #""int""#, payload: WireBytes.long(Int64(Int32.max)), json: "2147483647"),
        Case(label: "int min", schema: #""int""#, payload: WireBytes.long(Int64(Int32.min)), json: "-2147483648"),
        Case(
            label: "long min", schema: #""long""#, payload: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
            json: "-9223372036854775808"),
        Case(label: "long max", schema: #""long""#, payload: WireBytes.long(Int64.max), json: "9223372036854775807"),
        Case(label: "float", schema: #""float""#, payload: [0x00, 0x00, 0xC0, 0x3F], json: "1.5"),
        Case(label: "float shortest", schema: #""float""#, payload: WireBytes.float(0.1), json: "0.1"),
        Case(label: "double short decimal", schema: #""double""#, payload: WireBytes.double(-2.5e-8), json: "-0.000000025"),
        Case(label: "double coordinate", schema: #""double""#, payload: WireBytes.double(39.78), json: "39.78"),
        Case(label: "double integral", schema: #""double""#, payload: WireBytes.double(3), json: "3"),
        Case(label: "double negative zero", schema: #""double""#, payload: WireBytes.double(-0.0), json: "-0"),
        Case(label: "double shortest digits", schema: #""double""#, payload: WireBytes.double(0.1 + 0.2), json: "0.30000000000000004"),
        Case(label: "double tiny", schema: #""double""#, payload: WireBytes.double(1e-20), json: "1e-20"),
        Case(
            label: "double huge", schema: #""double""#, payload: WireBytes.double(1.7976931348623157e308),
            json: "1.7976931348623157e+308"),
        Case(label: "float large", schema: #""float""#, payload: WireBytes.float(3.4e20), json: "3.4e+20"),
        Case(label: "float precise", schema: #""float""#, payload: WireBytes.float(16_777_215), json: "16777215"),
        Case(label: "double NaN", schema: #""double""#, payload: WireBytes.double(.nan), json: #""NaN""#),
        Case(label: "double -inf", schema: #""double""#, payload: WireBytes.double(-.infinity), json: #""-Infinity""#),
        Case(label: "float NaN", schema: #""float""#, payload: WireBytes.float(.nan), json: #""NaN""#),
        Case(label: "float +inf", schema: #""float""#, payload: WireBytes.float(.infinity), json: #""Infinity""#),
        Case(label: "string", schema: #""string""#, payload: WireBytes.string("héllo"), json: #""héllo""#),
        Case(
            label: "string escapes", schema: #""string""#, payload: WireBytes.string("a\"b\\c\n\u{1B}"),
            json: #""a\"b\\c\u000a\u001b""#),
        Case(
            label: "string invalid utf8", schema: #""string""#, payload: WireBytes.bytes([0x61, 0xC3, 0x28, 0xED, 0xA0, 0x80]),
            json: "\"a\u{FFFD}(\u{FFFD}\u{FFFD}\u{FFFD}\""),
        Case(label: "empty string", schema: #""string""#, payload: [0], json: #""""#),
        Case(label: "bytes base64", schema: #""bytes""#, payload: WireBytes.bytes([0, 1, 2, 0xFF]), json: #""AAEC/w==""#),
        Case(label: "bytes base64 two", schema: #""bytes""#, payload: WireBytes.bytes([0xFB, 0xFF]), json: #""+/8=""#),
    ]

    static let complexTypes: [Case] = [
        Case(
            label: "enum", schema: #"{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS"]}"#, payload: [0x02],
            json: #""HEARTS""#),
        Case(label: "fixed", schema: #"{"type":"fixed","name":"Three","size":3}"#, payload: [1, 2, 3], json: #""AQID""#),
        Case(label: "array", schema: #"{"type":"array","items":"int"}"#, payload: [0x04, 0x02, 0x04, 0x00], json: "[1,2]"),
        Case(
            label: "array two blocks", schema: #"{"type":"array","items":"int"}"#,
            payload: [0x02, 0x02, 0x02, 0x04, 0x00], json: "[1,2]"),
        Case(
            label: "array sized block", schema: #"{"type":"array","items":"int"}"#,
            payload: [0x03, 0x04, 0x02, 0x04, 0x00], json: "[1,2]"),
        Case(label: "empty array", schema: #"{"type":"array","items":"string"}"#, payload: [0], json: "[]"),
        Case(
            label: "map", schema: #"{"type":"map","values":"string"}"#,
            payload: [0x04] + WireBytes.string("k") + WireBytes.string("v") + WireBytes.string("k\"2") + WireBytes.string("w") + [0],
            json: #"{"k":"v","k\"2":"w"}"#),
        Case(label: "union null", schema: #"["null","string"]"#, payload: [0x00], json: "null"),
        Case(label: "union string", schema: #"["null","string"]"#, payload: [0x02] + WireBytes.string("a"), json: #""a""#),
        Case(label: "array of nulls", schema: #"{"type":"array","items":"null"}"#, payload: [0x06, 0x00], json: "[null,null,null]"),
        Case(
            label: "record",
            schema: """
                {"type":"record","name":"User","namespace":"com.acme","fields":[
                  {"name":"id","type":"long"},{"name":"email","type":["null","string"]},
                  {"name":"tags","type":{"type":"array","items":"string"}}]}
                """,
            payload: WireBytes.long(7) + [0x02] + WireBytes.string("a@b") + [0x02] + WireBytes.string("x") + [0],
            json: #"{"id":7,"email":"a@b","tags":["x"]}"#),
        Case(
            label: "recursive list",
            schema: """
                {"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}
                """,
            payload: [0x02, 0x02, 0x04, 0x00], json: #"{"v":1,"next":{"v":2,"next":null}}"#),
        Case(
            label: "namespace inheritance",
            schema: """
                {"type":"record","name":"Outer","namespace":"a.b","fields":[
                  {"name":"first","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}},
                  {"name":"second","type":"Inner"},{"name":"third","type":"a.b.Inner"},
                  {"name":"kind","type":{"type":"enum","name":"c.Kind","symbols":["A","B"]}},
                  {"name":"again","type":"c.Kind"}]}
                """,
            payload: [0x02, 0x04, 0x06, 0x00, 0x02], json: #"{"first":{"x":1},"second":{"x":2},"third":{"x":3},"kind":"A","again":"B"}"#),
    ]

    static let logicalTypes: [Case] = [
        Case(
            label: "decimal bytes", schema: #"{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}"#,
            payload: WireBytes.bytes([0xCF, 0xC7]), json: #""-123.45""#),
        Case(
            label: "decimal small", schema: #"{"type":"bytes","logicalType":"decimal","precision":9,"scale":4}"#,
            payload: WireBytes.bytes([0x07]), json: #""0.0007""#),
        Case(
            label: "decimal no scale", schema: #"{"type":"bytes","logicalType":"decimal","precision":30}"#,
            payload: WireBytes.bytes([0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
            json: #""4722366482869645213696""#),
        Case(
            label: "decimal fixed", schema: #"{"type":"fixed","name":"Money","size":4,"logicalType":"decimal","precision":8,"scale":2}"#,
            payload: [0xFF, 0xFF, 0xFF, 0xFF], json: #""-0.01""#),
        Case(
            label: "decimal invalid kept as bytes", schema: #"{"type":"bytes","logicalType":"decimal","precision":2,"scale":5}"#,
            payload: WireBytes.bytes([0x07]), json: #""Bw==""#),
        Case(
            label: "uuid string", schema: #"{"type":"string","logicalType":"uuid"}"#,
            payload: WireBytes.string("123e4567-e89b-12d3-a456-426614174000"), json: #""123e4567-e89b-12d3-a456-426614174000""#),
        Case(
            label: "uuid fixed", schema: #"{"type":"fixed","name":"U","size":16,"logicalType":"uuid"}"#,
            payload: [0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00],
            json: #""123e4567-e89b-12d3-a456-426614174000""#),
        Case(label: "date", schema: #"{"type":"int","logicalType":"date"}"#, payload: WireBytes.long(19723), json: #""2024-01-01""#),
        Case(
            label: "date before epoch", schema: #"{"type":"int","logicalType":"date"}"#, payload: WireBytes.long(-1),
            json: #""1969-12-31""#),
        Case(label: "leap day", schema: #"{"type":"int","logicalType":"date"}"#, payload: WireBytes.long(11016), json: #""2000-02-29""#),
        Case(
            label: "time-millis", schema: #"{"type":"int","logicalType":"time-millis"}"#, payload: WireBytes.long(45_296_789),
            json: #""12:34:56.789""#),
        Case(
            label: "time-micros", schema: #"{"type":"long","logicalType":"time-micros"}"#, payload: WireBytes.long(45_296_789_012),
            json: #""12:34:56.789012""#),
        Case(
            label: "time out of range", schema: #"{"type":"int","logicalType":"time-millis"}"#, payload: WireBytes.long(-5),
            json: "-5"),
        Case(
            label: "timestamp-millis", schema: #"{"type":"long","logicalType":"timestamp-millis"}"#,
            payload: WireBytes.long(1_704_067_200_123), json: #""2024-01-01T00:00:00.123Z""#),
        Case(
            label: "timestamp-millis negative", schema: #"{"type":"long","logicalType":"timestamp-millis"}"#,
            payload: WireBytes.long(-1), json: #""1969-12-31T23:59:59.999Z""#),
        Case(
            label: "timestamp-micros", schema: #"{"type":"long","logicalType":"timestamp-micros"}"#,
            payload: WireBytes.long(1_709_210_096_000_001), json: #""2024-02-29T12:34:56.000001Z""#),
        Case(
            label: "timestamp-nanos", schema: #"{"type":"long","logicalType":"timestamp-nanos"}"#,
            payload: WireBytes.long(1_000_000_000_000_000_007), json: #""2001-09-09T01:46:40.000000007Z""#),
        Case(
            label: "local-timestamp-millis", schema: #"{"type":"long","logicalType":"local-timestamp-millis"}"#,
            payload: WireBytes.long(1_704_067_200_123), json: #""2024-01-01T00:00:00.123""#),
        Case(
            label: "local-timestamp-micros", schema: #"{"type":"long","logicalType":"local-timestamp-micros"}"#,
            payload: WireBytes.long(1_000_000), json: #""1970-01-01T00:00:01.000000""#),
        Case(
            label: "timestamp extreme", schema: #"{"type":"long","logicalType":"timestamp-millis"}"#,
            payload: WireBytes.long(Int64.min), json: #""-292275055-05-16T16:47:04.192Z""#),
        Case(
            label: "duration", schema: #"{"type":"fixed","name":"D","size":12,"logicalType":"duration"}"#,
            payload: [1, 0, 0, 0, 2, 0, 0, 0, 0xE8, 0x03, 0, 0], json: #"{"months":1,"days":2,"milliseconds":1000}"#),
        Case(
            label: "unknown logical type ignored", schema: #"{"type":"string","logicalType":"email"}"#,
            payload: WireBytes.string("a"), json: #""a""#),
    ]

    @Test(arguments: primitives + complexTypes + logicalTypes)
    func decodes(_ testCase: Case) throws {
        let result = try decodeAvro(testCase.schema, testCase.payload)
        #expect(result.json == testCase.json)
        #expect(isValidJSON(Array(result.json.utf8)))
    }

    @Test func stringsAreEscapedWhereverTheByteToEscapeFalls() throws {
        // Plain runs are skipped eight bytes at a time, so every position within and across
        // those words must still find the byte that needs escaping or replacing.
        let specials: [(bytes: [UInt8], json: String)] = [
            (Array("\"".utf8), #"\""#), (Array("\\".utf8), #"\\"#), ([0x0A], #"\u000a"#), ([0x01], #"\u0001"#),
            ([0x1F], #"\u001f"#), ([0x7F], "\u{7F}"), (Array("é".utf8), "é"), (Array("€".utf8), "€"), (Array("😀".utf8), "😀"),
            ([0xFF], "\u{FFFD}"), ([0xC3], "\u{FFFD}"),
        ]
        for special in specials {
            for before in 0..<20 {
                for after in [0, 3, 9] {
                    let text =
                        [UInt8](repeating: UInt8(ascii: "a"), count: before) + special.bytes
                        + [UInt8](repeating: UInt8(ascii: "b"), count: after)
                    let result = try decodeAvro(#""string""#, WireBytes.bytes(text))
                    let expected = "\"" + String(repeating: "a", count: before) + special.json + String(repeating: "b", count: after) + "\""
                    #expect(result.json == expected, "\(special.bytes) after \(before) bytes")
                }
            }
        }
    }

    @Test func recordFullNameIsReported() throws {
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"User","namespace":"com.acme","fields":[]}"#)
        #expect(schema.fullName == "com.acme.User")
        var out: [UInt8] = []
        #expect(try AvroDecoder(schema: schema).decode([], into: &out) == "com.acme.User")
        #expect(out == Array("{}".utf8))
    }

    @Test func dottedNameCarriesItsNamespace() throws {
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"x.y.Event","namespace":"ignored","fields":[]}"#)
        #expect(schema.fullName == "x.y.Event")
    }

    @Test func referencesSupplyNamedTypes() throws {
        let address = try AvroSchema(
            parsing: """
                {"type":"record","name":"Address","namespace":"com.acme","fields":[
                  {"name":"city","type":"string"},
                  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["HOME","WORK"]}}]}
                """)
        let user = """
            {"type":"record","name":"User","namespace":"com.acme","fields":[
              {"name":"home","type":"Address"},{"name":"work","type":["null","com.acme.Address"]},
              {"name":"kind","type":"com.acme.Kind"}]}
            """
        let payload = WireBytes.string("Oslo") + [0x00] + [0x02] + WireBytes.string("Bergen") + [0x02] + [0x02]
        let result = try decodeAvro(user, payload, references: [address])
        #expect(result.json == #"{"home":{"city":"Oslo","kind":"HOME"},"work":{"city":"Bergen","kind":"WORK"},"kind":"WORK"}"#)
        #expect(result.name == "com.acme.User")
        #expect(throws: SchemaDecodingError.self) { try AvroSchema(parsing: user) }
    }

    @Test func topLevelUnionReportsTheDecodedRecord() throws {
        let created = try AvroSchema(parsing: #"{"type":"record","name":"Created","namespace":"ev","fields":[{"name":"id","type":"int"}]}"#)
        let deleted = try AvroSchema(parsing: #"{"type":"record","name":"Deleted","namespace":"ev","fields":[]}"#)
        let union = #"["ev.Created","ev.Deleted"]"#
        let first = try decodeAvro(union, [0x00, 0x06], references: [created, deleted])
        #expect(first.json == #"{"id":3}"#)
        #expect(first.name == "ev.Created")
        let second = try decodeAvro(union, [0x02], references: [created, deleted])
        #expect(second.json == "{}")
        #expect(second.name == "ev.Deleted")
    }

    @Test func decodesIntoExistingBufferAndKeepsItOnError() throws {
        let decoder = AvroDecoder(schema: try AvroSchema(parsing: #""string""#))
        var out = Array("prefix:".utf8)
        try decoder.decode(WireBytes.string("ok"), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"prefix:"ok""#)
        #expect(throws: SchemaDecodingError.self) { try decoder.decode([0x08, 0x61], into: &out) }
        #expect(String(decoding: out, as: UTF8.self) == #"prefix:"ok""#)
    }

    @Test func outputLargerThanTheEstimateIsComplete() throws {
        // 200 null fields decode from zero bytes into several kilobytes, past the first room.
        let fields = (0..<200).map { #"{"name":"a_rather_long_field_name_\#($0)","type":"null"}"# }.joined(separator: ",")
        let result = try decodeAvro(#"{"type":"record","name":"Wide","fields":["# + fields + "]}", [])
        #expect(result.json.count > 6000)
        #expect(result.json.hasSuffix(#""a_rather_long_field_name_199":null}"#))
        #expect(isValidJSON(Array(result.json.utf8)))
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        let label: String
        let schema: String
        let payload: [UInt8]
        let reason: String
        var testDescription: String { label }
    }

    static let failures: [Failure] = [
        Failure(
            label: "huge string length", schema: #"["null","string"]"#,
            payload: [0x02] + WireBytes.long(4_294_967_295) + Array(repeating: 0x61, count: 12),
            reason: "avro: string length 4294967295 exceeds remaining 12 bytes at offset 1"),
        Failure(label: "negative length", schema: #""bytes""#, payload: [0x01], reason: "avro: negative bytes length -1 at offset 0"),
        Failure(label: "truncated varint", schema: #""long""#, payload: [0x80], reason: "avro: varint truncated at offset 0"),
        Failure(
            label: "varint overflow", schema: #""long""#, payload: Array(repeating: 0xFF, count: 11),
            reason: "avro: varint overflows 64 bits at offset 0"),
        Failure(
            label: "int out of range", schema: #""int""#, payload: WireBytes.long(1 << 40),
            reason: "avro: int 1099511627776 out of 32-bit range at offset 0"),
        Failure(
            label: "truncated double", schema: #""double""#, payload: [0, 0, 0],
            reason: "avro: 8-byte value truncated (3 bytes left) at offset 0"),
        Failure(label: "bad boolean", schema: #""boolean""#, payload: [2], reason: "avro: boolean byte 2 is neither 0 nor 1 at offset 0"),
        Failure(
            label: "union branch", schema: #"["null","int"]"#, payload: [0x04],
            reason: "avro: union branch 2 outside 0..<2 at offset 0"),
        Failure(
            label: "enum index", schema: #"{"type":"enum","name":"E","symbols":["A"]}"#, payload: [0x01],
            reason: "avro: enum index -1 outside 0..<1 at offset 0"),
        Failure(
            label: "trailing bytes", schema: #""int""#, payload: [0x02, 0x00, 0x00],
            reason: "avro: 2 trailing bytes after the datum at offset 1"),
        Failure(
            label: "huge array count", schema: #"{"type":"array","items":"long"}"#, payload: WireBytes.long(1 << 60),
            reason: "avro: array count 1152921504606846976 exceeds remaining 0 bytes at offset 0"),
        Failure(
            label: "huge map count", schema: #"{"type":"map","values":"null"}"#, payload: WireBytes.long(1_000_000) + [0],
            reason: "avro: map count 1000000 exceeds remaining 1 bytes at offset 0"),
        Failure(
            label: "huge count of nulls", schema: #"{"type":"array","items":"null"}"#, payload: WireBytes.long(Int64.max),
            reason: "avro: array of 9223372036854775807 empty items exceeds the item budget at offset 0"),
        Failure(
            label: "minimum block count", schema: #"{"type":"array","items":"int"}"#, payload: WireBytes.long(Int64.min),
            reason: "avro: invalid block count -9223372036854775808 at offset 0"),
        Failure(
            label: "block size too big", schema: #"{"type":"array","items":"int"}"#, payload: [0x01, 0x7E, 0x02],
            reason: "avro: block size 63 exceeds remaining 1 bytes at offset 1"),
        Failure(
            label: "truncated record", schema: #"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}"#,
            payload: [0x02], reason: "avro: varint truncated at offset 1"),
        Failure(
            label: "decimal too long", schema: #"{"type":"bytes","logicalType":"decimal","precision":9}"#,
            payload: WireBytes.bytes(Array(repeating: 1, count: 200)), reason: "avro: decimal of 200 bytes exceeds 128 at offset 2"),
    ]

    @Test(arguments: failures)
    func reportsReadableErrors(_ failure: Failure) throws {
        #expect(throws: SchemaDecodingError(failure.reason)) { try decodeAvro(failure.schema, failure.payload) }
    }

    @Test func deepRecursionStopsAtTheDepthCap() throws {
        let schema = #"{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}"#
        let shallow = Array(repeating: UInt8(0x02), count: 10) + [0x00]
        #expect(try decodeAvro(schema, shallow).json.hasPrefix(#"{"next":{"next":"#))
        let deep = Array(repeating: UInt8(0x02), count: 100_000) + [0x00]
        #expect(throws: SchemaDecodingError("avro: nesting deeper than 64 at offset 64")) { try decodeAvro(schema, deep) }
    }

    @Test func deeplyNestedArraysStopAtTheDepthCap() throws {
        let schema = #"{"type":"record","name":"T","fields":[{"name":"c","type":{"type":"array","items":"T"}}]}"#
        let deep = Array(repeating: UInt8(0x02), count: 5000) + Array(repeating: UInt8(0), count: 5000)
        #expect(throws: SchemaDecodingError.self) { try decodeAvro(schema, deep) }
    }

    static let badSchemas: [(String, String)] = [
        (#"{"type":"record","name":"R","fields":[{"name":"a","type":"Missing"}]}"#, #"avro schema: unknown type "Missing""#),
        (
            #"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"record","name":"R","fields":[]}}]}"#,
            #"avro schema: type "R" is defined twice"#
        ),
        (#"{"type":"record","name":"R"}"#, #"avro schema: record "R" without a "fields" array"#),
        (#"{"type":"fixed","name":"F","size":-1}"#, #"avro schema: fixed without a valid "size""#),
        (#"{"type":"record","name":"R","fields":[}"#, "schema json: unexpected character '}' at offset 38"),
        (#"{"type":"enum","name":"E","symbols":[1]}"#, "avro schema: enum symbol is number 1"),
        (#"42"#, "avro schema: a type cannot be number 42"),
        ("", "schema json: unexpected end of text at offset 0"),
        (String(repeating: "[", count: 100_000), "schema json: nesting deeper than 256 at offset 256"),
    ]

    @Test(arguments: badSchemas)
    func rejectsBadSchemas(_ text: String, _ reason: String) {
        #expect(throws: SchemaDecodingError(reason)) { try AvroSchema(parsing: text) }
    }
}
