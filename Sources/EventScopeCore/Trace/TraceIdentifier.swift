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
        guard let result = parsed ?? Array(text.utf8).withUnsafeBufferPointer({ Self.parse($0, text: text) }) else { return nil }
        self = result
    }

    /// Not generic over the collection: this runs for several ids of every traced event.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> TraceIdentifier? {
        let count = bytes.count
        guard count > 0, count <= maxLength else { return nil }
        if count <= 32, let packed = packHex(bytes) {
            return packed.high == 0 && packed.low == 0 ? nil : .hex(high: packed.high, low: packed.low, shape: UInt8(count))
        }
        if count == 36, isUUIDShape(bytes), let packed = packUUID(bytes) {
            return packed.high == 0 && packed.low == 0 ? nil : .hex(high: packed.high, low: packed.low, shape: 32 | uuidFlag)
        }
        var allZero = true
        for byte in bytes {
            if byte <= 0x20 || byte == 0x7F { return nil }
            if byte != 0x30 && byte != 0x2D { allZero = false }
        }
        return allZero ? nil : .text(text)
    }

    private static func isUUIDShape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes[8] == 0x2D && bytes[13] == 0x2D && bytes[18] == 0x2D && bytes[23] == 0x2D
    }

    /// The value of a lowercase hex digit, or 0xFF for any other byte (branch-free, so a whole
    /// id is validated with one check at the end).
    @inline(__always)
    private static func nibble(_ byte: UInt8) -> UInt8 {
        let digit = byte &- 0x30
        let letter = byte &- 0x61
        return digit < 10 ? digit : (letter < 6 ? letter &+ 10 : 0xFF)
    }

    /// Packs lowercase hex digits right-aligned into 128 bits; nil on any other byte.
    private static func packHex(_ bytes: UnsafeBufferPointer<UInt8>) -> (high: UInt64, low: UInt64)? {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var invalid: UInt8 = 0
        for byte in bytes {
            let value = nibble(byte)
            invalid |= value & 0xF0
            high = (high << 4) | (low >> 60)
            low = (low << 4) | UInt64(value & 0x0F)
        }
        return invalid == 0 ? (high, low) : nil
    }

    /// Packs the 32 hex digits of an 8-4-4-4-12 UUID (hyphens already checked) into 128 bits.
    private static func packUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> (high: UInt64, low: UInt64)? {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var invalid: UInt8 = 0
        for index in 0..<36 where index != 8 && index != 13 && index != 18 && index != 23 {
            let value = nibble(bytes[index])
            invalid |= value & 0xF0
            high = (high << 4) | (low >> 60)
            low = (low << 4) | UInt64(value & 0x0F)
        }
        return invalid == 0 ? (high, low) : nil
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
