import EventScopeSchema

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

    /// Decodes JSON escapes into UTF-8 bytes, leniently: a backslash before a byte that is not
    /// an escape keeps that byte, and an escape cut off or malformed ends the text there.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            guard raw[i] == UInt8(ascii: "\\") else {
                out.append(raw[i])
                i += 1
                continue
            }
            switch JSONEscape.decode(raw, backslash: i, into: &out) {
            case .decoded(let next), .loneSurrogate(let next): i = next
            case .unknownEscape(let code):
                out.append(code)
                i += 2
            case .badUnicodeEscape, .truncated: return out
            }
        }
        return out
    }
}
