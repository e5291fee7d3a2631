/// Finds likely personal data in plaintext: e-mail addresses, card numbers that pass the Luhn
/// check, and phone numbers.
///
/// Tuned against what events are full of: order ids (`order-1234567`), SKUs, epoch
/// timestamps, RFC 3339 times, UUIDs and hex trace ids must not match. So a card number needs
/// 13–19 digits (single spaces or dashes between groups), an issuer prefix 2–6 (epoch
/// milliseconds start with 1), a passing Luhn checksum and clean boundaries (not glued to
/// letters, `-`, `_` or `.` as identifiers and decimals are). A phone number is `+` and 8–15
/// digits, or a North-American `(415) 555-0134` / `415-555-0134` / `415.555.0134` /
/// `415 555 0134` grouping — never a bare run of digits, which is far more often an id.
/// Work is linear in the text.
public enum PIIDetector {
    public enum Kind: String, Sendable, CaseIterable {
        case email = "e-mail address"
        case cardNumber = "card number"
        case phone = "phone number"
    }

    /// One detection: its kind and UTF-8 byte range in the scanned text.
    public struct Match: Sendable, Equatable {
        public var kind: Kind
        public var range: Range<Int>
    }

    /// Every non-overlapping detection in `text`, in order.
    public static func matches(in text: String) -> [Match] {
        var text = text
        return text.withUTF8 { matches(in: $0) }
    }

    /// Byte form of `matches(in:)`.
    public static func matches(in text: UnsafeBufferPointer<UInt8>) -> [Match] {
        var found: [Match] = []
        var index = 0
        while index < text.count {
            if let match = match(at: index, in: text) {
                found.append(match)
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// A cheap test that rules most text out before `matches`: true when there is an `@`, a
    /// `+` before a digit, or a run of at least 10 digits with short separators between them.
    public static func mightContain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var separatorsInRow = 0
        // An index loop rather than `enumerated()`, which an unoptimised build runs through
        // generic metadata lookups per byte (seconds for a 10 MB payload).
        for index in 0..<text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "@") { return true }
            if isDigit(byte) {
                digits += 1
                if digits >= 10 { return true }
                separatorsInRow = 0
            } else if isPhoneSeparator(byte), separatorsInRow < 2 {
                // `(415) 555-0134` has two separators in a row; more than that ends the run.
                separatorsInRow += 1
            } else {
                if byte == UInt8(ascii: "+"), index + 1 < text.count, isDigit(text[index + 1]) { return true }
                digits = 0
                separatorsInRow = 0
            }
        }
        return false
    }

    private static func match(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> Match? {
        let byte = text[index]
        if byte == UInt8(ascii: "@") { return nil }
        if isLocalPart(byte), index == 0 || !isLocalPart(text[index - 1]), let end = emailEnd(from: index, in: text) {
            return Match(kind: .email, range: index..<end)
        }
        guard index == 0 || !isGlued(text[index - 1]) else { return nil }
        if byte == UInt8(ascii: "+"), let end = internationalPhoneEnd(from: index, in: text) {
            return Match(kind: .phone, range: index..<end)
        }
        if byte == UInt8(ascii: "("), let end = northAmericanPhoneEnd(from: index, in: text) {
            return Match(kind: .phone, range: index..<end)
        }
        guard isDigit(byte) else { return nil }
        if let end = cardNumberEnd(from: index, in: text) { return Match(kind: .cardNumber, range: index..<end) }
        if let end = northAmericanPhoneEnd(from: index, in: text) { return Match(kind: .phone, range: index..<end) }
        return nil
    }

    // MARK: E-mail

    /// `local@domain.tld` starting at `start` (the first local-part byte).
    private static func emailEnd(from start: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var at = start
        while at < text.count, isLocalPart(text[at]) { at += 1 }
        guard at > start, at < text.count, text[at] == UInt8(ascii: "@"), text[start] != UInt8(ascii: ".") else { return nil }
        var cursor = at + 1
        var labels = 0
        var lastLabelStart = cursor
        var lastLabelLetters = true
        while true {
            let labelStart = cursor
            var lettersOnly = true
            while cursor < text.count, isDomain(text[cursor]) {
                if !isLetter(text[cursor]) { lettersOnly = false }
                cursor += 1
            }
            guard cursor > labelStart else { break }
            labels += 1
            lastLabelStart = labelStart
            lastLabelLetters = lettersOnly
            guard cursor + 1 < text.count, text[cursor] == UInt8(ascii: "."), isDomain(text[cursor + 1]) else { break }
            cursor += 1
        }
        guard labels >= 2, lastLabelLetters, cursor - lastLabelStart >= 2 else { return nil }
        return cursor
    }

    // MARK: Card numbers

    private static func cardNumberEnd(from start: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var digits: [UInt8] = []
        var cursor = start
        var end = start
        while cursor < text.count, digits.count <= 19 {
            let byte = text[cursor]
            if isDigit(byte) {
                digits.append(byte - UInt8(ascii: "0"))
                cursor += 1
                end = cursor
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-"), cursor + 1 < text.count, isDigit(text[cursor + 1]) {
                cursor += 1
            } else {
                break
            }
        }
        guard (13...19).contains(digits.count), isBoundaryAfter(end, in: text) else { return nil }
        guard let first = digits.first, (2...6).contains(first), digits.count > 13 || first == 4 else { return nil }
        guard digits.contains(where: { $0 != first }), luhnValid(digits) else { return nil }
        return end
    }

    /// The Luhn checksum (ISO/IEC 7812): double every second digit from the right.
    public static func luhnValid(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    // MARK: Phone numbers

    private static func internationalPhoneEnd(from start: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var cursor = start + 1
        var digits = 0
        var end = cursor
        var previousWasSeparator = true
        while cursor < text.count {
            let byte = text[cursor]
            if isDigit(byte) {
                digits += 1
                cursor += 1
                end = cursor
                previousWasSeparator = false
            } else if isPhoneSeparator(byte), !previousWasSeparator || byte == UInt8(ascii: "("), digits > 0 {
                previousWasSeparator = true
                cursor += 1
            } else {
                break
            }
        }
        guard (8...15).contains(digits), isBoundaryAfter(end, in: text) else { return nil }
        return end
    }

    /// `(ddd) ddd-dddd`, `ddd-ddd-dddd`, `ddd.ddd.dddd` or `ddd ddd dddd` exactly.
    private static func northAmericanPhoneEnd(from start: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var cursor = start
        func digits(_ count: Int) -> Bool {
            for _ in 0..<count {
                guard cursor < text.count, isDigit(text[cursor]) else { return false }
                cursor += 1
            }
            return true
        }
        func expect(_ byte: UInt8) -> Bool {
            guard cursor < text.count, text[cursor] == byte else { return false }
            cursor += 1
            return true
        }
        let separator: UInt8
        if text[start] == UInt8(ascii: "(") {
            cursor += 1
            guard digits(3), expect(UInt8(ascii: ")")) else { return nil }
            if cursor < text.count, text[cursor] == UInt8(ascii: " ") { cursor += 1 }
            separator = UInt8(ascii: "-")
            guard digits(3), cursor < text.count, text[cursor] == separator || text[cursor] == UInt8(ascii: " ") else { return nil }
            cursor += 1
        } else {
            guard digits(3), cursor < text.count else { return nil }
            separator = text[cursor]
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: " ") else { return nil }
            cursor += 1
            guard digits(3), expect(separator) else { return nil }
        }
        guard digits(4), isBoundaryAfter(cursor, in: text) else { return nil }
        return cursor
    }

    // MARK: Bytes

    /// Whether the text may end at `index`: not followed by a word byte, nor by `-`/`.`/`_`
    /// that continues an identifier or a decimal.
    private static func isBoundaryAfter(_ index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index < text.count else { return true }
        let next = text[index]
        if isDigit(next) || isLetter(next) || next == UInt8(ascii: "_") { return false }
        if next == UInt8(ascii: "-") || next == UInt8(ascii: ".") {
            return index + 1 >= text.count || !(isDigit(text[index + 1]) || isLetter(text[index + 1]))
        }
        return true
    }

    /// A byte before a number that makes it part of an identifier, a decimal or an expression.
    private static func isGlued(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isLocalPart(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "%")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private static func isDomain(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "-") }

    private static func isPhoneSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "(")
            || byte == UInt8(ascii: ")")
    }
}
