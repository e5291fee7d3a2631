import EventScopeSchema

/// Turns Confluent wire-format record values into the JSON their schemas decode them to.
///
/// One per thread: it keeps the schemas it has used (ids never change meaning in a registry,
/// so a warm transcoder needs no lock) and a Protobuf decoder per schema, whose scratch space
/// is reused between records.
public struct SchemaTranscoder {
    private var schemas: [Int32: CompiledSchema] = [:]
    private var protobufDecoders: [Int32: ProtobufDecoder] = [:]
    /// Descriptions per decoded message (Protobuf) or top-level union branch (Avro) name.
    private var namedDescriptions: [Int32: [String: SchemaDescription]] = [:]

    public init() {}

    /// The schema with this id, if this transcoder has used it.
    public func schema(id: Int32) -> CompiledSchema? {
        schemas[id]
    }

    /// Keeps a schema for later records with its id.
    public mutating func remember(_ schema: CompiledSchema) {
        schemas[schema.id] = schema
    }

    /// The schema id of a Confluent wire-format value (magic byte 0, then a big-endian id), or
    /// nil for any other value.
    @inline(__always)
    public static func schemaId(of value: [UInt8]?) -> Int32? {
        guard let value, value.count >= ConfluentFraming.prefixLength, value[0] == ConfluentFraming.magicByte else { return nil }
        return Int32(bitPattern: UInt32(value[1]) << 24 | UInt32(value[2]) << 16 | UInt32(value[3]) << 8 | UInt32(value[4]))
    }

    /// Decodes the record's value with `schema`: the value becomes the decoded JSON and
    /// `record.schema` describes it; bytes that do not fit the schema stay as they were, with
    /// the reason in `record.schema`.
    public mutating func transcode(_ record: inout Record, with schema: CompiledSchema) {
        guard let value = record.value else { return }
        remember(schema)
        var json: [UInt8] = []
        let outcome = value.withUnsafeBytes { raw in
            Result { () throws(SchemaDecodingError) -> SchemaDescription in try decode(raw, schema: schema, into: &json) }
        }
        switch outcome {
        case .success(let description):
            record.value = json
            record.schema = RecordSchema(description: description, wireBytes: value.count)
        case .failure(let error):
            let description = schema.description
            record.schema = RecordSchema(
                description: SchemaDescription(
                    id: schema.id, format: schema.format, subject: description.subject, version: description.version,
                    typeName: description.typeName, problem: "undecodable (id \(schema.id): \(error.reason))"),
                wireBytes: value.count)
        }
    }

    private mutating func decode(_ raw: UnsafeRawBufferPointer, schema: CompiledSchema, into json: inout [UInt8]) throws(SchemaDecodingError) -> SchemaDescription {
        switch schema.decoder {
        case .avro(let decoder):
            let payload = UnsafeRawBufferPointer(rebasing: raw[ConfluentFraming.prefixLength...])
            let name = try decoder.decode(payload, into: &json)
            return description(of: schema, named: name)
        case .protobuf(let compiled):
            let indexes = try ProtobufMessageIndexes(parsing: raw)
            let payload = UnsafeRawBufferPointer(rebasing: raw[indexes.payloadOffset...])
            if protobufDecoders[schema.id] == nil { protobufDecoders[schema.id] = ProtobufDecoder(schema: compiled) }
            // Decoded in place in the dictionary: a copy taken out would copy its scratch space.
            let name = try protobufDecoders[schema.id]?.decode(payload, messageIndexes: indexes.indexes, into: &json)
            return description(of: schema, named: name)
        case .jsonSchema:
            let body = try JSONSchemaFraming.bodyRange(of: raw)
            json = Array(raw[body])
            return schema.description
        }
    }

    /// The shared description for a decoded type name, made once per schema and name.
    private mutating func description(of schema: CompiledSchema, named name: String?) -> SchemaDescription {
        let base = schema.description
        guard let name, name != base.typeName else { return base }
        if let known = namedDescriptions[schema.id]?[name] { return known }
        let made = SchemaDescription(id: schema.id, format: schema.format, subject: base.subject, version: base.version, typeName: name)
        namedDescriptions[schema.id, default: [:]][name] = made
        return made
    }
}
