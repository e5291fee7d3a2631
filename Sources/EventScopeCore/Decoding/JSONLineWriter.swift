/// Appends JSON values as UTF-8 bytes to a reusable buffer, for the headless JSON-lines output.
///
/// Writing bytes directly (no `JSONEncoder`, no intermediate `String`s) keeps the headless path
/// at wire speed. Output is always valid JSON: Swift strings are valid Unicode, and every control
/// character, quote and backslash is escaped (DEL and U+2028/U+2029 too, which some JSON-in-
/// JavaScript and line-based consumers choke on). So is every scalar `TerminalText` escapes
/// (C1 controls, bidi and zero-width formatting, tag characters): operators read these lines
/// in terminals too, and the JSON string stays the same.
public enum JSONLineWriter {
    /// Appends a JSON string literal with its quotes.
    public static func appendString(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let count = bytes.count
            while i < count {
                // Eight plain bytes at a time: most names and ids need no escaping at all.
                if i + 8 <= count, !mayNeedEscape(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = bytes[i]
                var escape: StaticString?
                var width = 1
                var scalarValue = UInt32(b)
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20, 0x7F: escape = nil
                case 0xC2, 0xD8, 0xE2, 0xEF, 0xF3:
                    // Lead bytes of the only non-ASCII scalars a terminal acts on (C1 controls,
                    // bidi and zero-width formatting, tag characters): decode and check.
                    let (scalar, length) = scalarAt(bytes, i)
                    guard TerminalText.needsEscape(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029 else {
                        i += length
                        continue
                    }
                    width = length
                    scalarValue = scalar.value
                default:
                    i += 1
                    continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                if let escape {
                    buffer.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                } else {
                    appendUnicodeEscape(scalarValue, to: &buffer)
                }
                i += width
                runStart = i
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Whether any of these eight bytes is a control character, `"`, `\\`, DEL or non-ASCII
    /// (the only bytes the escaper looks at more closely): the scanner's string-end flags, plus
    /// the bytes from 0x7F up (adding one per lane carries 0x7F into the high bit).
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        return JSONFieldScanner.endOrEscapeFlags(word) != 0 || ((word &+ ones) | word) & highs != 0
    }

    /// Appends a string, or `null` when absent.
    /// Appends a JSON string literal to text being built as a `String` (lines of rarer kinds,
    /// error messages), escaped exactly as in the byte buffers.
    public static func appendString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        appendString(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    public static func appendOptionalString(_ text: String?, to buffer: inout [UInt8]) {
        if let text { appendString(text, to: &buffer) } else { appendNull(to: &buffer) }
    }

    public static func appendNull(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    /// Appends an integer in decimal without going through `String`.
    public static func appendInt(_ value: Int64, to buffer: inout [UInt8]) {
        JSONScratch.with { scratch in
            scratch.int(value)
            scratch.flush(to: &buffer)
        }
    }

    /// Appends epoch milliseconds as an RFC 3339 UTC string (`"2024-05-01T12:00:00.123Z"`), the same
    /// text as `Timestamp.format(ms:)` but written straight into the buffer.
    public static func appendTimestamp(ms: Int64, to buffer: inout [UInt8]) {
        JSONScratch.with { scratch in
            scratch.timestamp(ms: ms)
            scratch.flush(to: &buffer)
        }
    }

    /// `\uXXXX`, as a surrogate pair above the BMP.
    private static func appendUnicodeEscape(_ scalar: UInt32, to buffer: inout [UInt8]) {
        guard scalar <= 0xFFFF else {
            appendUnicodeEscape(0xD800 + ((scalar - 0x10000) >> 10), to: &buffer)
            appendUnicodeEscape(0xDC00 + ((scalar - 0x10000) & 0x3FF), to: &buffer)
            return
        }
        let hex: StaticString = "0123456789abcdef"
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            buffer.append(hex.utf8Start[Int(scalar >> UInt32(shift) & 0xF)])
        }
    }

    /// The scalar starting at `i` of valid UTF-8 (a Swift string's), and its length in bytes.
    private static func scalarAt(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[i])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard i + length <= bytes.count else { return (Unicode.Scalar(UInt8(0xFF)), 1) }
        var value = lead & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? Unicode.Scalar(UInt8(0xFF)), length)
    }
}
