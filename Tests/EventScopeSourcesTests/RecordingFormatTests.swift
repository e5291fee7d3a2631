import Foundation
import Testing

@testable import EventScopeCore
@testable import EventScopeSources

/// Compares every field of two records (Record itself is not Equatable).
func sameRecord(_ a: Record, _ b: Record) -> Bool {
    a.topic == b.topic && a.partition == b.partition && a.offset == b.offset && a.timestampMs == b.timestampMs
        && a.key == b.key && a.value == b.value && a.headers == b.headers
}

@Suite("Recording format")
struct RecordingFormatTests {
    static let hostile: [UInt8] = [0xFF, 0xFE, 0x00, 0x1B, UInt8(ascii: "["), UInt8(ascii: "3"), UInt8(ascii: "1"), UInt8(ascii: "m"), 0x0A, 0xC3]

    static let roundTripCases: [Record] = [
        Record(
            topic: "orders", partition: 3, offset: 42, timestampMs: 1_700_000_000_123, key: Array("k1".utf8),
            headers: [RecordHeader("traceparent", "00-abc-def-01")], value: Array("{\"a\":\"é \\\" \\\\ \u{7}\"}".utf8)),
        Record(topic: "bin", partition: 0, offset: 0, timestampMs: nil, key: hostile, headers: [], value: hostile),
        Record(topic: "nulls", partition: 1, offset: 9, timestampMs: 5, key: nil, headers: [RecordHeader(name: "h", value: nil)], value: nil),
        Record(topic: "empty", partition: 1, offset: 10, timestampMs: 6, key: [], headers: [RecordHeader(name: "", value: [])], value: []),
        Record(
            topic: "esc\u{1B}[2Jtopic", partition: 2, offset: Int64.max, timestampMs: -1, key: [0x00],
            headers: [RecordHeader(name: "a\u{0}b", value: hostile), RecordHeader("b", "ok"), RecordHeader(name: "c", value: [0x80])],
            value: Array("line1\nline2\r\t\u{7F}".utf8)),
    ]

    @Test("encode then decode gives the identical record", arguments: roundTripCases)
    func roundTrip(record: Record) throws {
        let line = RecordingEncoder.encode(RecordingLine(record: record))
        #expect(line.last == 0x0A)
        #expect(line.dropLast().allSatisfy { $0 != 0x0A && $0 >= 0x20 && $0 != 0x7F }, "no raw control bytes in a recording line")
        let decoded = try RecordingLineDecoder.decode(Array(line.dropLast())).get()
        #expect(sameRecord(decoded.record, record))
        #expect(decoded.origin == .kafka)
    }

    @Test("non-UTF-8 bytes are base64 with a marker; valid UTF-8 stays readable")
    func base64Marker() {
        let binary = String(decoding: RecordingEncoder.encode(RecordingLine(record: Record(topic: "t", key: [0xFF], value: [0xFE]))), as: UTF8.self)
        #expect(binary.contains("\"key\":\"/w==\""))
        #expect(binary.contains("\"key_encoding\":\"base64\""))
        #expect(binary.contains("\"payload_encoding\":\"base64\""))
        let text = String(decoding: RecordingEncoder.encode(RecordingLine(record: Record(topic: "t", timestampMs: 7, value: Array("hi".utf8)))), as: UTF8.self)
        #expect(text == "{\"topic\":\"t\",\"partition\":0,\"offset\":0,\"tstype\":\"create\",\"ts\":7,\"broker\":-1,\"key\":null,\"payload\":\"hi\"}\n")
    }

    @Test("audit file lines keep their origin")
    func auditOrigin() throws {
        let line = RecordingLine(
            record: Record(topic: "kafka-authorizer.log", partition: -1, offset: 3, timestampMs: 1, value: Array("[x] INFO".utf8)), origin: .auditFile)
        let decoded = try RecordingLineDecoder.decode(Array(RecordingEncoder.encode(line).dropLast())).get()
        #expect(decoded.origin == .auditFile)
        #expect(sameRecord(decoded.record, line.record))
    }

    /// Lines as kcat 1.7.1 -J writes them (captured against the demo broker), including raw
    /// invalid UTF-8 inside a string, which kcat emits unescaped.
    @Test("kcat -J variants decode")
    func kcatVariants() throws {
        let plain =
            #"{"topic":"kt","partition":1,"offset":0,"tstype":"create","ts":1795772619713,"broker":3,"headers":["h1","x","h2",null],"key":"k1","payload":"v1"}"#
        let decoded = try RecordingLineDecoder.decode(Array(plain.utf8)).get().record
        #expect(
            sameRecord(
                decoded,
                Record(
                    topic: "kt", partition: 1, offset: 0, timestampMs: 1_795_772_619_713, key: Array("k1".utf8),
                    headers: [RecordHeader("h1", "x"), RecordHeader(name: "h2", value: nil)], value: Array("v1".utf8))))

        var raw = Array(#"{"topic":"kt","partition":1,"offset":1,"tstype":"create","ts":5,"broker":3,"key":null,"payload":""#.utf8)
        raw += [0xFF, 0xFE] + Array(#"\u0000\u001B[31m"}"#.utf8)
        let binary = try RecordingLineDecoder.decode(raw).get().record
        #expect(binary.value == [0xFF, 0xFE, 0x00, 0x1B, 0x5B, 0x33, 0x31, 0x6D])
        #expect(binary.key == nil)

        let noTimestamp = #"{"topic":"t","partition":0,"offset":2,"broker":-1,"key":"k","payload":null}"#
        let nts = try RecordingLineDecoder.decode(Array(noTimestamp.utf8)).get().record
        #expect(nts.timestampMs == nil && nts.value == nil && nts.headers.isEmpty)

        let logAppend = #"{"topic":"t","partition":0,"offset":2,"tstype":"logappend","ts":99,"broker":1,"key":null,"payload":"p"}"#
        #expect(try RecordingLineDecoder.decode(Array(logAppend.utf8)).get().record.timestampMs == 99)

        let headerMap = #"{"topic":"t","partition":0,"offset":2,"headers":{"a":["1",null],"b":["2"]},"key":null,"payload":"p"}"#
        #expect(
            try RecordingLineDecoder.decode(Array(headerMap.utf8)).get().record.headers
                == [RecordHeader("a", "1"), RecordHeader(name: "a", value: nil), RecordHeader("b", "2")])

        let avro = #"{"topic":"t","partition":0,"offset":2,"key":{"id": 1},"payload":{"kind":"x","n":[1,2]},"value_schema_id":3}"#
        let avroRecord = try RecordingLineDecoder.decode(Array(avro.utf8)).get().record
        #expect(avroRecord.key == Array(#"{"id": 1}"#.utf8))
        #expect(avroRecord.value == Array(#"{"kind":"x","n":[1,2]}"#.utf8))

        let surrogate = #"{"topic":"t","partition":0,"offset":0,"key":null,"payload":"\ud83d\ude00 \u00e9"}"#
        #expect(try RecordingLineDecoder.decode(Array(surrogate.utf8)).get().record.value == Array("😀 é".utf8))
    }

    static let badLines: [(String, RecordingLineError)] = [
        ("", .notAnObject),
        ("[1,2]", .notAnObject),
        ("not json", .notAnObject),
        (#"{"topic":"t"}"#, .missingField("partition")),
        (#"{"partition":0,"offset":0}"#, .missingField("topic")),
        (#"{"topic":"t","partition":0,"offset":1.5}"#, .missingField("offset")),
        (#"{"topic":"t","partition":99999999999,"offset":1}"#, .missingField("partition")),
        (#"{"topic":"t","partition":0,"offset":1,"payload":"%%%","payload_encoding":"base64"}"#, .badBase64("payload")),
        (#"{"topic":"t","partition":0,"offset":1,"headers":["a"]}"#, .malformed("headers array has an odd length")),
        (#"{"topic":"t","partition":0,"offset":1,"headers_base64":[4]}"#, .malformed("headers_base64 names a header that does not exist")),
        (#"{"topic":"t","partition":0,"offset":1} x"#, .malformed("trailing bytes after the object")),
        (#"{"topic":"t","partition":0,"offset":1,"payload":"abc"#, .malformed("line ends inside a string")),
        (#"{"topic":"t","partition":0,"offset":1,"payload":true}"#, .malformed("payload is neither a string, JSON object nor null")),
        (#"{"topic":"t","partition":0,"offset":1,"payload":"\x"}"#, .malformed("bad escape at 49")),
    ]

    @Test("bad lines are reported, never trapped", arguments: badLines)
    func badLine(text: String, expected: RecordingLineError) {
        #expect(throws: expected) { try RecordingLineDecoder.decode(Array(text.utf8)).get() }
    }

    @Test("deep nesting is refused without recursing further")
    func deepNesting() {
        let deep = #"{"topic":"t","partition":0,"offset":1,"payload":"# + String(repeating: "[", count: 100_000)
        #expect(throws: RecordingLineError.tooDeep) { try RecordingLineDecoder.decode(Array(deep.utf8)).get() }
    }

    /// Every prefix of a valid line and thousands of random byte strings: each decodes or
    /// fails cleanly (a trap would end the test process).
    @Test("no byte sequence crashes the decoder")
    func hostileBytes() {
        let valid = RecordingEncoder.encode(RecordingLine(record: Self.roundTripCases[4]))
        var failures = 0
        for length in 0..<valid.count {
            if case .failure = RecordingLineDecoder.decode(Array(valid.prefix(length))) { failures += 1 }
        }
        #expect(failures == valid.count - 1, "only the whole line (without its newline) decodes")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array(#"{}[]",:\u0123456789abcdeftrunl-"#.utf8) + [0x00, 0xFF, 0x0A, 0x1B, 0x20]
        var decoded = 0
        for _ in 0..<3_000 {
            var bytes: [UInt8] = Array(#"{"topic":"#.utf8)
            for _ in 0..<40 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            if case .success = RecordingLineDecoder.decode(bytes) { decoded += 1 }
        }
        #expect(decoded < 3_000)
    }
}
