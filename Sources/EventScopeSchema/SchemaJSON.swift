/// A parsed JSON document as schema parsers need it: member order kept, numbers kept as text.
///
/// Schemas arrive as JSON from the registry (Avro schemas, JSON Schemas); this small tree is
/// only used while compiling a schema, never while decoding payloads, so clarity wins over speed.
indirect enum SchemaJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, so integers of any size survive until a parser needs them.
    case number(String)
    case string(String)
    case array([SchemaJSON])
    case object([Member])

    struct Member: Sendable, Equatable {
        let key: String
        let value: SchemaJSON
    }

    /// The value of the first member named `key`, when this is an object.
    subscript(key: String) -> SchemaJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// A short description for error messages ("object", "array", "string \"x\"").
    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let text): return "number \(text)"
        case .string(let text): return "string \"\(text.prefix(60))\""
        case .array: return "array"
        case .object: return "object"
        }
    }
}
