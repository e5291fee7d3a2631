import EventScopeCore
import EventScopeSchema

/// Builds JSON and text records directly as UTF-8 bytes.
///
/// The simulator must produce ~100,000 events/s for soak runs; Foundation's JSON encoder and
/// date formatters cost microseconds per call, so fragments are appended as raw bytes and only
/// strings that could contain special characters go through `string(_:)`.
struct DemoBytes {
    var bytes: [UInt8]

    init(capacity: Int = 320) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends text verbatim (callers pass literals that are already valid JSON fragments).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends text verbatim.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends a quoted JSON string, escaping quotes, backslashes and control characters.
    ///
    /// - Parameter htmlSafe: also escape `=`, `<`, `>`, `&` and `'` as `\u00XX`, as the
    ///   Gson serialiser behind Confluent's audit `data` does; decoders must unescape them.
    mutating func string(_ text: String, htmlSafe: Bool = false) {
        bytes.append(34)
        escaped(text, htmlSafe: htmlSafe)
        bytes.append(34)
    }

    /// Appends the inside of a JSON string (no quotes), escaped as `string(_:htmlSafe:)` does.
    mutating func escaped(_ text: String, htmlSafe: Bool = false) {
        for byte in text.utf8 {
            switch byte {
            case 34:
                bytes.append(92)
                bytes.append(34)
            case 92:
                bytes.append(92)
                bytes.append(92)
            case 10:
                bytes.append(92)
                bytes.append(110)
            case 13:
                bytes.append(92)
                bytes.append(114)
            case 9:
                bytes.append(92)
                bytes.append(116)
            case 0..<32, 127: unicodeEscape(byte)
            case 61, 60, 62, 38, 39: if htmlSafe { unicodeEscape(byte) } else { bytes.append(byte) }
            default: bytes.append(byte)
            }
        }
    }

    private mutating func unicodeEscape(_ byte: UInt8) {
        raw("\\u00")
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 15)])
    }

    mutating func int(_ value: Int64) {
        if value < 0 {
            bytes.append(45)
            int(value == Int64.min ? Int64.max : -value)
            return
        }
        if value >= 10 { int(value / 10) }
        bytes.append(48 + UInt8(value % 10))
    }

    /// Appends `value` zero-padded to `width` decimal digits.
    mutating func padded(_ value: Int64, width: Int) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(48 + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends the low `digits` hex digits of `value`, lower case.
    mutating func hex(_ value: UInt64, digits: Int = 16) {
        var shift = (digits - 1) * 4
        while shift >= 0 {
            bytes.append(Self.hexDigits[Int((value >> UInt64(shift)) & 15)])
            shift -= 4
        }
    }

    /// Appends a random-looking UUID (version 4 layout) built from two 64-bit values.
    mutating func uuid(_ high: UInt64, _ low: UInt64) {
        hex(high >> 32, digits: 8)
        bytes.append(45)
        hex(high >> 16, digits: 4)
        bytes.append(45)
        hex(0x4000 | (high & 0x0FFF), digits: 4)
        bytes.append(45)
        hex(0x8000 | (low >> 48 & 0x3FFF), digits: 4)
        bytes.append(45)
        hex(low, digits: 12)
    }

    /// Appends standard base64 of `count` pseudo-random bytes: the demo's stand-in ciphertext.
    mutating func base64Noise(count: Int, random: inout DemoRandom) {
        var remaining = count
        while remaining > 0 {
            let word = random.next()
            let take = min(3, remaining)
            let chunk = UInt32(truncatingIfNeeded: word & 0xFF_FFFF)
            bytes.append(Self.base64Digits[Int(chunk >> 18 & 63)])
            bytes.append(Self.base64Digits[Int(chunk >> 12 & 63)])
            bytes.append(take > 1 ? Self.base64Digits[Int(chunk >> 6 & 63)] : 61)
            bytes.append(take > 2 ? Self.base64Digits[Int(chunk & 63)] : 61)
            remaining -= take
        }
    }

    /// Appends RFC 3339 UTC with milliseconds: `2024-05-01T12:00:00.123Z`.
    mutating func rfc3339(ms: Int64) {
        dateTime(ms: ms, dateTimeSeparator: 84, fractionSeparator: 46)
        bytes.append(90)
    }

    /// Appends the log4j layout date: `2024-05-01 12:00:00,123`.
    mutating func logDate(ms: Int64) {
        dateTime(ms: ms, dateTimeSeparator: 32, fractionSeparator: 44)
    }

    private mutating func dateTime(ms: Int64, dateTimeSeparator: UInt8, fractionSeparator: UInt8) {
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let msOfDay = ms - days * 86_400_000
        let (year, month, day) = Self.civil(fromDays: days)
        padded(year, width: 4)
        bytes.append(45)
        padded(month, width: 2)
        bytes.append(45)
        padded(day, width: 2)
        bytes.append(dateTimeSeparator)
        padded(msOfDay / 3_600_000, width: 2)
        bytes.append(58)
        padded(msOfDay / 60_000 % 60, width: 2)
        bytes.append(58)
        padded(msOfDay / 1000 % 60, width: 2)
        bytes.append(fractionSeparator)
        padded(msOfDay % 1000, width: 3)
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let (year, month, day) = CivilDate.date(days: days)
        return (Int64(year), Int64(month), Int64(day))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let base64Digits: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
}
