import Foundation
import Testing

@testable import EventScopeCore

@Suite struct EncryptionDetectorTests {
    /// Deterministic pseudo-random bytes (an LCG), standing in for ciphertext.
    static func randomBytes(_ count: Int, seed: UInt64 = 7) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static func base64(_ bytes: [UInt8], url: Bool = false) -> String {
        let alphabet = Array(
            (url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").utf8
        )
        var out: [UInt8] = []
        var index = 0
        while index + 2 < bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(n >> UInt32(shift) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static let ciphertexts: [String] = [
        base64(randomBytes(30)),  // 40 characters: the shortest AES-GCM output
        base64(randomBytes(96, seed: 3)),
        base64(randomBytes(600, seed: 4)) + "==",
        base64(randomBytes(60, seed: 5), url: true),
        hex(randomBytes(24, seed: 6)),
        hex(randomBytes(64, seed: 8)).uppercased(),
        "vault:v1:" + base64(randomBytes(45, seed: 9)),
        "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ." + base64(randomBytes(30, seed: 10), url: true) + "."
            + base64(randomBytes(12, seed: 11), url: true) + "." + base64(randomBytes(48, seed: 12), url: true) + "."
            + base64(randomBytes(15, seed: 13), url: true),
    ]

    @Test(arguments: ciphertexts)
    func flagsCiphertext(text: String) {
        #expect(EncryptionDetector.looksLikeCiphertext(text))
    }

    @Test(arguments: [
        "550e8400-e29b-41d4-a716-446655440000",  // UUID
        "550e8400e29b41d4a716446655440000",  // UUID without dashes
        "order-789", "ORD-2024-000123456", "TRK123456789",
        "2023-10-27T10:00:00.000Z", "1698400800000",
        "4bf92f3577b34da6a3ce929d0e0e4736",  // trace id
        "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",  // SHA-1
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // traceparent
        "dGVzdA==", "SGVsbG8gV29ybGQh",  // short base64
        "ThisIsAVeryLongCamelCaseIdentifierNameForTesting",
        "ItemAddedToCartItemAddedToCartItemAddedToCart1234",
        "123 Main St, Anytown, 12345, United States of America",
        "alice.example+newsletter@example-mail-provider.com",
        "https://example.com/orders/123456789/items/abcdef",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnopqrstuvwxyz012345",  // JWS, not JWE
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1A",
        "012345678901234567890123456789012345678901234567890123",  // a long number
        "",
    ])
    func leavesPlaintextAlone(text: String) {
        #expect(!EncryptionDetector.looksLikeCiphertext(text))
    }

    @Test func bodies() {
        #expect(EncryptionDetector.looksLikeEncryptedBody(Self.randomBytes(512)))
        #expect(EncryptionDetector.looksLikeEncryptedBody(Array(Self.base64(Self.randomBytes(300)).utf8)))
        #expect(!EncryptionDetector.looksLikeEncryptedBody(Self.randomBytes(64)))  // too short to judge
        #expect(!EncryptionDetector.looksLikeEncryptedBody([0x1F, 0x8B] + Self.randomBytes(512)))  // gzip
        #expect(!EncryptionDetector.looksLikeEncryptedBody(Array(String(repeating: "hello world ", count: 40).utf8)))
        let protobufLike: [UInt8] = (0..<40).flatMap { i in [0x0A, 0x05] + Array("item\(i % 10)".utf8) + [0x10, UInt8(i)] }
        #expect(!EncryptionDetector.looksLikeEncryptedBody(protobufLike))
    }

    @Test(arguments: [
        ("aes256-gcm", true), ("AES128GCM", true), ("true", true), ("encrypted", true), ("jwe", true),
        ("gzip, aes256-cbc", true), ("none", false), ("false", false), ("gzip", false), ("identity", false), ("", false),
        ("plaintext", false),
    ])
    func markers(marker: String, declares: Bool) {
        #expect(EncryptionDetector.declaresEncryption(Array(marker.utf8)) == declares)
    }

    @Test func entropyOfExtremes() {
        #expect(EncryptionDetector.entropy([]) == 0)
        #expect(EncryptionDetector.entropy([UInt8](repeating: 7, count: 100)) == 0)
        #expect(abs(EncryptionDetector.entropy(Array(0...255)) - 8) < 1e-9)
    }
}

@Suite struct EventDecoderEncryptionTests {
    let decoder = EventDecoder()
    let cipher = EncryptionDetectorTests.base64(EncryptionDetectorTests.randomBytes(120))

    @Test func plaintextPayload() {
        let event = decoder.decode(
            decodingRecord(#"{"eventType":"A","id":"550e8400-e29b-41d4-a716-446655440000","payload":{"orderId":"order-789","at":"2023-10-27T10:00:00Z"}}"#))
        #expect(event.encryption == .plaintext)
    }

    @Test func wholePayloadCiphertextString() {
        #expect(decoder.decode(decodingRecord(#"{"eventType":"A","payload":"\#(cipher)"}"#)).encryption == .encrypted)
    }

    @Test func ciphertextWithSmallMetadataIsEncrypted() {
        let json = #"{"eventType":"A","payload":{"keyId":"k1","ciphertext":"\#(cipher)"}}"#
        #expect(decoder.decode(decodingRecord(json)).encryption == .encrypted)
    }

    @Test func someFieldsEncryptedIsPartial() {
        let json =
            #"{"eventType":"OrderItemShipped","payload":{"orderId":"order-789","itemId":"item-def","note":"left at the door, ring twice please, thanks a lot","address":"\#(cipher)"}}"#
        #expect(decoder.decode(decodingRecord(json)).encryption == .partial)
    }

    @Test func signatureOutsideThePayloadDoesNotCount() {
        let json = #"{"eventType":"A","signature":"\#(cipher)","payload":{"orderId":"order-789"}}"#
        #expect(decoder.decode(decodingRecord(json)).encryption == .plaintext)
    }

    @Test func escapedSlashesInBase64AreSeen() {
        let escaped = cipher.replacingOccurrences(of: "/", with: "\\/")
        #expect(escaped != cipher)
        #expect(decoder.decode(decodingRecord(#"{"eventType":"A","payload":{"v":"\#(escaped)"}}"#)).encryption == .encrypted)
    }

    @Test(arguments: [
        (#"{"eventType":"A","encrypted":true,"payload":{"a":1}}"#, [(String, String)]()),
        (#"{"eventType":"A","encryption":"aes256-gcm","payload":{"a":1}}"#, []),
        (#"{"eventType":"A","encryption":{"alg":"A256GCM"},"payload":{"a":1}}"#, []),
        (#"{"eventType":"A","payload":{"a":1}}"#, [("encryption", "aes256-gcm")]),
        (#"{"eventType":"A","payload":{"a":1}}"#, [("Content-Encoding", "aes128gcm")]),
        (#"{"eventType":"A","payload":{"a":1}}"#, [("encrypted", "true")]),
    ])
    func declaredEncryption(json: String, headers: [(String, String)]) {
        #expect(decoder.decode(decodingRecord(json, headers: headers)).encryption == .encrypted)
    }

    @Test func declaredPlaintextMarkersDoNotFlag() {
        let event = decoder.decode(decodingRecord(#"{"eventType":"A","encrypted":false,"payload":{"a":1}}"#, headers: [("content-encoding", "gzip")]))
        #expect(event.encryption == .plaintext)
    }

    @Test func opaqueBodies() {
        let random = EncryptionDetectorTests.randomBytes(400)
        #expect(decoder.decode(Record(topic: "t", value: [1] + random)).encryption == .encrypted)
        #expect(decoder.decode(Record(topic: "t", value: Array(cipher.utf8))).encryption == .encrypted)
        #expect(decoder.decode(decodingRecord("hello, plain world")).encryption == .plaintext)
        #expect(decoder.decode(Record(topic: "t", value: [1, 2, 3, 0xFF])).encryption == .unknown)
        #expect(decoder.decode(Record(topic: "t", headers: [RecordHeader("encryption", "aes256-gcm")], value: [1, 2])).encryption == .encrypted)
    }

    @Test func cloudEventsBinaryJSONDataIsInspected() {
        let headers = [("ce_type", "t"), ("ce_id", "1")]
        #expect(decoder.decode(decodingRecord(#"{"orderId":"order-789"}"#, headers: headers)).encryption == .plaintext)
        #expect(decoder.decode(decodingRecord(#"{"keyId":"k","v":"\#(cipher)"}"#, headers: headers)).encryption == .encrypted)
        #expect(
            decoder.decode(decodingRecord(#"{"orderId":"order-789","street":"Main Street 123, Anytown","v":"\#(cipher)"}"#, headers: headers)).encryption
                == .partial)
    }

    @Test func jsonWithoutPayloadIsInspectedWhole() {
        #expect(decoder.decode(decodingRecord(#"{"eventType":"A","v":"\#(cipher)"}"#)).encryption == .encrypted)
        #expect(decoder.decode(decodingRecord(#"{"eventType":"A","v":"plain"}"#)).encryption == .plaintext)
    }

    @Test func cloudEventsDataBase64IsNotCalledEncrypted() {
        let json = #"{"specversion":"1.0","type":"t","source":"s","id":"1","data_base64":"\#(cipher)"}"#
        let event = decoder.decode(decodingRecord(json))
        #expect(event.format == .cloudEventsStructured)
        #expect(event.encryption == .unknown)
        #expect(event.payloadRange != nil)
    }
}
