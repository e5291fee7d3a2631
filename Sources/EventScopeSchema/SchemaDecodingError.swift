// EventScopeSchema decodes payloads written in Confluent's wire format (a magic byte and a
// schema id, then Avro binary, Protobuf or JSON Schema bytes) into JSON text, so the rest of
// EventScope treats a schema-encoded event exactly like a JSON one. The module has no
// dependencies: schemas are parsed from the text a Schema Registry serves, and decoding
// appends bytes into a buffer the caller owns and reuses.

/// Why a schema or a payload could not be decoded, in words an operator can act on.
///
/// Errors are plain values so hostile bytes can never trap the monitor; the reason names the
/// format, what was wrong and where (for example
/// "avro: string length 4294967295 exceeds remaining 12 bytes at offset 9").
public struct SchemaDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A one-line human-readable explanation.
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
