/// A name's place in A-to-Z order as two plain words, computed once when an entity is created.
///
/// Names are ordered by their UTF-8 bytes, which is Unicode code point order (and for ASCII the
/// order `String` comparison gives). `String`'s own `<` is not a strict weak order when names mix
/// normalisation forms: "e\u{301}285" is neither before nor after "é285a", yet equals "é285",
/// which comes before it; a selection (unlike one fixed sort) then ranks such names differently
/// from one window to the next. Byte order is total, and distinct names of one table (told apart
/// by `String` equality) never have the same bytes.
///
/// List screens order up to 10,000 entities by name (at least on ties) on every frame. Reading
/// each name's bytes meant a cache miss per entity for names too long to be stored inline; the
/// first sixteen bytes, packed big-endian and zero-padded, decide whenever they differ, and only
/// names that agree on them need their full text compared.
public struct NameOrderKey: Sendable, Equatable, BitwiseCopyable {
    /// Bytes 0-7 and 8-15 of the name, big-endian, zero past its end.
    public let high: UInt64
    public let low: UInt64
    /// At most sixteen bytes and without NUL: the words are the whole name, so equal words
    /// between two such names mean equal names.
    public let isWhole: Bool

    public init(_ name: String) {
        var name = name
        (high, low, isWhole) = name.withUTF8 { bytes in
            (Self.pack(bytes, from: 0), Self.pack(bytes, from: 8), bytes.count <= 16 && !bytes.contains(0))
        }
    }

    /// Whether this name comes before `other`'s, or nil when the keys cannot tell and the
    /// names must be compared with `NameOrderKey.precedes(_:_:)`.
    @inlinable
    public func precedes(_ other: NameOrderKey) -> Bool? {
        if high != other.high { return high < other.high }
        if low != other.low { return low < other.low }
        return isWhole && other.isWhole ? false : nil
    }

    /// Whether name `a` comes before name `b` in this order (byte by byte; a prefix first).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        var packed: UInt64 = 0
        for position in start..<(start + 8) {
            packed = packed << 8 | UInt64(position < bytes.count ? bytes[position] : 0)
        }
        return packed
    }
}
