import Foundation
import Testing

@testable import EventScopeCore

/// Bytes an attacker or a broken producer can send; the decoder must never crash, hang or trap.
@Suite struct DecodingHostileInputTests {
    let decoder = EventDecoder()
    static let valid =
        #"{"eventType":"ItemAddedToCart","id":"e\u00e9-1","timestamp":"2023-10-27T10:00:00Z","correlationId":"c","payload":{"list":[1,-2.5e3,true,false,null,{"k":"v\"}"}],"s":"x"}}"#

    @Test func everyTruncationOfAValidEventIsNotAnEnvelope() {
        let bytes = Array(Self.valid.utf8)
        #expect(decoder.decode(Record(topic: "t", value: bytes)).format == .envelope)
        for cut in 0..<bytes.count {
            let event = decoder.decode(Record(topic: "t", value: Array(bytes[0..<cut])))
            #expect(event.format == .opaque, "cut at \(cut)")
            #expect(event.bytes == cut)
            #expect(event.payloadRange == nil)
        }
    }

    @Test func everyTruncationWithATypeHeaderFallsBackToTheHeader() {
        let bytes = Array(Self.valid.utf8)
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            let record = Record(topic: "t", headers: [RecordHeader("eventType", "FromHeader")], value: Array(bytes[0..<cut]))
            #expect(decoder.decode(record).type == "FromHeader")
        }
    }

    @Test(arguments: [10_000, 300, 257])
    func deepNestingIsRefusedWithoutRecursion(depth: Int) {
        let json = #"{"eventType":"A","payload":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(decoder.decode(decodingRecord(json)).format == .opaque)
    }

    @Test func moderateNestingIsAccepted() {
        let json = #"{"eventType":"A","payload":"# + String(repeating: #"{"a":["#, count: 100) + String(repeating: "]}", count: 100) + "}"
        let event = decoder.decode(decodingRecord(json))
        #expect(event.format == .envelope)
        #expect(event.type == "A")
    }

    @Test func deepUnclosedNestingIsOpaque() {
        let json = #"{"eventType":"A","payload":"# + String(repeating: "{\"a\":", count: 50_000)
        #expect(decoder.decode(decodingRecord(json)).format == .opaque)
    }

    @Test(arguments: ["[}", "{]", "[[]}", #"{"a":[}]"#])
    func mismatchedBracketsInsideThePayloadAreInvalid(inner: String) {
        #expect(decoder.decode(decodingRecord(#"{"eventType":"A","payload":"# + inner + "}")).format == .opaque)
    }

    @Test(arguments: [
        #"{"eventType":"A",}"#, #"{"eventType":"A" "id":"b"}"#, #"{"eventType":"A"}x"#, #"{"eventType":tru}"#,
        #"{"eventType":"A","b":-}"#, #"{eventType:"A"}"#, #"{"eventType":"A\q"}"#, #"{"eventType":"\u12"}"#,
        #"{"eventType":"A"}}"#, #"{"eventType":'A'}"#, "{\"eventType\":\"A\tB\"}",
    ])
    func invalidJSONIsNotAnEnvelope(json: String) {
        #expect(decoder.decode(decodingRecord(json)).format == .opaque)
    }

    @Test func hugeStringIsCappedAndDoesNotHang() {
        let huge = String(repeating: "x", count: 1 << 20)
        let event = decoder.decode(decodingRecord(#"{"eventType":""# + huge + #"","payload":{"s":""# + huge + #""}}"#))
        #expect(event.format == .envelope)
        #expect(event.type?.utf8.count == JSONString.maxExtractedBytes)
        #expect(event.encryption == .plaintext)
    }

    @Test func hugeRandomCiphertextIsMeasuredOnASample() {
        let cipher = EncryptionDetectorTests.base64(EncryptionDetectorTests.randomBytes(900_000))
        let event = decoder.decode(decodingRecord(#"{"eventType":"A","payload":""# + cipher + #""}"#))
        #expect(event.encryption == .encrypted)
    }

    @Test func invalidUTF8InFieldsIsReplacedNotTrapped() {
        var bytes = Array(#"{"eventType":"A"#.utf8)
        bytes += [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF4, 0x90]
        bytes += Array(#"B","source":"s\#u{0}x"}"#.utf8).filter { $0 != 0 }
        let event = decoder.decode(Record(topic: "t", value: bytes))
        #expect(event.format == .envelope)
        let type = try! #require(event.type)
        #expect(type.hasPrefix("A") && type.hasSuffix("B"))
        #expect(type.contains("\u{FFFD}"))
    }

    @Test func rawNULInAStringIsInvalidButEscapedNULIsKept() {
        let raw: [UInt8] = Array(#"{"eventType":"A"#.utf8) + [0] + Array(#""}"#.utf8)
        #expect(decoder.decode(Record(topic: "t", value: raw)).format == .opaque)
        #expect(decoder.decode(decodingRecord(#"{"eventType":"A\u0000B"}"#)).type == "A\u{0}B")
    }

    @Test func nulBytesBeforeAndAroundBodies() {
        #expect(decoder.decode(Record(topic: "t", value: [0, 0, 0])).format == .opaque)
        #expect(decoder.decode(Record(topic: "t", value: [0x7B, 0, 0x7D])).format == .opaque)
    }

    @Test func hostileHeadersDoNotBreakDecoding() {
        let headers = [
            RecordHeader(name: "", value: nil), RecordHeader(name: String(repeating: "h", count: 10_000), value: [0xFF]),
            RecordHeader(name: "ce_type", value: [0xFF, 0xFE, 0x1B]), RecordHeader(name: "b3", value: Array(repeating: 0x2D, count: 100_000)),
            RecordHeader(name: "content-type", value: []),
        ]
        let event = decoder.decode(Record(topic: "t", headers: headers, value: [0x01, 0x02]))
        #expect(event.format == .cloudEventsBinary)
        #expect(event.type == "\u{FFFD}\u{FFFD}\u{1B}")
        #expect(event.trace.traceId == nil)
    }

    @Test func randomBytesNeverCrash() {
        var state: UInt64 = 42
        for length in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Bias towards JSON punctuation so the scanner gets deep into the input.
                let pick = Int(state >> 58)
                let alphabet: [UInt8] = Array(#"{}[]":,\"tfnu0123456789-eE.aZ "#.utf8) + [0, 0xFF, 0xC3, 0x1B]
                bytes.append(alphabet[pick % alphabet.count])
            }
            let event = decoder.decode(Record(topic: "t", value: [0x7B] + bytes))
            #expect(event.bytes == length + 1)
            var line: [UInt8] = []
            EventJSONLine.append(event, to: &line)
            #expect((try? JSONSerialization.jsonObject(with: Data(line))) != nil)
        }
    }
}
