import EventScopeSchema

/// Turns Confluent wire-format record values into the JSON their schemas decode them to.
///
/// One per thread: it keeps the schemas it has used (ids never change meaning in a registry,
/// so a warm transcoder needs no lock) and a Protobuf decoder per schema, whose scratch space
/// is reused between records.
public struct SchemaTranscoder {
    /// What the transcoder keeps per schema id. A class, so a record's decode reaches the
    /// compiled tables and the Protobuf scratch space without copying the schema (a retain
    /// per table) or modifying a dictionary entry in place.
    private final class Entry {
        let schema: CompiledSchema
        /// The schema's decoder, taken out of the schema once; only Protobuf's keeps state
        /// between records.
        let avro: AvroDecoder?
        @exclusivity(unchecked) var protobuf: ProtobufDecoder?
        /// Descriptions per decoded message (Protobuf) or top-level union branch (Avro) name.
        var namedDescriptions: [String: SchemaDescription] = [:]

        init(_ schema: CompiledSchema) {
            self.schema = schema
            switch schema.decoder {
            case .avro(let decoder): avro = decoder
            case .protobuf(let compiled):
                avro = nil
                protobuf = ProtobufDecoder(schema: compiled)
            case .jsonSchema: avro = nil
            }
        }
    }

    private var entries: [Int32: Entry] = [:]
    /// The entry used last: a topic's records nearly always share one schema id.
    private var last: Entry?

    public init() {}

    /// Keeps a schema for later records with its id.
    private mutating func remember(_ schema: CompiledSchema) {
        if entries[schema.id] == nil { entries[schema.id] = Entry(schema) }
    }

    /// Decodes the record's value with the schema this transcoder keeps for `id`; false when it
    /// keeps none (the caller then finds the schema and calls `transcode(_:with:)`).
    public mutating func transcode(_ record: inout Record, id: Int32) -> Bool {
        let entry: Entry
        if let last, last.schema.id == id {
            entry = last
        } else if let known = entries[id] {
            entry = known
            last = known
        } else {
            return false
        }
        transcode(&record, entry: entry)
        return true
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
        remember(schema)
        guard let entry = entries[schema.id] else { return }
        last = entry
        transcode(&record, entry: entry)
    }

    private func transcode(_ record: inout Record, entry: Entry) {
        guard let value = record.value else { return }
        var json: [UInt8] = []
        let outcome = value.withUnsafeBytes { raw in
            Result { () throws(SchemaDecodingError) -> SchemaDescription in try Self.decode(raw, entry: entry, into: &json) }
        }
        switch outcome {
        case .success(let description):
            record.value = json
            record.schema = RecordSchema(description: description, wireBytes: value.count)
        case .failure(let error):
            let schema = entry.schema
            let description = schema.description
            record.schema = RecordSchema(
                description: SchemaDescription(
                    id: schema.id, format: schema.format, subject: description.subject, version: description.version,
                    typeName: description.typeName, problem: "undecodable (id \(schema.id): \(error.reason))"),
                wireBytes: value.count)
        }
    }

    private static func decode(_ raw: UnsafeRawBufferPointer, entry: Entry, into json: inout [UInt8]) throws(SchemaDecodingError) -> SchemaDescription {
        switch entry.schema.format {
        case .avro:
            let payload = UnsafeRawBufferPointer(rebasing: raw[ConfluentFraming.prefixLength...])
            let name = try entry.avro?.decode(payload, into: &json)
            return description(of: entry, named: name)
        case .protobuf:
            let indexes = try ProtobufMessageIndexes(parsing: raw)
            let payload = UnsafeRawBufferPointer(rebasing: raw[indexes.payloadOffset...])
            let name = try entry.protobuf?.decode(payload, messageIndexes: indexes.indexes, into: &json)
            return description(of: entry, named: name)
        case .jsonSchema:
            let body = try JSONSchemaFraming.bodyRange(of: raw)
            json = Array(raw[body])
            return entry.schema.description
        }
    }

    /// The shared description for a decoded type name, made once per schema and name.
    private static func description(of entry: Entry, named name: String?) -> SchemaDescription {
        let base = entry.schema.description
        guard let name, name != base.typeName else { return base }
        if let known = entry.namedDescriptions[name] { return known }
        let schema = entry.schema
        let made = SchemaDescription(id: schema.id, format: schema.format, subject: base.subject, version: base.version, typeName: name)
        entry.namedDescriptions[name] = made
        return made
    }
}
