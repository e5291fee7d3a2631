/// Decodes the content of JSON strings located by `JSONFieldScanner`.
///
/// Escapes are decoded only when the scanner saw a backslash, so the common case is one
/// UTF-8 validation and copy. Invalid UTF-8 and lone surrogates become U+FFFD instead of
/// trapping; control characters such as ESC are kept (escaping for display is `TerminalText`'s job).
enum JSONString {
    /// Extracted strings longer than this are cut (at a byte boundary, repaired to U+FFFD), so a
    /// hostile producer cannot make the monitor hold megabyte-long event types or ids.
    static let maxExtractedBytes = 1024

    /// The string's text, decoding escapes when present and capping its length.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ span: JSONFieldScanner.Span) -> String {
        let end = min(span.end, span.start + (span.escaped ? maxExtractedBytes * 6 : maxExtractedBytes))
        let raw = UnsafeBufferPointer(rebasing: bytes[span.start..<end])
        guard span.escaped else { return String(decoding: raw, as: UTF8.self) }
        let decoded = unescape(raw)
        return String(decoding: decoded.prefix(maxExtractedBytes), as: UTF8.self)
    }

    /// Decodes JSON escapes into UTF-8 bytes; an escape cut off at the end is dropped.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        let count = raw.count
        while i < count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < count else { break }
            let code = raw[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(raw, i) else { return out }
                i += 4
                var scalar = unit
                if (0xD800...0xDBFF).contains(unit), i + 5 < count, raw[i] == UInt8(ascii: "\\"),
                    raw[i + 1] == UInt8(ascii: "u"), let low = hex4(raw, i + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
            default: out.append(code)  // `"`, `\`, `/` stand for themselves
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32? {
        guard start + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            guard let digit = hexValue(raw[start + k]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6))
            out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18))
            out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
