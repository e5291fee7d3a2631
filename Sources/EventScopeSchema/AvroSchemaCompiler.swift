/// Turns parsed Avro schema JSON into the flat tables of an `AvroSchema`.
///
/// Named types get their node before their fields are compiled, which is what lets a record
/// refer to itself. Invalid logical types are ignored and the base type kept, as Avro asks,
/// because a producer's odd annotation should not make its events undecodable.
struct AvroSchemaCompiler {
    private static let primitives: [String: AvroNode.Kind] = [
        "null": .null, "boolean": .boolean, "int": .int, "long": .long,
        "float": .float, "double": .double, "bytes": .bytes, "string": .string,
    ]

    let imported: [String: AvroSchema.NamedDefinition]
    var nodes: [AvroNode] = []
    var fields: [AvroField] = []
    var symbols: [TextSpan] = []
    var branches: [Int32] = []
    var textPool: [UInt8] = []
    var fullNames: [String] = []
    var definitions: [String: AvroSchema.NamedDefinition] = [:]
    private var nodeByName: [String: Int32] = [:]
    /// Names being compiled from a reference; a second definition of one of them is reused
    /// rather than refused, since references may share nested types.
    private var importing = 0

    init(imported: [String: AvroSchema.NamedDefinition]) {
        self.imported = imported
    }

    private func failure(_ what: String) -> SchemaDecodingError {
        SchemaDecodingError("avro schema: \(what)")
    }

    private mutating func addNode(_ node: AvroNode) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    mutating func compile(_ json: SchemaJSON, namespace: String, depth: Int) throws(SchemaDecodingError) -> Int32 {
        guard depth < SchemaJSONReader.maxDepth else { throw failure("types nested deeper than \(SchemaJSONReader.maxDepth)") }
        switch json {
        case .string(let name):
            if let kind = Self.primitives[name] { return addNode(AvroNode(kind: kind)) }
            return try resolve(name, namespace: namespace, depth: depth)
        case .array(let members):
            var compiled: [Int32] = []
            for member in members {
                compiled.append(try compile(member, namespace: namespace, depth: depth + 1))
            }
            let first = Int32(branches.count)
            branches.append(contentsOf: compiled)
            return addNode(AvroNode(kind: .union, first: first, count: Int32(compiled.count)))
        case .object:
            return try compileObject(json, namespace: namespace, depth: depth)
        default:
            throw failure("a type cannot be \(json.kindDescription)")
        }
    }

    private mutating func compileObject(_ json: SchemaJSON, namespace: String, depth: Int) throws(SchemaDecodingError) -> Int32 {
        guard let typeValue = json["type"] else { throw failure("type object without \"type\"") }
        guard case .string(let type) = typeValue else {
            // A nested schema in "type" position; accepted for leniency.
            return try compile(typeValue, namespace: namespace, depth: depth + 1)
        }
        if let kind = Self.primitives[type] {
            var node = AvroNode(kind: kind)
            applyLogicalType(json, to: &node, fixedSize: nil)
            return addNode(node)
        }
        switch type {
        case "record", "error": return try compileRecord(json, namespace: namespace, depth: depth)
        case "enum": return try compileEnum(json, namespace: namespace)
        case "fixed": return try compileFixed(json, namespace: namespace)
        case "array":
            guard let items = json["items"] else { throw failure("array without \"items\"") }
            let item = try compile(items, namespace: namespace, depth: depth + 1)
            return addNode(AvroNode(kind: .array, first: item))
        case "map":
            guard let values = json["values"] else { throw failure("map without \"values\"") }
            let value = try compile(values, namespace: namespace, depth: depth + 1)
            return addNode(AvroNode(kind: .map, first: value))
        default:
            return try resolve(type, namespace: namespace, depth: depth)
        }
    }

    /// The full name and the namespace its nested definitions inherit.
    private func qualifiedName(_ json: SchemaJSON, enclosing: String) throws(SchemaDecodingError) -> (fullName: String, namespace: String) {
        guard let name = json["name"]?.stringValue, !name.isEmpty else { throw failure("named type without a \"name\"") }
        if let lastDot = name.lastIndex(of: ".") {
            return (name, String(name[..<lastDot]))
        }
        let namespace = json["namespace"]?.stringValue ?? enclosing
        return (namespace.isEmpty ? name : namespace + "." + name, namespace)
    }

    /// Registers a named type; returns an existing node when a reference redefines a name.
    private mutating func declare(_ json: SchemaJSON, enclosing: String, node: AvroNode) throws(SchemaDecodingError)
        -> (index: Int32, namespace: String, isNew: Bool)
    {
        let (fullName, namespace) = try qualifiedName(json, enclosing: enclosing)
        if let existing = nodeByName[fullName] {
            guard importing > 0 else { throw failure("type \"\(fullName)\" is defined twice") }
            return (existing, namespace, false)
        }
        var named = node
        named.nameIndex = Int32(fullNames.count)
        fullNames.append(fullName)
        let index = addNode(named)
        nodeByName[fullName] = index
        definitions[fullName] = .init(json: json, enclosingNamespace: enclosing)
        return (index, namespace, true)
    }

    private mutating func compileRecord(_ json: SchemaJSON, namespace enclosing: String, depth: Int) throws(SchemaDecodingError) -> Int32 {
        let (index, namespace, isNew) = try declare(json, enclosing: enclosing, node: AvroNode(kind: .record))
        guard isNew else { return index }
        guard case .array(let fieldList)? = json["fields"] else {
            throw failure("record \"\(fullNames[Int(nodes[Int(index)].nameIndex)])\" without a \"fields\" array")
        }
        var compiled: [AvroField] = []
        compiled.reserveCapacity(fieldList.count)
        for field in fieldList {
            guard let name = field["name"]?.stringValue else { throw failure("record field without a \"name\"") }
            guard let type = field["type"] else { throw failure("field \"\(name)\" without a \"type\"") }
            let node = try compile(type, namespace: namespace, depth: depth + 1)
            let start = Int32(textPool.count)
            JSONTextWriter.appendString(name, toPool: &textPool)
            textPool.append(UInt8(ascii: ":"))
            compiled.append(AvroField(key: TextSpan(start: start, length: Int32(textPool.count) - start), node: node))
        }
        nodes[Int(index)].first = Int32(fields.count)
        nodes[Int(index)].count = Int32(compiled.count)
        fields.append(contentsOf: compiled)
        return index
    }

    private mutating func compileEnum(_ json: SchemaJSON, namespace enclosing: String) throws(SchemaDecodingError) -> Int32 {
        let (index, _, isNew) = try declare(json, enclosing: enclosing, node: AvroNode(kind: .enumeration))
        guard isNew else { return index }
        guard case .array(let symbolList)? = json["symbols"] else { throw failure("enum without a \"symbols\" array") }
        nodes[Int(index)].first = Int32(symbols.count)
        nodes[Int(index)].count = Int32(symbolList.count)
        for symbol in symbolList {
            guard let text = symbol.stringValue else { throw failure("enum symbol is \(symbol.kindDescription)") }
            let start = Int32(textPool.count)
            JSONTextWriter.appendString(text, toPool: &textPool)
            symbols.append(TextSpan(start: start, length: Int32(textPool.count) - start))
        }
        return index
    }

    private mutating func compileFixed(_ json: SchemaJSON, namespace enclosing: String) throws(SchemaDecodingError) -> Int32 {
        guard let size = json["size"]?.intValue, size >= 0, size <= Int(Int32.max) else {
            throw failure("fixed without a valid \"size\"")
        }
        var node = AvroNode(kind: .fixed, count: Int32(size))
        applyLogicalType(json, to: &node, fixedSize: size)
        let (index, _, _) = try declare(json, enclosing: enclosing, node: node)
        return index
    }

    private mutating func resolve(_ name: String, namespace: String, depth: Int) throws(SchemaDecodingError) -> Int32 {
        let candidates = name.contains(".") || namespace.isEmpty ? [name] : [namespace + "." + name, name]
        for candidate in candidates {
            if let index = nodeByName[candidate] { return index }
        }
        for candidate in candidates {
            if let definition = imported[candidate] {
                importing += 1
                defer { importing -= 1 }
                return try compile(definition.json, namespace: definition.enclosingNamespace, depth: depth + 1)
            }
        }
        throw failure("unknown type \"\(name)\"")
    }

    private func applyLogicalType(_ json: SchemaJSON, to node: inout AvroNode, fixedSize: Int?) {
        guard let logical = json["logicalType"]?.stringValue else { return }
        switch (logical, node.kind) {
        case ("decimal", .bytes), ("decimal", .fixed):
            guard let precision = json["precision"]?.intValue, precision > 0 else { return }
            let scale = json["scale"].map { $0.intValue ?? -1 } ?? 0
            guard scale >= 0 && scale <= precision else { return }
            node.logical = .decimal
            node.scale = Int32(scale)
        case ("uuid", .string): node.logical = .uuid
        case ("uuid", .fixed) where fixedSize == 16: node.logical = .uuid
        case ("date", .int): node.logical = .date
        case ("time-millis", .int): node.logical = .timeMillis
        case ("time-micros", .long): node.logical = .timeMicros
        case ("timestamp-millis", .long): node.logical = .timestampMillis
        case ("timestamp-micros", .long): node.logical = .timestampMicros
        case ("timestamp-nanos", .long): node.logical = .timestampNanos
        case ("local-timestamp-millis", .long): node.logical = .localTimestampMillis
        case ("local-timestamp-micros", .long): node.logical = .localTimestampMicros
        case ("local-timestamp-nanos", .long): node.logical = .localTimestampNanos
        case ("duration", .fixed) where fixedSize == 12: node.logical = .duration
        default: break
        }
    }

    /// Marks the types whose encoding always takes at least one byte.
    ///
    /// Children are compiled after their parents, so one pass from the end settles every
    /// non-recursive type; a recursive back-reference reads as "maybe empty", which is the
    /// safe direction (it only subjects those items to the decoder's item budget).
    mutating func computeConsumesBytes() {
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            let node = nodes[index]
            let consumes: Bool
            switch node.kind {
            case .null: consumes = false
            case .boolean, .int, .long, .float, .double, .bytes, .string, .enumeration, .array, .map, .union:
                consumes = true
            case .fixed: consumes = node.count > 0
            case .record:
                consumes = fields[Int(node.first)..<Int(node.first + node.count)].contains { nodes[Int($0.node)].consumesBytes }
            }
            nodes[index].consumesBytes = consumes
        }
    }
}
