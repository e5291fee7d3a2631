/// The practical JSON Schema subset a policy gives for an event payload.
///
/// Keywords: `type` (one name or a list), `properties`, `required`, `enum`, `items`,
/// `additionalProperties` (boolean or schema), `minimum` / `maximum`, `minLength` /
/// `maxLength`, `pattern` (see `SchemaPattern` for the supported regular-expression subset).
/// Annotation keywords (`description`, `title`, `$comment`, `examples`, `format`) are accepted
/// and ignored. Anything else is refused by `PolicyParser`, so a typo cannot silently weaken
/// a check.
public struct JSONSchema: Sendable, Equatable {
    /// JSON value types as JSON Schema names them.
    public enum ValueType: String, Sendable, Equatable, CaseIterable {
        case string, integer, number, boolean, object, array, null
    }

    /// One named property and its schema, in the order the policy lists them.
    public struct Property: Sendable, Equatable {
        public var name: String
        public var schema: JSONSchema

        public init(name: String, schema: JSONSchema) {
            self.name = name
            self.schema = schema
        }
    }

    /// What object members not named in `properties` may be.
    public indirect enum Additional: Sendable, Equatable {
        case allowed
        case forbidden
        case schema(JSONSchema)
    }

    /// Allowed types; nil allows any.
    public var types: [ValueType]?
    public var properties: [Property]
    public var required: [String]
    public var enumValues: [JSONValue]?
    /// Schema of array elements (zero or one element; an array gives the recursion a home).
    public var items: [JSONSchema]
    public var additionalProperties: Additional
    public var minimum: Double?
    public var maximum: Double?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: SchemaPattern?

    public init(
        types: [ValueType]? = nil, properties: [Property] = [], required: [String] = [], enumValues: [JSONValue]? = nil,
        items: JSONSchema? = nil, additionalProperties: Additional = .allowed, minimum: Double? = nil,
        maximum: Double? = nil, minLength: Int? = nil, maxLength: Int? = nil, pattern: SchemaPattern? = nil
    ) {
        self.types = types
        self.properties = properties
        self.required = required
        self.enumValues = enumValues
        self.items = items.map { [$0] } ?? []
        self.additionalProperties = additionalProperties
        self.minimum = minimum
        self.maximum = maximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
    }

    /// The schema of a named property, when listed.
    public func property(_ name: String) -> JSONSchema? {
        properties.first { $0.name == name }?.schema
    }

    /// Renders the schema as JSON (the form `PolicyParser` reads back).
    public var jsonValue: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let types {
            members.append(("type", types.count == 1 ? .string(types[0].rawValue) : .array(types.map { .string($0.rawValue) })))
        }
        if !properties.isEmpty {
            members.append(("properties", .object(properties.map { (key: $0.name, value: $0.schema.jsonValue) })))
        }
        if !required.isEmpty { members.append(("required", .array(required.map { .string($0) }))) }
        if let enumValues { members.append(("enum", .array(enumValues))) }
        if let item = items.first { members.append(("items", item.jsonValue)) }
        switch additionalProperties {
        case .allowed: break
        case .forbidden: members.append(("additionalProperties", .bool(false)))
        case .schema(let schema): members.append(("additionalProperties", schema.jsonValue))
        }
        if let minimum { members.append(("minimum", Self.number(minimum))) }
        if let maximum { members.append(("maximum", Self.number(maximum))) }
        if let minLength { members.append(("minLength", .integer(Int64(minLength)))) }
        if let maxLength { members.append(("maxLength", .integer(Int64(maxLength)))) }
        if let pattern { members.append(("pattern", .string(pattern.source))) }
        return .object(members)
    }

    private static func number(_ value: Double) -> JSONValue {
        if value.rounded(.towardZero) == value, abs(value) < 9e15 { return .integer(Int64(value)) }
        return .number(value)
    }
}
