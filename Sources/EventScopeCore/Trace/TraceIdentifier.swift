/// A trace, span, event or correlation id held compactly.
///
/// Lowercase hex ids (W3C, B3, Jaeger) and lowercase UUIDs pack into two 64-bit words, so ids
/// are hashed, compared and carried from the decoder to the trace index and the headless output
/// without a heap allocation; anything else keeps its text. The packing is exact: `text` gives
/// back the id as it appeared (leading zeros and the UUID hyphens included).
///
/// `init(wire:)` keeps any id, as a record carried it; `validated` is the index's view, which
/// rejects what cannot identify anything: empty or over-long ids, ids with whitespace or control
/// characters, and all-zero ids (which W3C and B3 define as invalid and Jaeger uses for "no parent").
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

    /// Parses an id for the index, returning nil when it is malformed or all zeros.
    init?(_ text: String?) {
        guard let text, let valid = TraceIdentifier(wire: text).validated else { return nil }
        self = valid
    }

    /// Holds any id exactly as it appeared, packed when it is lowercase hex or a lowercase UUID.
    init(wire text: String) {
        var text = text
        self = text.withUTF8 { Self.packed($0) } ?? .text(text)
    }

    /// Holds the id in these bytes (valid UTF-8 is expected; invalid sequences are repaired in
    /// the text form); allocates only when the id does not pack.
    init(wireBytes bytes: UnsafeBufferPointer<UInt8>) {
        self = Self.packed(bytes) ?? .text(String(decoding: bytes, as: UTF8.self))
    }

    /// The packed form of lowercase hex (at most 32 digits) or a lowercase UUID; nil otherwise.
    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> TraceIdentifier? {
        let count = bytes.count
        if count > 0, count <= 32, let packed = packDigits(bytes, anyCase: false) {
            return .hex(high: packed.high, low: packed.low, shape: UInt8(count))
        }
        if count == 36, isUUIDShape(bytes), let packed = packUUID(bytes) {
            return .hex(high: packed.high, low: packed.low, shape: 32 | uuidFlag)
        }
        return nil
    }

    /// Packs hex digits of any case, left-padded with zeros to `width` digits (the normalised
    /// form of trace headers); nil when a byte is not a hex digit, the count is outside `lengths`
    /// or over `width`, or every digit is zero.
    static func normalizedHex(_ digits: UnsafeBufferPointer<UInt8>, lengths: ClosedRange<Int>, width: Int) -> TraceIdentifier? {
        let count = digits.count
        guard count >= lengths.lowerBound, count <= lengths.upperBound, count <= width, width <= 32,
            let packed = packDigits(digits, anyCase: true), packed.high != 0 || packed.low != 0
        else { return nil }
        return .hex(high: packed.high, low: packed.low, shape: UInt8(width))
    }

    /// The value of eight hex digits of any case (the first in the lowest byte, as a
    /// little-endian load from memory gives them), or nil when one of them is not a hex digit. Branch-free per digit: the byte lanes
    /// are classified with carry-free comparisons, then the nibbles are gathered in three steps.
    @inline(__always)
    private static func hexWord(_ word: UInt64) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        guard word & highs == 0 else { return nil }
        let lowered = word | ones &* 0x20
        // Per lane, the high bit of `(lane | 0x80) - c` is set exactly when lane >= c. Digits are
        // tested on the bytes as they are (`| 0x20` would turn 0x10-0x19 into digits), letters
        // on the lowered bytes, so either case passes.
        @inline(__always) func atLeast(_ lanes: UInt64, _ c: UInt64) -> UInt64 { ((lanes | highs) &- ones &* c) & highs }
        let isDigit = atLeast(word, 0x30) & ~atLeast(word, 0x3A)
        let isLetter = atLeast(lowered, 0x61) & ~atLeast(lowered, 0x67)
        guard isDigit | isLetter == highs else { return nil }
        // Digits keep their low nibble; letters a-f add 9 to theirs (0x61 & 0x0F = 1 -> 10).
        var values = (lowered & 0x0F0F_0F0F_0F0F_0F0F) &+ (isLetter >> 7) &* 9
        // The first digit is the most significant: reverse the lanes, then gather the nibbles.
        values = values.byteSwapped
        values = ((values & 0x0F00_0F00_0F00_0F00) >> 4) | (values & 0x000F_000F_000F_000F)
        values = ((values & 0x00FF_0000_00FF_0000) >> 8) | (values & 0x0000_00FF_0000_00FF)
        values = ((values & 0x0000_FFFF_0000_0000) >> 16) | (values & 0x0000_0000_0000_FFFF)
        return values
    }

    /// The index's view of the id: nil when it is empty, over-long, holds whitespace or control
    /// characters, or is all zeros.
    var validated: TraceIdentifier? {
        switch self {
        case .hex(let high, let low, _):
            return high == 0 && low == 0 ? nil : self
        case .text(let text):
            let utf8 = text.utf8
            guard !utf8.isEmpty, utf8.count <= Self.maxLength else { return nil }
            var allZero = true
            for byte in utf8 {
                if byte <= 0x20 || byte == 0x7F { return nil }
                if byte != 0x30 && byte != 0x2D { allZero = false }
            }
            return allZero ? nil : self
        }
    }

    private static func isUUIDShape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes[8] == 0x2D && bytes[13] == 0x2D && bytes[18] == 0x2D && bytes[23] == 0x2D
    }

    /// The value of a hex digit (lowercase letters only unless `anyCase`), or 0xFF for any other
    /// byte (branch-free, so a whole id is validated with one check at the end). Digits are
    /// tested on the byte as it is: lowering first would turn 0x10-0x19 into digits.
    @inline(__always)
    private static func nibble(_ byte: UInt8, anyCase: Bool) -> UInt8 {
        let digit = byte &- 0x30
        let letter = (anyCase ? byte | 0x20 : byte) &- 0x61
        return digit < 10 ? digit : (letter < 6 ? letter &+ 10 : 0xFF)
    }

    /// Packs hex digits (at most 32; lowercase only unless `anyCase`) right-aligned into 128
    /// bits, eight at a time, then the rest one by one; nil on any other byte.
    private static func packDigits(_ bytes: UnsafeBufferPointer<UInt8>, anyCase: Bool) -> (high: UInt64, low: UInt64)? {
        guard let base = bytes.baseAddress else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            guard let value = anyCase ? hexWord(word) : lowercaseHexWord(word) else { return nil }
            high = (high << 32) | (low >> 32)
            low = (low << 32) | value
            index += 8
        }
        var invalid: UInt8 = 0
        while index < bytes.count {
            let value = nibble(base[index], anyCase: anyCase)
            invalid |= value & 0xF0
            high = (high << 4) | (low >> 60)
            low = (low << 4) | UInt64(value & 0x0F)
            index += 1
        }
        return invalid == 0 ? (high, low) : nil
    }

    /// Packs the 32 hex digits of an 8-4-4-4-12 UUID (hyphens already checked) into 128 bits,
    /// reading them as four words of eight digits: 0-7, 9-12 + 14-17, 19-22 + 24-27, 28-35.
    private static func packUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> (high: UInt64, low: UInt64)? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        func joined(_ first: Int, _ second: Int) -> UInt64 {
            UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: first, as: UInt32.self)))
                | UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: second, as: UInt32.self))) << 32
        }
        guard let a = lowercaseHexWord(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))), let b = lowercaseHexWord(joined(9, 14)),
            let c = lowercaseHexWord(joined(19, 24)), let d = lowercaseHexWord(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 28, as: UInt64.self)))
        else { return nil }
        return (a << 32 | b, c << 32 | d)
    }

    /// `hexWord` for ids kept exactly as written: uppercase digits do not pack (they stay text).
    @inline(__always)
    private static func lowercaseHexWord(_ word: UInt64) -> UInt64? {
        guard word | 0x2020_2020_2020_2020 == word else { return nil }
        return hexWord(word)
    }

    /// The id as it appeared on the wire (after the parser's normalisation, for trace headers).
    var text: String {
        switch self {
        case .text(let text):
            return text
        case .hex(let high, let low, let shape):
            let length = Self.packedLength(shape)
            return String(unsafeUninitializedCapacity: length) { out in
                Self.writeHex(high: high, low: low, shape: shape, to: out.baseAddress!)
                return length
            }
        }
    }

    /// Writes a packed id's text (digits and UUID hyphens, no quotes) at `out`, which has room
    /// for 36 bytes; returns its length.
    static func writePacked(high: UInt64, low: UInt64, shape: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        writeHex(high: high, low: low, shape: shape, to: out)
        return packedLength(shape)
    }

    private static func packedLength(_ shape: UInt8) -> Int {
        shape & uuidFlag != 0 ? 36 : Int(shape)
    }

    /// Writes the digits (and UUID hyphens) of a packed id; `out` has room for `packedLength(shape)` bytes.
    private static func writeHex(high: UInt64, low: UInt64, shape: UInt8, to out: UnsafeMutablePointer<UInt8>) {
        guard shape & uuidFlag == 0 else {
            // 8-4-4-4-12
            writeDigits(of: high >> 32, count: 8, to: out)
            out[8] = 0x2D
            writeDigits(of: high >> 16, count: 4, to: out + 9)
            out[13] = 0x2D
            writeDigits(of: high, count: 4, to: out + 14)
            out[18] = 0x2D
            writeDigits(of: low >> 48, count: 4, to: out + 19)
            out[23] = 0x2D
            writeDigits(of: low, count: 12, to: out + 24)
            return
        }
        let digits = Int(shape)
        let highDigits = max(0, digits - 16)
        if highDigits > 0 { writeDigits(of: high, count: highDigits, to: out) }
        writeDigits(of: low, count: digits - highDigits, to: out + highDigits)
    }

    /// Writes the lowest `count` (≤ 16) hex digits of `value`, most significant first.
    @inline(__always)
    private static func writeDigits(of value: UInt64, count: Int, to out: UnsafeMutablePointer<UInt8>) {
        let low = hexCharacters(UInt32(truncatingIfNeeded: value)).littleEndian
        let raw = UnsafeMutableRawPointer(out)
        if count == 8 {
            raw.storeBytes(of: low, as: UInt64.self)
            return
        }
        let high = hexCharacters(UInt32(truncatingIfNeeded: value >> 32)).littleEndian
        switch count {
        case 16:
            raw.storeBytes(of: high, as: UInt64.self)
            (raw + 8).storeBytes(of: low, as: UInt64.self)
        default:
            // Other widths (UUID groups, short ids): the last `count` of the sixteen characters.
            withUnsafeBytes(of: (high, low)) { characters in
                for k in 0..<count { out[k] = characters[16 - count + k] }
            }
        }
    }

    /// The eight lowercase hex digits of `value` as the bytes of a word, the most significant
    /// digit in the lowest byte (first in memory once stored little-endian). SWAR: the nibbles
    /// are spread one per byte, reversed into reading order, and each gets '0', or 'a' - 10 when
    /// it is 10 or more (adding 6 carries such a nibble into bit 4): eight digits in a dozen
    /// operations, no table.
    @inline(__always)
    private static func hexCharacters(_ value: UInt32) -> UInt64 {
        var x = UInt64(value)
        x = (x & 0xFFFF_0000) << 16 | (x & 0x0000_FFFF)
        x = (x & 0x0000_FF00_0000_FF00) << 8 | (x & 0x0000_00FF_0000_00FF)
        x = (x & 0x00F0_00F0_00F0_00F0) << 4 | (x & 0x000F_000F_000F_000F)
        x = x.byteSwapped
        let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return x &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
    }
}
