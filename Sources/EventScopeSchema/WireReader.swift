/// A bounds-checked cursor over payload bytes that reads the varints and fixed-width numbers
/// Avro and Protobuf are built from.
///
/// Every read checks the remaining length first and reports failure as a
/// `SchemaDecodingError` naming the offset, so truncated or hostile input ends in an error
/// instead of a trap. It holds a raw pointer the caller keeps alive for the duration of a
/// decode, which keeps the hot path free of reference counting.
struct WireReader {
    let base: UnsafeRawPointer?
    /// One past the last readable offset; narrowed when reading a nested length-delimited value.
    var end: Int
    var offset: Int
    /// Prefix for error reasons ("avro", "protobuf").
    let format: StaticString

    init(_ bytes: UnsafeRawBufferPointer, format: StaticString) {
        self.base = bytes.baseAddress
        self.end = bytes.count
        self.offset = 0
        self.format = format
    }

    @inline(__always) var remaining: Int { end - offset }
    @inline(__always) var isAtEnd: Bool { offset >= end }

    func failure(_ what: String, at position: Int? = nil) -> SchemaDecodingError {
        SchemaDecodingError("\(format): \(what) at offset \(position ?? offset)")
    }

    @inline(__always)
    func byte(at position: Int) -> UInt8 {
        // Callers check `position < end` first; a nil base only occurs with `end == 0`.
        base.map { $0.load(fromByteOffset: position, as: UInt8.self) } ?? 0
    }

    mutating func readByte() throws(SchemaDecodingError) -> UInt8 {
        guard offset < end else { throw failure("unexpected end of data") }
        let value = byte(at: offset)
        offset += 1
        return value
    }

    /// Reads an unsigned LEB128 varint of at most ten bytes; a longer one is an overflow.
    @inline(__always)
    mutating func readVarint() throws(SchemaDecodingError) -> UInt64 {
        let start = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else {
                throw failure("varint truncated", at: start)
            }
            let b = byte(at: offset)
            offset += 1
            if shift == 63 && b > 1 {
                throw failure("varint overflows 64 bits", at: start)
            }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads a zig-zag encoded signed varint (Avro int and long, Protobuf sint32/sint64).
    @inline(__always)
    mutating func readZigZag() throws(SchemaDecodingError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func readFixed32() throws(SchemaDecodingError) -> UInt32 {
        guard remaining >= 4 else { throw failure("4-byte value truncated (\(remaining) bytes left)") }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(byte(at: offset + i)) << (8 * UInt32(i)) }
        offset += 4
        return value
    }

    mutating func readFixed64() throws(SchemaDecodingError) -> UInt64 {
        guard remaining >= 8 else { throw failure("8-byte value truncated (\(remaining) bytes left)") }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(byte(at: offset + i)) << (8 * UInt64(i)) }
        offset += 8
        return value
    }

    /// Checks that `length` bytes remain and returns their start, advancing past them.
    mutating func skip(_ length: Int, what: StaticString) throws(SchemaDecodingError) -> Int {
        guard length >= 0 else {
            throw failure("negative \(what) length \(length)")
        }
        guard length <= remaining else {
            throw failure("\(what) length \(length) exceeds remaining \(remaining) bytes")
        }
        let start = offset
        offset += length
        return start
    }

    /// The bytes in `start..<start+length`, which must already be bounds-checked.
    func slice(_ start: Int, _ length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base.map { $0 + start }, count: length)
    }
}
