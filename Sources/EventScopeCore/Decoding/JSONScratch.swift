import EventScopeSchema

/// A small stack buffer that the JSON-lines writers fill with the fixed parts of a line
/// (literals, numbers, timestamps, packed ids) and append to the output in one piece.
///
/// Appending each piece to the output array separately checked its uniqueness and capacity and
/// copied a few bytes every time, a dozen times per event line; written here, the pieces between
/// two escaped strings cost one append. Callers keep every run of writes between flushes under
/// `capacity` bytes: a whole event line without its strings is under 400 (ids are at most 38
/// bytes with quotes, numbers 20, a timestamp 28). Writes past it stop the process rather than
/// corrupt memory.
struct JSONScratch {
    static let capacity = 512
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    /// Runs `body` with an empty scratch on the stack.
    @inline(__always)
    static func with<Result>(_ body: (inout JSONScratch) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { raw in
            var scratch = JSONScratch(base: raw.baseAddress!)
            return body(&scratch)
        }
    }

    private init(base: UnsafeMutablePointer<UInt8>) {
        self.base = base
    }

    /// Appends what was written to `buffer` and empties the scratch.
    mutating func flush(to buffer: inout [UInt8]) {
        guard count > 0 else { return }
        buffer.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    /// Room for `bytes` more; overrunning the stack buffer is never allowed to happen silently.
    @inline(__always)
    private func reserve(_ bytes: Int) {
        precondition(count + bytes <= Self.capacity, "JSON scratch overrun")
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        reserve(1)
        base[count] = value
        count += 1
    }

    /// Inlined (like `byte` and `digits`) so that a literal's length is a constant where it is
    /// written: the copy becomes a few moves instead of a call to `memmove`, and digit widths
    /// unroll. About a twentieth of the instructions of an event line went to those calls.
    @inline(__always)
    mutating func literal(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount)
        (base + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    /// An ASCII string known to need no escaping (enum raw values), without quotes.
    mutating func ascii(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            reserve(bytes.count)
            (base + count).update(from: bytes.baseAddress!, count: bytes.count)
            count += bytes.count
        }
    }

    mutating func null() {
        literal("null")
    }

    /// An integer in decimal.
    mutating func int(_ value: Int64) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        // Magnitude as UInt64 so Int64.min does not overflow.
        var magnitude = value.magnitude
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        reserve(digits)
        var index = count + digits
        count = index
        repeat {
            index -= 1
            base[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    /// Epoch milliseconds as an RFC 3339 UTC string with quotes (`"2024-05-01T12:00:00.123Z"`),
    /// the same text as `Timestamp.format(ms:)`; years outside 0...9999 are written as numbers.
    mutating func timestamp(ms: Int64) {
        let (days, dayMs) = Timestamp.floorDivMod(ms, 86_400_000)
        let msOfDay = Int(dayMs)
        let (year, month, day) = CivilDate.date(days: days)
        byte(UInt8(ascii: "\""))
        if (0...9999).contains(year) { digits(year, 4) } else { int(Int64(year)) }
        byte(UInt8(ascii: "-"))
        digits(month, 2)
        byte(UInt8(ascii: "-"))
        digits(day, 2)
        byte(UInt8(ascii: "T"))
        digits(msOfDay / 3_600_000, 2)
        byte(UInt8(ascii: ":"))
        digits(msOfDay / 60_000 % 60, 2)
        byte(UInt8(ascii: ":"))
        digits(msOfDay / 1000 % 60, 2)
        byte(UInt8(ascii: "."))
        digits(msOfDay % 1000, 3)
        literal("Z\"")
    }

    /// A packed id's hex digits (and UUID hyphens) with quotes.
    mutating func packedId(high: UInt64, low: UInt64, shape: UInt8) {
        reserve(38)
        byte(UInt8(ascii: "\""))
        count += TraceIdentifier.writePacked(high: high, low: low, shape: shape, to: base + count)
        byte(UInt8(ascii: "\""))
    }

    /// The last `width` decimal digits of a non-negative value, zero-padded.
    @inline(__always)
    private mutating func digits(_ value: Int, _ width: Int) {
        reserve(width)
        var rest = value
        var index = count + width
        count = index
        while index > count - width {
            index -= 1
            base[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }
}
