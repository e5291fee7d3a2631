import Foundation
import Testing

@testable import EventScopeCore

@Suite struct EventJSONLineTests {
    func parse(_ line: String) throws -> [String: Any] {
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func encodesEveryFieldInOrder() throws {
        let event = Event(
            topic: "orders", partition: 2, offset: 9_000_000_000, timeMs: 1_714_564_800_123, type: "ItemAddedToCart",
            id: "e-1", source: "order-service", format: .cloudEventsBinary,
            trace: TraceContext(traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", parentSpanId: "05e3ac9a4f6e3b90"),
            encryption: .partial, bytes: 250)
        let line = EventJSONLine.line(event)
        #expect(
            line
                == #"{"kind":"event","topic":"orders","partition":2,"offset":9000000000,"time":"2024-05-01T12:00:00.123Z","type":"ItemAddedToCart","id":"e-1","declaredSource":"order-service","format":"cloudevents-binary","schemaId":null,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","parentSpanId":"05e3ac9a4f6e3b90","encryption":"partially-encrypted","bytes":250}"#
                + "\n")
        _ = try parse(line)
    }

    @Test func unknownFieldsAreNull() throws {
        let event = Event(topic: "t", partition: 0, offset: -1, timeMs: nil, type: nil, id: nil, source: nil, format: .opaque, bytes: 0)
        let object = try parse(EventJSONLine.line(event))
        for key in ["time", "type", "id", "declaredSource", "traceId", "spanId", "parentSpanId"] {
            #expect(object[key] is NSNull, "\(key)")
        }
        // Without an audit stream nothing is known about who wrote it, and the line says nothing.
        #expect(object["authenticatedProducers"] == nil)
        #expect(object["producerCheck"] == nil)
        #expect(object["offset"] as? Int == -1)
        #expect(object["format"] as? String == "opaque")
        #expect(object["encryption"] as? String == "unknown")
    }

    @Test(arguments: [
        "plain", "quote \" backslash \\ slash /", "\u{1B}]0;title\u{07}", "\u{0}\u{1}\u{1F}\u{7F}", "line\nbreak\r\ttab",
        "\u{2028}\u{2029}", "bidi \u{202E}evil", "emoji 😀 é", "\u{FFFD}", "",
        "c1 \u{9B}31m \u{85}", "zero\u{200B}width\u{FEFF}", "tag \u{E0041}\u{E007F}", "soft\u{AD}hyphen \u{61C}\u{2066}x\u{2069}",
    ])
    func hostileStringsRoundTrip(text: String) throws {
        let event = Event(
            topic: text, partition: Int32.min, offset: Int64.min, timeMs: 0, type: text, id: text, source: text, format: .envelope, bytes: Int.max)
        let object = try parse(EventJSONLine.line(event))
        #expect(object["topic"] as? String == text)
        #expect(object["type"] as? String == text)
        #expect(object["partition"] as? Int == Int(Int32.min))
        #expect((object["offset"] as? NSNumber)?.int64Value == Int64.min)
        #expect(object["time"] as? String == "1970-01-01T00:00:00.000Z")
    }

    @Test(
        "scalars a terminal acts on are written as \\u escapes; other text stays as it is",
        arguments: [
            ("\u{9B}", "\\u009b"), ("\u{202E}", "\\u202e"), ("\u{200B}", "\\u200b"), ("\u{FEFF}", "\\ufeff"),
            ("\u{AD}", "\\u00ad"), ("\u{61C}", "\\u061c"), ("\u{2066}", "\\u2066"), ("\u{FFF9}", "\\ufff9"),
            ("\u{E0041}", "\\udb40\\udc41"), ("é中😀\u{A0}\u{2010}\u{2030}\u{FFFD}", "é中😀\u{A0}\u{2010}\u{2030}\u{FFFD}"),
        ])
    func terminalDangerousScalarsAreEscaped(text: String, written: String) {
        var buffer: [UInt8] = []
        JSONLineWriter.appendString(text, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "\"" + written + "\"")
    }

    @Test func decodedHostileFieldsStayValidJSON() throws {
        var bytes = Array(#"{"eventType":"\u001b[2J\u0000","source":"x"#.utf8) + [0xFF, 0xFE] + Array(#"","id":"\ud800"}"#.utf8)
        let event = EventDecoder().decode(Record(topic: "t\u{1B}", value: bytes))
        #expect(event.format == .envelope)
        let object = try parse(EventJSONLine.line(event))
        #expect(object["type"] as? String == "\u{1B}[2J\u{0}")
        #expect(object["declaredSource"] as? String == "x\u{FFFD}\u{FFFD}")
        #expect(object["id"] as? String == "\u{FFFD}")
        bytes.removeAll()
    }

    @Test func timestampsMatchTimestampFormat() {
        // Record timestamps come from the wire: the extremes of Int64 must not trap either.
        for ms: Int64 in [
            0, -1, -86_400_001, 951_782_400_000, 1_714_564_800_123, 4_102_444_799_999, 253_402_300_799_999,
            Int64.min, Int64.min + 1, Int64.min + 86_399_999, Int64.max,
        ] {
            var buffer: [UInt8] = []
            JSONLineWriter.appendTimestamp(ms: ms, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == "\"" + Timestamp.format(ms: ms) + "\"", "\(ms)")
        }
    }

    @Test func yearsOutsideRFC3339StayReadable() {
        for (ms, expected): (Int64, String) in [
            (253_402_300_800_000, "10000-01-01T00:00:00.000Z"), (-62_198_755_200_000, "-1-01-01T00:00:00.000Z"),
            (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
        ] {
            var buffer: [UInt8] = []
            JSONLineWriter.appendTimestamp(ms: ms, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == "\"" + expected + "\"", "\(ms)")
        }
        var buffer: [UInt8] = []
        for value: Int64 in [0, 7, -7, 1_000_000, Int64.max, Int64.min] {
            JSONLineWriter.appendInt(value, to: &buffer)
            buffer.append(0x20)
        }
        #expect(String(decoding: buffer, as: UTF8.self) == "0 7 -7 1000000 9223372036854775807 -9223372036854775808 ")
    }

    /// The escaper skips eight plain bytes at a time; a character needing care is caught at any offset.
    @Test func escapesAtEveryOffsetOfAWord() throws {
        for special in ["\"", "\\", "\n", "\u{7F}", "\u{1B}", "\u{0}", "é", "\u{202E}", "\u{85}", "\u{2028}", "😀"] {
            for offset in 0..<17 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 9)
                var buffer: [UInt8] = []
                JSONLineWriter.appendString(text, to: &buffer)
                let decoded = try JSONSerialization.jsonObject(with: Data(buffer), options: .fragmentsAllowed) as? String
                #expect(decoded == text, "\(offset) \(special.unicodeScalars.map(\.value))")
                #expect(!buffer.contains { $0 < 0x20 || $0 == 0x7F }, "raw control byte at \(offset)")
                let unsafeScalars: Set<UInt32> = [0x85, 0x202E, 0x2028]
                #expect(!String(decoding: buffer, as: UTF8.self).unicodeScalars.contains { unsafeScalars.contains($0.value) })
            }
        }
    }

    /// The longest line without strings: every fixed part at its widest lands in one scratch run.
    @Test func widestFixedPartsFitAndParse() throws {
        let uuid = "123e4567-e89b-12d3-a456-426614174000"
        var event = Event(
            topic: "t", partition: Int32.min, offset: Int64.min, timeMs: Int64.max / 2, type: nil, id: nil, source: nil,
            format: .cloudEventsStructured, encryption: .partial, bytes: Int.max)
        event.trace = TraceContext(traceId: uuid, spanId: uuid, parentSpanId: uuid)
        let line = EventJSONLine.line(event)
        let object = try parse(line)
        #expect(object["traceId"] as? String == uuid && object["parentSpanId"] as? String == uuid)
        #expect(object["format"] as? String == "cloudevents-structured" && object["encryption"] as? String == "partially-encrypted")
        #expect(object["type"] is NSNull && object["declaredSource"] is NSNull)
        #expect((object["time"] as? String)?.hasPrefix("\"") == false)
        // With an audit stream and nobody seen writing, the identity parts stay in the same run.
        let withIdentity = try parse(
            EventJSONLine.line(event, identity: ProducerIdentity(declaredSource: nil, claimedPrincipal: nil, authenticatedProducers: [])))
        #expect((withIdentity["authenticatedProducers"] as? [String]) == [])
        #expect(withIdentity["producerCheck"] as? String == "unknown")
    }

    /// Declared and authenticated are two fields, never merged: the line says which principals
    /// were allowed to write the topic and whether one of them stands for the declared source.
    @Test(arguments: [
        (["User:orders-svc"], "matches"), (["User:rogue"], "disagrees"), ([String](), "unknown"),
        (["User:CN=orders-svc,O=Shop", "User:rogue"], "matches"),
    ])
    func identityCarriesDeclaredAndAuthenticatedApart(producers: [String], check: String) throws {
        let event = Event(topic: "orders", partition: 0, offset: 1, timeMs: 5, type: "A", id: nil, source: "orders-svc", format: .envelope, bytes: 3)
        let identity = ProducerIdentity(declaredSource: "orders-svc", claimedPrincipal: "User:orders-svc", authenticatedProducers: producers)
        let object = try parse(EventJSONLine.line(event, identity: identity))
        #expect(object["declaredSource"] as? String == "orders-svc")
        #expect(object["authenticatedProducers"] as? [String] == producers)
        #expect(object["producerCheck"] as? String == check)
        #expect(object["source"] == nil)
    }

    @Test func hostileAuthenticatedProducersStayValidJSON() throws {
        let hostile = "User:\u{1B}]0;x\u{07}\"\u{202E}"
        let event = Event(topic: "t", partition: 0, offset: 1, timeMs: nil, type: nil, id: nil, source: nil, format: .opaque, bytes: 0)
        let identity = ProducerIdentity(declaredSource: nil, claimedPrincipal: nil, authenticatedProducers: [hostile, "User:b"])
        let object = try parse(EventJSONLine.line(event, identity: identity))
        #expect(object["authenticatedProducers"] as? [String] == [hostile, "User:b"])
        #expect(object["producerCheck"] as? String == "unknown")
    }

    @Test func appendsToAReusedBuffer() {
        let event = Event(topic: "t", partition: 0, offset: 1, timeMs: nil, type: "A", id: nil, source: nil, format: .header, bytes: 3)
        var buffer: [UInt8] = Array("prefix\n".utf8)
        EventJSONLine.append(event, to: &buffer)
        EventJSONLine.append(event, to: &buffer)
        let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == lines[2])
    }
}
