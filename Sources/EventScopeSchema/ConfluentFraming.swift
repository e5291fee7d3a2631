/// The five-byte prefix Confluent's serializers write before every Avro, Protobuf or JSON
/// Schema payload: a magic byte 0, then the registry's schema id as a big-endian 32-bit integer.
///
/// Ingest checks the prefix first because the schema id is what it asks the registry for;
/// parsing never traps, so any topic's bytes can be offered to it.
public struct ConfluentFraming: Sendable, Equatable {
    public static let magicByte: UInt8 = 0
    /// Length of the prefix, which is also where the payload starts.
    public static let prefixLength = 5

    /// The registry's id of the schema the payload was written with.
    public let schemaID: UInt32

    /// Offset of the first payload byte (Avro or JSON body, or Protobuf message indexes).
    public var payloadOffset: Int { Self.prefixLength }

    public init(schemaID: UInt32) {
        self.schemaID = schemaID
    }

    /// Reads the prefix from the start of a record value.
    ///
    /// - Throws: When the value is shorter than the prefix or does not start with the magic byte.
    public init(parsing bytes: UnsafeRawBufferPointer) throws(SchemaDecodingError) {
        guard bytes.count >= Self.prefixLength else {
            throw SchemaDecodingError("confluent: \(bytes.count) bytes is shorter than the 5-byte wire format prefix")
        }
        guard bytes[0] == Self.magicByte else {
            throw SchemaDecodingError("confluent: magic byte is \(bytes[0]), expected 0")
        }
        schemaID = UInt32(bytes[1]) << 24 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 8 | UInt32(bytes[4])
    }

    public init(parsing bytes: [UInt8]) throws(SchemaDecodingError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(SchemaDecodingError) -> ConfluentFraming in try ConfluentFraming(parsing: raw) }
        }
        self = try result.get()
    }

    /// Whether the value starts like a Confluent-framed payload (a cheap test before a lookup).
    public static func looksFramed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= prefixLength && bytes[0] == magicByte
    }
}
