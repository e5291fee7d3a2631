/// The message-index array Confluent's Protobuf serializer writes after the five-byte prefix,
/// which says which message of the schema file the payload holds.
///
/// A `.proto` file may declare many messages, so the path is a list: the first index picks a
/// top-level message in declaration order, each further index a message nested in the previous
/// one. The array is a zig-zag varint count followed by that many zig-zag varint indexes; a
/// single 0 byte is the common shorthand for `[0]`, the first top-level message.
public struct ProtobufMessageIndexes: Sendable, Equatable {
    /// Deeper paths than this are refused; no real schema nests messages so deeply.
    public static let maxCount = 64

    /// The path of the `0` shortcut, shared rather than allocated for every record that uses it.
    private static let firstMessage = [0]

    /// The path of message indexes, never empty.
    public let indexes: [Int]
    /// Offset, within the bytes that were parsed, of the first byte of the Protobuf message.
    public let payloadOffset: Int

    public init(indexes: [Int], payloadOffset: Int) {
        self.indexes = indexes
        self.payloadOffset = payloadOffset
    }

    /// Reads the message-index array starting at `offset` (normally 5, after the prefix).
    ///
    /// - Throws: On a truncated or overflowing varint, a negative count or index, or a count
    ///   larger than `maxCount` or than the bytes left.
    public init(parsing bytes: UnsafeRawBufferPointer, at offset: Int = ConfluentFraming.prefixLength)
        throws(SchemaDecodingError)
    {
        guard offset >= 0 && offset <= bytes.count else {
            throw SchemaDecodingError("protobuf: message indexes start \(offset) is outside \(bytes.count) bytes")
        }
        var reader = WireReader(UnsafeRawBufferPointer(rebasing: bytes[offset...]), format: "protobuf message indexes")
        let count = try reader.readZigZag()
        if count == 0 {
            self.init(indexes: Self.firstMessage, payloadOffset: offset + reader.offset)
            return
        }
        guard count > 0 else { throw reader.failure("negative count \(count)", at: 0) }
        guard count <= Self.maxCount else { throw reader.failure("count \(count) exceeds \(Self.maxCount)", at: 0) }
        guard count <= reader.remaining else {
            throw reader.failure("count \(count) exceeds remaining \(reader.remaining) bytes", at: 0)
        }
        var indexes: [Int] = []
        indexes.reserveCapacity(Int(count))
        for _ in 0..<count {
            let start = reader.offset
            let index = try reader.readZigZag()
            guard index >= 0 && index <= Int64(Int32.max) else { throw reader.failure("invalid index \(index)", at: start) }
            indexes.append(Int(index))
        }
        self.init(indexes: indexes, payloadOffset: offset + reader.offset)
    }

    public init(parsing bytes: [UInt8], at offset: Int = ConfluentFraming.prefixLength) throws(SchemaDecodingError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(SchemaDecodingError) -> ProtobufMessageIndexes in
                try ProtobufMessageIndexes(parsing: raw, at: offset)
            }
        }
        self = try result.get()
    }
}
