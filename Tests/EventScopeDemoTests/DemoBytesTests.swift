import Foundation
import Testing

@testable import EventScopeCore
@testable import EventScopeDemo

@Suite struct DemoBytesTests {
    @Test(arguments: ["plain", "quote \" and \\ backslash", "tab\tnew\nline\r", "bell\u{07}esc\u{1B}del\u{7F}", "CN=a,O=b <&'>", "ünïcødé ✓"])
    func escapedStringsRoundTripThroughJSONSerialization(text: String) throws {
        for htmlSafe in [false, true] {
            var w = DemoBytes()
            w.string(text, htmlSafe: htmlSafe)
            let parsed = try JSONSerialization.jsonObject(with: Data(w.bytes), options: [.fragmentsAllowed])
            #expect(parsed as? String == text)
            #expect(!w.bytes.contains { $0 < 32 || $0 == 127 })
        }
    }

    @Test func htmlSafeEscapesEqualsSignsLikeConfluent() {
        var w = DemoBytes()
        w.string("kafka=abc", htmlSafe: true)
        #expect(String(decoding: w.bytes, as: UTF8.self) == "\"kafka\\u003dabc\"")
    }

    @Test(arguments: [Int64(0), 1_714_564_800_123, 951_782_400_000, 4_102_444_799_999, -1])
    func timesMatchTheCoreTimestampFormatAndParser(ms: Int64) {
        var rfc = DemoBytes()
        rfc.rfc3339(ms: ms)
        #expect(String(decoding: rfc.bytes, as: UTF8.self) == Timestamp.format(ms: ms))
        #expect(Timestamp.parseMs(rfc.bytes) == ms)
        var log = DemoBytes()
        log.logDate(ms: ms)
        #expect(Timestamp.parseMs(log.bytes) == ms)
        #expect(log.bytes[10] == 32 && log.bytes[19] == 44)
    }

    @Test func integersHexAndUUIDs() {
        var w = DemoBytes()
        w.int(0)
        w.raw(" ")
        w.int(-42)
        w.raw(" ")
        w.int(Int64.max)
        w.raw(" ")
        w.padded(7, width: 3)
        w.raw(" ")
        w.hex(0xABC, digits: 4)
        #expect(String(decoding: w.bytes, as: UTF8.self) == "0 -42 9223372036854775807 007 0abc")
        var id = DemoBytes()
        id.uuid(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210)
        let text = String(decoding: id.bytes, as: UTF8.self)
        #expect(text == "01234567-89ab-4def-bedc-ba9876543210")
        #expect(UUID(uuidString: text) != nil)
    }

    @Test(arguments: [1, 2, 3, 15, 36, 72])
    func base64NoiseDecodesToTheRequestedLength(count: Int) {
        var random = DemoRandom(seed: 9)
        var w = DemoBytes()
        w.base64Noise(count: count, random: &random)
        #expect(Data(base64Encoded: Data(w.bytes))?.count == count)
    }

    @Test func luhnCardNumbersPassTheChecksum() {
        var random = DemoRandom(seed: 5)
        for _ in 0..<50 {
            let card = DemoPayload.luhnCardNumber(random: &random)
            #expect(card.count == 16 && card.first == "4")
            #expect(DemoWorldTests.passesLuhn(card))
            #expect(!DemoWorldTests.passesLuhn(String(card.dropLast()) + String((card.last!.wholeNumberValue! + 1) % 10)))
        }
    }

    @Test func randomIsSeededAndSpreads() {
        var a = DemoRandom(seed: 1)
        var b = DemoRandom(seed: 1)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(Set(first).count == 100)
        var c = DemoRandom(seed: 2)
        let rolls = (0..<10_000).map { _ in c.int(1...6) }
        #expect(rolls.allSatisfy { (1...6).contains($0) })
        for face in Int64(1)...6 { #expect((1_400...1_950).contains(rolls.filter { $0 == face }.count)) }
    }
}
