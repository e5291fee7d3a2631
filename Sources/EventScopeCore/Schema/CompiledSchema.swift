import EventScopeSchema

/// A registered schema compiled once for decoding every event that names its id.
public struct CompiledSchema: Sendable {
    enum Decoder: Sendable {
        case avro(AvroDecoder)
        case protobuf(ProtobufSchema)
        case jsonSchema
    }

    public let id: Int32
    public let format: SchemaFormat
    /// Shared by the events decoded with it; for Protobuf, the one of the first top-level
    /// message (each message gets its own, see `SchemaTranscoder`).
    public let description: SchemaDescription
    let decoder: Decoder

    /// References followed deeper than this are refused (a registry serving a reference cycle
    /// must not send the fetch thread round forever).
    static let maxReferenceDepth = 16

    /// Compiles a schema, fetching the schemas it references from `source`.
    ///
    /// - Throws: `SchemaFetchError` when a reference cannot be fetched, or `.invalid` when a
    ///   text does not compile.
    public static func compile(_ registered: RegisteredSchema, source: any SchemaSource) throws(SchemaFetchError) -> CompiledSchema {
        let decoder: Decoder
        var typeName: String?
        do {
            switch registered.format {
            case .avro:
                let references = try avroReferences(of: registered, source: source, depth: 0)
                let schema = try AvroSchema(parsing: registered.text, references: references)
                typeName = schema.fullName
                decoder = .avro(AvroDecoder(schema: schema))
            case .protobuf:
                var imports: [String: String] = [:]
                try collectProtobufImports(of: registered, source: source, depth: 0, into: &imports)
                let schema = try ProtobufSchema(parsing: registered.text, imports: imports)
                typeName = schema.topLevelMessageNames.first
                decoder = .protobuf(schema)
            case .jsonSchema:
                typeName = JSONSchemaFraming.title(ofSchema: registered.text)
                decoder = .jsonSchema
            }
        } catch let error as SchemaFetchError {
            throw error
        } catch {
            let reason = (error as? SchemaDecodingError)?.reason ?? "\(error)"
            throw SchemaFetchError(.invalid, "\(registered.format.registryType) schema does not compile: \(reason)")
        }
        return CompiledSchema(
            id: registered.id, format: registered.format,
            description: SchemaDescription(
                id: registered.id, format: registered.format, subject: registered.subject, version: registered.version, typeName: typeName),
            decoder: decoder)
    }

    /// Fetches a reference, turning a fetch failure into one that says which reference failed.
    private static func fetch(_ reference: RegisteredSchema.Reference, source: any SchemaSource, depth: Int) throws(SchemaFetchError) -> RegisteredSchema {
        guard depth < maxReferenceDepth else {
            throw SchemaFetchError(.invalid, "schema references nested deeper than \(maxReferenceDepth)")
        }
        do {
            return try source.schema(subject: reference.subject, version: reference.version)
        } catch {
            throw SchemaFetchError(error.kind, "reference \(reference.subject) version \(reference.version): \(error.reason)")
        }
    }

    private static func avroReferences(of schema: RegisteredSchema, source: any SchemaSource, depth: Int) throws -> [AvroSchema] {
        var compiled: [AvroSchema] = []
        for reference in schema.references {
            let referenced = try fetch(reference, source: source, depth: depth + 1)
            let nested = try avroReferences(of: referenced, source: source, depth: depth + 1)
            compiled.append(try AvroSchema(parsing: referenced.text, references: nested))
        }
        return compiled
    }

    private static func collectProtobufImports(
        of schema: RegisteredSchema, source: any SchemaSource, depth: Int, into imports: inout [String: String]
    ) throws {
        for reference in schema.references where imports[reference.name] == nil {
            let referenced = try fetch(reference, source: source, depth: depth + 1)
            imports[reference.name] = referenced.text
            try collectProtobufImports(of: referenced, source: source, depth: depth + 1, into: &imports)
        }
    }
}
