/// A trace, span, event or correlation id held compactly for the trace index.
///
/// Lowercase hex ids (W3C, B3, Jaeger) and lowercase UUIDs pack into two 64-bit words, so the
/// index hashes and compares them without touching the heap and a retained node costs no string
/// allocation; anything else keeps its text. Parsing rejects what cannot identify anything: empty
/// or over-long ids, ids with whitespace or control characters, and all-zero ids (which W3C and
/// B3 define as invalid and Jaeger uses for "no parent").
enum TraceIdentifier: Hashable, Sendable {
    /// `shape` is the number of hex digits (1...32), plus `uuidFlag` for the 8-4-4-4-12 form.
    case hex(high: UInt64, low: UInt64, shape: UInt8)
    case text(String)

    /// Longest id the index accepts; longer ones are treated as malformed so wire data cannot
    /// make the index hold arbitrarily large strings.
    static let maxLength = 128
    static let uuidFlag: UInt8 = 0x80

    /// Hashes packed ids as one word: the hasher's cost is per word fed, and hash-table lookups
    /// of chain keys are on the ingest path.
    func hash(into hasher: inout Hasher) {
        switch self {
        case .hex(let high, let low, let shape):
            hasher.combine(high &* 0x9E37_79B9_7F4A_7C15 ^ low ^ UInt64(shape) << 56)
        case .text(let text):
            hasher.combine(text)
        }
    }

    /// Parses an id, returning nil when it is malformed or all zeros.
    init?(_ text: String?) {
        guard let text else { return nil }
        let parsed = text.utf8.withContiguousStorageIfAvailable { Self.parse($0, text: text) }
        guard let result = parsed ?? Self.parse(Array(text.utf8), text: text) else { return nil }
        self = result
    }

    private static func parse<C: RandomAccessCollection<UInt8>>(_ bytes: C, text: String) -> TraceIdentifier?
    where C.Index == Int {
        let count = bytes.count
        guard count > 0, count <= maxLength else { return nil }
        if count <= 32, let packed = packHex(bytes, skippingHyphens: false) {
            return packed.high == 0 && packed.low == 0 ? nil : .hex(high: packed.high, low: packed.low, shape: UInt8(count))
        }
        if count == 36, isUUIDShape(bytes), let packed = packHex(bytes, skippingHyphens: true) {
            return packed.high == 0 && packed.low == 0 ? nil : .hex(high: packed.high, low: packed.low, shape: 32 | uuidFlag)
        }
        var allZero = true
        for byte in bytes {
            if byte <= 0x20 || byte == 0x7F { return nil }
            if byte != 0x30 && byte != 0x2D { allZero = false }
        }
        return allZero ? nil : .text(text)
    }

    private static func isUUIDShape<C: RandomAccessCollection<UInt8>>(_ bytes: C) -> Bool where C.Index == Int {
        let start = bytes.startIndex
        return bytes[start + 8] == 0x2D && bytes[start + 13] == 0x2D && bytes[start + 18] == 0x2D
            && bytes[start + 23] == 0x2D
    }

    /// Packs lowercase hex digits right-aligned into 128 bits; nil on any other byte.
    private static func packHex<C: RandomAccessCollection<UInt8>>(_ bytes: C, skippingHyphens: Bool) -> (high: UInt64, low: UInt64)? {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for byte in bytes {
            let nibble: UInt64
            switch byte {
            case 0x30...0x39: nibble = UInt64(byte &- 0x30)
            case 0x61...0x66: nibble = UInt64(byte &- 0x57)
            case 0x2D where skippingHyphens: continue
            default: return nil
            }
            high = (high << 4) | (low >> 60)
            low = (low << 4) | nibble
        }
        return (high, low)
    }

    /// The id as it appeared on the wire.
    var text: String {
        switch self {
        case .text(let text):
            return text
        case .hex(let high, let low, let shape):
            let digits = Int(shape & ~Self.uuidFlag)
            let isUUID = shape & Self.uuidFlag != 0
            let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
            var out = [UInt8]()
            out.reserveCapacity(36)
            for position in stride(from: digits - 1, through: 0, by: -1) {
                let word = position >= 16 ? high : low
                let shift = UInt64((position % 16) * 4)
                out.append(hexDigits[Int((word >> shift) & 0xF)])
                if isUUID, [24, 20, 16, 12].contains(position) { out.append(0x2D) }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
