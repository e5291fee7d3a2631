/// Appends JSON text for decoded values into a caller-owned byte buffer.
///
/// Decoders write straight into one `[UInt8]` instead of building Strings per field, so a
/// decode costs a handful of appends. Strings are always escaped and repaired here, which is
/// what guarantees the output is valid JSON whatever bytes arrive: control characters become
/// `\u00XX`, and invalid UTF-8 (overlong forms, surrogates, truncated sequences) is replaced by
/// U+FFFD, because JSON strings cannot carry raw bytes and an operator reading a mangled name
/// is better served by a visible replacement mark than by a decode error.
enum JSONTextWriter {
    private static let hexDigits: StaticString = "0123456789abcdef"
    private static let base64Alphabet: StaticString =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    @inline(__always)
    static func append(_ text: StaticString, to out: inout JSONOutput) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `bytes` as a quoted JSON string.
    static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout JSONOutput) {
        out.append(UInt8(ascii: "\""))
        appendStringContent(bytes, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped content of a JSON string without quotes.
    static func appendStringContent(_ bytes: UnsafeRawBufferPointer, to out: inout JSONOutput) {
        let count = bytes.count
        var i = 0
        var runStart = 0
        while i < count {
            if count - i >= 8, !needsEscapeCheck(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let b = bytes[i]
            if b >= 0x20 && b < 0x80 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            if runStart < i { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<i])) }
            if b < 0x80 {
                appendEscapedASCII(b, to: &out)
                i += 1
            } else {
                let length = validUTF8SequenceLength(bytes, at: i)
                if length > 0 {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + length)]))
                    i += length
                } else {
                    append("\u{FFFD}", to: &out)
                    i += 1
                }
            }
            runStart = i
        }
        if runStart < count { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<count])) }
    }

    /// Whether any of eight bytes is not plain ASCII to copy as it is: a control byte, a quote,
    /// a backslash or a non-ASCII byte. Names and ids are nearly all plain, and testing a word
    /// at a time takes a fraction of testing each byte.
    @inline(__always)
    private static func needsEscapeCheck(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        // A byte below 0x20, or a zero byte in `quotes` or `backslashes`, sets its high bit here.
        let below = (word &- ones &* 0x20) & ~word
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        return (word | below | quote | backslash) & highs != 0
    }

    /// Appends Swift text as a quoted, escaped JSON string (used for schema-derived names).
    static func appendString(_ text: String, to out: inout JSONOutput) {
        var copy = text
        copy.withUTF8 { appendString(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// Appends a quoted, escaped name to a compiled schema's text pool.
    static func appendString(_ text: String, toPool pool: inout [UInt8]) {
        try? JSONOutput.write(into: &pool, estimate: text.utf8.count * 6 + 2) { (out) throws(SchemaDecodingError) in
            appendString(text, to: &out)
        }
    }

    private static func appendEscapedASCII(_ b: UInt8, to out: inout JSONOutput) {
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            out.append(UInt8(ascii: "\\"))
            out.append(b)
            return
        }
        append("\\u00", to: &out)
        out.append(hexDigit(Int(b >> 4)))
        out.append(hexDigit(Int(b & 0x0F)))
    }

    @inline(__always)
    static func hexDigit(_ value: Int) -> UInt8 {
        hexDigits.utf8Start[value & 0x0F]
    }

    /// The length of the well-formed UTF-8 sequence starting at `i`, or 0 when it is not one.
    private static func validUTF8SequenceLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        let lead = bytes[i]
        let remaining = bytes.count - i
        func continuation(_ k: Int) -> Bool { bytes[i + k] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return remaining >= 2 && continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard remaining >= 3, continuation(1), continuation(2) else { return 0 }
            let second = bytes[i + 1]
            if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
            if lead == 0xED && second > 0x9F { return 0 }  // UTF-16 surrogate
            return 3
        case 0xF0...0xF4:
            guard remaining >= 4, continuation(1), continuation(2), continuation(3) else { return 0 }
            let second = bytes[i + 1]
            if lead == 0xF0 && second < 0x90 { return 0 }  // overlong
            if lead == 0xF4 && second > 0x8F { return 0 }  // above U+10FFFF
            return 4
        default:
            return 0
        }
    }

    static func appendInt(_ value: Int64, to out: inout JSONOutput) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendUInt(value.magnitude, to: &out)
        } else {
            appendUInt(UInt64(value), to: &out)
        }
    }

    static func appendUInt(_ value: UInt64, to out: inout JSONOutput) {
        if value < 10 {
            out.append(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = 24
            while rest > 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "0") &+ UInt8(rest % 10)
                rest /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position..<24]))
        }
    }

    /// Appends `value` zero-padded to `width` digits (for dates and times).
    static func appendPadded(_ value: Int64, width: Int, to out: inout JSONOutput) {
        if value < 0 {
            appendInt(value, to: &out)
            return
        }
        var divisor: Int64 = 1
        for _ in 1..<max(width, 1) { divisor *= 10 }
        while divisor > 1 && value < divisor {
            out.append(UInt8(ascii: "0"))
            divisor /= 10
        }
        appendUInt(UInt64(value), to: &out)
    }

    /// Appends a double; NaN and infinities become strings (see `appendNonFinite`).
    static func appendDouble(_ value: Double, to out: inout JSONOutput) {
        if appendNonFinite(value, to: &out) || appendShortDecimal(value, to: &out) { return }
        out.append(contentsOf: value.description)
    }

    /// Appends a float using its shortest round-tripping form, not the widened double's digits.
    static func appendFloat(_ value: Float, to out: inout JSONOutput) {
        if appendNonFinite(value, to: &out) || appendShortDecimal(value, to: &out) { return }
        out.append(contentsOf: value.description)
    }

    /// NaN and infinities, which JSON numbers cannot express, as the strings "NaN", "Infinity"
    /// and "-Infinity"; false, appending nothing, for a finite value.
    private static func appendNonFinite<Value: FloatingPoint>(_ value: Value, to out: inout JSONOutput) -> Bool {
        guard !value.isFinite else { return false }
        append(value.isNaN ? "\"NaN\"" : value < 0 ? "\"-Infinity\"" : "\"Infinity\"", to: &out)
        return true
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// Writes values with at most nine decimals (prices, coordinates, ratios) without the
    /// general shortest-digits algorithm, which costs far more than the rest of a field.
    ///
    /// `m / 10^k` is exact when both are exactly representable, so if dividing gives back the
    /// value, the digits of `m` with `k` decimals read back as the same number; trying `k` from
    /// 0 upwards finds the shortest such form. Anything else takes the general path.
    private static func appendShortDecimal<Value: BinaryFloatingPoint>(_ value: Value, to out: inout JSONOutput) -> Bool {
        if value == 0 {
            if value.sign == .minus { out.append(UInt8(ascii: "-")) }
            out.append(UInt8(ascii: "0"))
            return true
        }
        let magnitude = value.magnitude
        let exactLimit: Value = Value.significandBitCount >= 52 ? 9_007_199_254_740_992 : 16_777_216
        guard magnitude < exactLimit else { return false }
        for decimals in 0..<(Value.significandBitCount >= 52 ? 10 : 7) {
            let scale = Value(powersOfTen[decimals])
            let scaled = (magnitude * scale).rounded()
            guard scaled < exactLimit else { return false }
            guard scaled / scale == magnitude else { continue }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            let digits = UInt64(scaled)
            guard decimals > 0 else {
                appendUInt(digits, to: &out)
                return true
            }
            let divisor = UInt64(powersOfTen[decimals])
            appendUInt(digits / divisor, to: &out)
            out.append(UInt8(ascii: "."))
            appendPadded(Int64(digits % divisor), width: decimals, to: &out)
            return true
        }
        return false
    }

    /// Appends `bytes` as a quoted standard base64 string with padding.
    static func appendBase64(_ bytes: UnsafeRawBufferPointer, to out: inout JSONOutput) {
        let alphabet = base64Alphabet.utf8Start
        out.append(UInt8(ascii: "\""))
        var i = 0
        let count = bytes.count
        while i + 3 <= count {
            let chunk = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            out.append(alphabet[Int(chunk >> 6 & 63)])
            out.append(alphabet[Int(chunk & 63)])
            i += 3
        }
        let rest = count - i
        if rest == 1 {
            let chunk = UInt32(bytes[i]) << 16
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            append("==", to: &out)
        } else if rest == 2 {
            let chunk = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            out.append(alphabet[Int(chunk >> 6 & 63)])
            out.append(UInt8(ascii: "="))
        }
        out.append(UInt8(ascii: "\""))
    }
}
