/// Turns untrusted bytes and strings into text that is safe to show in a terminal.
///
/// Everything from the wire (keys, headers, values, principals, topic names, audit lines)
/// passes through here before it reaches a screen: C0/C1 controls, DEL, bidi overrides,
/// zero-width characters and invalid UTF-8 are replaced by visible escapes, so no byte
/// sequence can move the cursor, set the title, write the clipboard or reorder text.
public enum TerminalText {
    /// Escapes a byte sequence for display, decoding UTF-8 and escaping invalid bytes as `\xNN`.
    public static func escape(_ bytes: some Collection<UInt8>, limit: Int = Int.max) -> String {
        let bytes = Array(bytes)
        var out = String.UnicodeScalarView()
        var produced = 0
        var index = 0
        // Decode by hand so an invalid byte becomes `\xNN` instead of U+FFFD.
        while index < bytes.count, produced < limit {
            let length = utf8SequenceLength(bytes[index])
            if length > 0, index + length <= bytes.count,
                let scalar = decodeScalar(bytes[index..<(index + length)])
            {
                produced += appendEscaped(scalar, to: &out)
                index += length
            } else {
                appendHex(bytes[index], to: &out)
                produced += 4
                index += 1
            }
        }
        if index < bytes.count { out.append("…") }
        return String(out)
    }

    /// Escapes a Swift string for display.
    public static func escape(_ text: String, limit: Int = Int.max) -> String {
        if limit == Int.max, isPlainPrintable(text) { return text }
        var out = String.UnicodeScalarView()
        var produced = 0
        for scalar in text.unicodeScalars {
            if produced >= limit {
                out.append("…")
                break
            }
            produced += appendEscaped(scalar, to: &out)
        }
        return String(out)
    }

    /// True when the text needs no escaping (the fast path for the common case).
    public static func isPlainPrintable(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte >= 0x80 {
            if byte >= 0x80 { return text.unicodeScalars.allSatisfy { !needsEscape($0) } }
            return false
        }
        return true
    }

    /// Whether a scalar must be shown as an escape rather than drawn.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F { return true }
        if (0x80...0x9F).contains(v) { return true }  // C1 controls, including 8-bit CSI/OSC
        if (0x200B...0x200F).contains(v) { return true }  // zero-width and directional marks
        if (0x202A...0x202E).contains(v) { return true }  // bidi embeddings and overrides
        if (0x2060...0x2069).contains(v) { return true }  // word joiner, bidi isolates
        if v == 0xFEFF || v == 0x061C || v == 0x00AD { return true }
        if (0xFFF9...0xFFFB).contains(v) { return true }
        if (0xE0000...0xE007F).contains(v) { return true }  // tag characters
        if (0xD800...0xDFFF).contains(v) { return true }
        return false
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) -> Int {
        guard needsEscape(scalar) else {
            out.append(scalar)
            return 1
        }
        let escape: String
        switch scalar.value {
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0x1B: escape = "\\e"
        case 0..<0x100: escape = "\\x" + hex(UInt32(scalar.value), width: 2)
        default: escape = "\\u{" + hex(scalar.value, width: 4) + "}"
        }
        out.append(contentsOf: escape.unicodeScalars)
        return escape.unicodeScalars.count
    }

    private static func appendHex(_ byte: UInt8, to out: inout String.UnicodeScalarView) {
        out.append(contentsOf: ("\\x" + hex(UInt32(byte), width: 2)).unicodeScalars)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func utf8SequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    private static func decodeScalar(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
        guard let text = String(validating: bytes, as: UTF8.self), text.unicodeScalars.count == 1 else { return nil }
        return text.unicodeScalars.first
    }
}
