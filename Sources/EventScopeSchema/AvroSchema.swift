/// An Avro schema compiled from the JSON text a Schema Registry serves, ready for `AvroDecoder`.
///
/// Compiling once per schema id turns names, namespaces and logical types into flat tables,
/// so decoding each event is a walk over indexes. Referenced schemas (the registry's
/// `references`) are passed in already compiled; their named types are found by full name.
public struct AvroSchema: Sendable {
    /// A named type as written, with the namespace it was defined in, so a schema that
    /// references it can compile it again with the same full name.
    struct NamedDefinition: Sendable {
        let json: SchemaJSON
        let enclosingNamespace: String
    }

    var nodes: [AvroNode]
    var fields: [AvroField]
    var symbols: [TextSpan]
    var branches: [Int32]
    var textPool: [UInt8]
    var fullNames: [String]
    var root: Int32
    /// Every named type visible from this schema (its own and its references'), by full name.
    var namedDefinitions: [String: NamedDefinition]

    /// Compiles a schema.
    ///
    /// - Parameters:
    ///   - text: The schema JSON (a primitive name, an object, or a union array).
    ///   - references: Compiled schemas whose named types this one uses by name.
    /// - Throws: When the JSON is malformed, a type is unknown or a definition is invalid.
    public init(parsing text: String, references: [AvroSchema] = []) throws(SchemaDecodingError) {
        let json = try SchemaJSONReader.parse(text)
        var imported: [String: NamedDefinition] = [:]
        for reference in references {
            imported.merge(reference.namedDefinitions) { first, _ in first }
        }
        var compiler = AvroSchemaCompiler(imported: imported)
        let root = try compiler.compile(json, namespace: "", depth: 0)
        compiler.computeConsumesBytes()
        nodes = compiler.nodes
        fields = compiler.fields
        symbols = compiler.symbols
        branches = compiler.branches
        textPool = compiler.textPool
        fullNames = compiler.fullNames
        self.root = root
        namedDefinitions = imported.merging(compiler.definitions) { _, own in own }
    }

    /// The full name (namespace.name) of the top-level named type, or nil when the schema is a
    /// primitive, array, map or union (the decoder then reports the record it actually decoded).
    public var fullName: String? {
        fullName(ofNode: root)
    }

    /// Full names of every named type compiled into this schema.
    public var namedTypeNames: [String] { fullNames }

    func fullName(ofNode index: Int32) -> String? {
        let nameIndex = nodes[Int(index)].nameIndex
        return nameIndex >= 0 ? fullNames[Int(nameIndex)] : nil
    }
}
