/// Decodes one backslash escape of a JSON string into UTF-8.
///
/// Every JSON reader here (the field scanner, the strict parser, the recording reader) calls
/// this one decoder so they agree on what an escape means; each decides for itself what to do
/// with an escape that is wrong, since a policy file must be exact while a record from the
/// wire must still be shown.
public enum JSONEscape {
    /// What one escape decoded to.
    public enum Outcome: Equatable, Sendable {
        /// Decoded and appended; reading goes on at `next`.
        case decoded(next: Int)
        /// A `\u` escape naming half a surrogate pair with no other half: U+FFFD was appended,
        /// reading goes on at `next`. Strict readers refuse it.
        case loneSurrogate(next: Int)
        /// A backslash before a byte that is not an escape (`\x`): nothing was appended.
        case unknownEscape(UInt8)
        /// `\u` not followed by four hex digits: nothing was appended.
        case badUnicodeEscape
        /// The input ends inside the escape: nothing was appended.
        case truncated
    }

    /// Decodes the escape whose backslash is at `backslash` and appends its UTF-8 to `out`.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, backslash: Int, into out: inout [UInt8]) -> Outcome {
        guard backslash + 1 < bytes.count else { return .truncated }
        let code = bytes[backslash + 1]
        let next = backslash + 2
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            guard next + 4 <= bytes.count else { return .truncated }
            guard let unit = hex4(bytes, next) else { return .badUnicodeEscape }
            var end = next + 4
            var scalarValue = unit
            if (0xD800...0xDBFF).contains(unit), end + 6 <= bytes.count, bytes[end] == UInt8(ascii: "\\"),
                bytes[end + 1] == UInt8(ascii: "u"), let low = hex4(bytes, end + 2), (0xDC00...0xDFFF).contains(low)
            {
                scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                end += 6
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                appendUTF8(0xFFFD, to: &out)
                return .loneSurrogate(next: end)
            }
            appendUTF8(scalar.value, to: &out)
            return .decoded(next: end)
        default:
            return .unknownEscape(code)
        }
        return .decoded(next: next)
    }

    /// The value of one hex digit, either case.
    public static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32? {
        var value: UInt32 = 0
        for k in 0..<4 {
            guard let digit = hexValue(bytes[start + k]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
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
