import Testing

@testable import EventScopeCore

@Suite struct PIIDetectorTests {
    @Test(arguments: [
        ("mail me at jane.doe+shop@example.co.uk please", PIIDetector.Kind.email, "jane.doe+shop@example.co.uk"),
        ("card 4111 1111 1111 1111 ok", .cardNumber, "4111 1111 1111 1111"),
        ("4111-1111-1111-1111", .cardNumber, "4111-1111-1111-1111"),
        ("5500005555555559", .cardNumber, "5500005555555559"),
        ("378282246310005", .cardNumber, "378282246310005"),
        ("call +1 415 555 0134", .phone, "+1 415 555 0134"),
        ("+14155550134", .phone, "+14155550134"),
        ("+44 20 7946 0958", .phone, "+44 20 7946 0958"),
        ("tel (415) 555-0134.", .phone, "(415) 555-0134"),
        ("415-555-0134", .phone, "415-555-0134"),
        ("415.555.0134", .phone, "415.555.0134"),
    ])
    func finds(text: String, kind: PIIDetector.Kind, expected: String) {
        let found = PIIDetector.matches(in: text)
        #expect(found.map(\.kind) == [kind])
        #expect(found.first.map { PayloadPaths.substring(text, $0.range) } == expected)
        var copy = text
        #expect(copy.withUTF8 { PIIDetector.mightContain($0) })
    }

    @Test(arguments: [
        "4111 1111 1111 1112",  // fails Luhn
        "1714564800000",  // epoch ms (issuer digit 1)
        "1714564800000123",  // epoch µs
        "order-4111111111111111",  // glued to an id
        "4111111111111111abc",  // glued to letters
        "0000000000000000",  // no issuer, all one digit
        "3.14159265358979323",  // a decimal
        "2024-05-01T12:00:00.123Z",  // RFC 3339
        "5f0c9a8e-1d2b-4c3d-9e8f-123456789012",  // UUID
        "4bf92f3577b34da6a3ce929d0e0e4736",  // trace id
        "cart-123456 user-99999 item-1a2b res-00ab12cd34",
        "4155550134",  // bare digits: an id, not a phone
        "10.20.1.11",  // IP address
        "1.2.3-4",  // version
        "a+12345678901",  // glued plus
        "user@localhost",  // no dot in domain
        "@example.com",  // no local part
    ])
    func ignores(text: String) {
        #expect(PIIDetector.matches(in: text).isEmpty)
    }

    @Test func luhn() {
        #expect(PIIDetector.luhnValid([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(!PIIDetector.luhnValid([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]))
    }
}
