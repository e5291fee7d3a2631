/// What an event knows about the schema of its Confluent wire-format value.
///
/// Shared by every event decoded with the same schema (and message), so events carry one
/// reference instead of copies of the names. `problem` is set when the value could not be
/// decoded: the schema is unavailable, or the bytes do not fit it.
public final class SchemaDescription: Sendable {
    public let id: Int32
    public let format: SchemaFormat?
    public let subject: String?
    public let version: Int?
    /// The Avro record or Protobuf message full name, or the JSON Schema title.
    public let typeName: String?
    /// Why the value is not decoded, e.g. `schema unavailable (id 7: not found)`.
    public let problem: String?

    public init(id: Int32, format: SchemaFormat?, subject: String? = nil, version: Int? = nil, typeName: String? = nil, problem: String? = nil) {
        self.id = id
        self.format = format
        self.subject = subject
        self.version = version
        self.typeName = typeName
        self.problem = problem
    }

    /// A description of a schema that could not be had.
    public static func unavailable(id: Int32, reason: String) -> SchemaDescription {
        SchemaDescription(id: id, format: nil, problem: "schema unavailable (id \(id): \(reason))")
    }

    /// True when the record's value was replaced by its decoded JSON.
    public var isDecoded: Bool { problem == nil && format != nil }
}

/// A record's schema and the size of the wire-format value it was decoded from.
public struct RecordSchema: Sendable {
    public let description: SchemaDescription
    /// Bytes of the Confluent wire-format value as consumed (the record now holds JSON).
    public let wireBytes: Int

    public init(description: SchemaDescription, wireBytes: Int) {
        self.description = description
        self.wireBytes = wireBytes
    }
}
