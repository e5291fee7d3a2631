/// Reads a policy file (JSON) into a `Policy`, reporting every error with its JSON path.
///
/// The file comes from a user and may be hostile or simply wrong: size, nesting, counts and
/// the number of reported errors are capped, unknown keys are errors (a misspelt
/// `encryptionRequred` must not silently turn a check off), and nothing in it can crash or
/// stall the parser. The format is shown by `PolicyExample.text`.
public struct PolicyParser: Sendable {
    /// Files larger than this are refused before parsing.
    public static let maxBytes = 4 << 20
    /// JSON nesting accepted at all.
    public static let maxJSONDepth = 64
    /// Nesting of schemas inside schemas.
    public static let maxSchemaDepth = 24
    public static let maxEventTypes = 10_000
    /// Errors reported in full; the rest are counted.
    public static let maxReportedErrors = 200

    /// Every error found (up to `maxReportedErrors`), and how many more there were.
    public struct Failure: Error, Sendable, Equatable {
        public var errors: [PolicyError]
        public var unreported: Int
    }

    public init() {}

    /// Parses a policy document.
    public func parse(_ bytes: some Collection<UInt8>) -> Result<Policy, Failure> {
        var errors = ErrorList()
        guard bytes.count <= Self.maxBytes else {
            errors.add("$", "file of \(bytes.count) bytes exceeds the \(Self.maxBytes)-byte limit")
            return .failure(errors.failure)
        }
        let root: JSONValue
        do {
            root = try JSONParser(maxBytes: Self.maxBytes, maxDepth: Self.maxJSONDepth).parse(bytes)
        } catch {
            errors.add("$", "not valid JSON: \(error.description)")
            return .failure(errors.failure)
        }
        let policy = readPolicy(root, errors: &errors)
        if let policy, errors.isEmpty { return .success(policy) }
        return .failure(errors.failure)
    }

    /// Parses a policy held in a string.
    public func parse(_ text: String) -> Result<Policy, Failure> {
        parse(Array(text.utf8))
    }

    private func readPolicy(_ root: JSONValue, errors: inout ErrorList) -> Policy? {
        guard let members = root.objectMembers else {
            errors.add("$", "expected an object with \"eventTypes\", got \(SchemaValidator.typeName(root))")
            return nil
        }
        var services: [(name: String, principals: [String])] = []
        var eventTypes: [EventTypePolicy] = []
        var sawEventTypes = false
        for (key, value) in members {
            let path = JSONPathText.appending(key, to: "$")
            switch key {
            case "version":
                if value.int64Value != 1 { errors.add(path, "unsupported version (this evscope reads version 1)") }
            case "description", "$comment":
                if value.stringValue == nil { errors.add(path, "expected a string") }
            case "services":
                services = readServices(value, path: path, errors: &errors)
            case "eventTypes":
                sawEventTypes = true
                eventTypes = readEventTypes(value, path: path, errors: &errors)
            default:
                errors.add(path, "unknown key \(Self.quoted(key)) (expected version, description, services, eventTypes)")
            }
        }
        if !sawEventTypes { errors.add("$.eventTypes", "missing: the policy needs an \"eventTypes\" object") }
        return Policy(eventTypes: eventTypes, services: services)
    }

    private func readServices(_ value: JSONValue, path: String, errors: inout ErrorList) -> [(name: String, principals: [String])] {
        guard let members = value.objectMembers else {
            errors.add(path, "expected an object mapping service names to principals, got \(SchemaValidator.typeName(value))")
            return []
        }
        var services: [(name: String, principals: [String])] = []
        for (name, mapping) in members {
            let servicePath = JSONPathText.appending(name, to: path)
            if name == "description" || name == "$comment" {
                if mapping.stringValue == nil { errors.add(servicePath, "expected a string") }
                continue
            }
            if name.isEmpty { errors.add(servicePath, "empty service name") }
            if let principal = mapping.stringValue {
                if principal.isEmpty { errors.add(servicePath, "empty principal") } else { services.append((name, [principal])) }
            } else if mapping.arrayValue != nil {
                let principals = readStrings(mapping, path: servicePath, errors: &errors)
                if principals.isEmpty { errors.add(servicePath, "expected at least one principal") }
                services.append((name, principals))
            } else {
                errors.add(servicePath, "expected a principal string or an array of them, got \(SchemaValidator.typeName(mapping))")
            }
        }
        return services
    }

    private func readEventTypes(_ value: JSONValue, path: String, errors: inout ErrorList) -> [EventTypePolicy] {
        guard let members = value.objectMembers else {
            errors.add(path, "expected an object keyed by event type, got \(SchemaValidator.typeName(value))")
            return []
        }
        if members.count > Self.maxEventTypes {
            errors.add(path, "\(members.count) event types exceed the limit of \(Self.maxEventTypes)")
            return []
        }
        var rules: [EventTypePolicy] = []
        for (name, body) in members {
            let typePath = JSONPathText.appending(name, to: path)
            if name.isEmpty { errors.add(typePath, "empty event type name") }
            if let rule = readEventType(name, body, path: typePath, errors: &errors) { rules.append(rule) }
        }
        return rules
    }

    private func readEventType(_ name: String, _ body: JSONValue, path: String, errors: inout ErrorList) -> EventTypePolicy? {
        guard let members = body.objectMembers else {
            errors.add(path, "expected an object, got \(SchemaValidator.typeName(body))")
            return nil
        }
        var rule = EventTypePolicy(name: name)
        for (key, value) in members {
            let keyPath = JSONPathText.appending(key, to: path)
            switch key {
            case "topics": rule.topics = readStrings(value, path: keyPath, errors: &errors)
            case "producers": rule.producers = readStrings(value, path: keyPath, errors: &errors)
            case "consumers": rule.consumers = readStrings(value, path: keyPath, errors: &errors)
            case "schema": rule.schema = readSchema(value, path: keyPath, depth: 0, errors: &errors)
            case "sensitiveFields":
                rule.sensitiveFields = readStrings(value, path: keyPath, errors: &errors)
                for (index, field) in rule.sensitiveFields.enumerated() where !Self.isFieldPath(field) {
                    errors.add(JSONPathText.appending(index, to: keyPath), "not a dotted field path: \(Self.quoted(field))")
                }
            case "encryptionRequired":
                if let flag = value.boolValue {
                    rule.encryptionRequired = flag
                } else {
                    errors.add(keyPath, "expected true or false, got \(SchemaValidator.typeName(value))")
                }
            case "description", "$comment":
                if let text = value.stringValue { rule.description = text } else { errors.add(keyPath, "expected a string") }
            default:
                errors.add(
                    keyPath,
                    "unknown key \(Self.quoted(key)) (expected topics, producers, consumers, schema, sensitiveFields, encryptionRequired, description)")
            }
        }
        return rule
    }

    private func readStrings(_ value: JSONValue, path: String, errors: inout ErrorList) -> [String] {
        guard let elements = value.arrayValue else {
            errors.add(path, "expected an array of strings, got \(SchemaValidator.typeName(value))")
            return []
        }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            if let text = element.stringValue, !text.isEmpty {
                strings.append(text)
            } else {
                errors.add(
                    JSONPathText.appending(index, to: path),
                    element.stringValue == nil ? "expected a string, got \(SchemaValidator.typeName(element))" : "empty string")
            }
        }
        return strings
    }

    private func readSchema(_ value: JSONValue, path: String, depth: Int, errors: inout ErrorList) -> JSONSchema? {
        guard depth < Self.maxSchemaDepth else {
            errors.add(path, "schema nested deeper than \(Self.maxSchemaDepth) levels")
            return nil
        }
        guard let members = value.objectMembers else {
            errors.add(path, "expected a schema object, got \(SchemaValidator.typeName(value))")
            return nil
        }
        var schema = JSONSchema()
        for (key, keywordValue) in members {
            let keyPath = JSONPathText.appending(key, to: path)
            switch key {
            case "type": schema.types = readTypes(keywordValue, path: keyPath, errors: &errors)
            case "properties":
                guard let properties = keywordValue.objectMembers else {
                    errors.add(keyPath, "expected an object of property schemas, got \(SchemaValidator.typeName(keywordValue))")
                    continue
                }
                for (name, propertyValue) in properties {
                    let propertyPath = JSONPathText.appending(name, to: keyPath)
                    if let property = readSchema(propertyValue, path: propertyPath, depth: depth + 1, errors: &errors) {
                        schema.properties.append(JSONSchema.Property(name: name, schema: property))
                    }
                }
            case "required": schema.required = readStrings(keywordValue, path: keyPath, errors: &errors)
            case "enum":
                if let values = keywordValue.arrayValue, !values.isEmpty {
                    schema.enumValues = values
                } else {
                    errors.add(keyPath, "expected a non-empty array")
                }
            case "items":
                if let items = readSchema(keywordValue, path: keyPath, depth: depth + 1, errors: &errors) { schema.items = [items] }
            case "additionalProperties":
                if let flag = keywordValue.boolValue {
                    schema.additionalProperties = flag ? .allowed : .forbidden
                } else if let extra = readSchema(keywordValue, path: keyPath, depth: depth + 1, errors: &errors) {
                    schema.additionalProperties = .schema(extra)
                }
            case "minimum", "maximum":
                guard let number = keywordValue.doubleValue else {
                    errors.add(keyPath, "expected a number, got \(SchemaValidator.typeName(keywordValue))")
                    continue
                }
                if key == "minimum" { schema.minimum = number } else { schema.maximum = number }
            case "minLength", "maxLength":
                guard let length = keywordValue.int64Value, length >= 0, length <= Int64(Int32.max) else {
                    errors.add(keyPath, "expected a non-negative integer")
                    continue
                }
                if key == "minLength" { schema.minLength = Int(length) } else { schema.maxLength = Int(length) }
            case "pattern":
                guard let source = keywordValue.stringValue else {
                    errors.add(keyPath, "expected a string, got \(SchemaValidator.typeName(keywordValue))")
                    continue
                }
                do {
                    schema.pattern = try SchemaPattern(source)
                } catch {
                    errors.add(keyPath, "unsupported pattern: \(error.message)")
                }
            case "description", "title", "$comment", "examples", "format", "default":
                break
            default:
                errors.add(keyPath, "unknown or unsupported schema keyword \(Self.quoted(key))")
            }
        }
        if let minimum = schema.minimum, let maximum = schema.maximum, minimum > maximum {
            errors.add(path, "minimum \(JSONValue.format(minimum)) is above maximum \(JSONValue.format(maximum))")
        }
        return schema
    }

    private func readTypes(_ value: JSONValue, path: String, errors: inout ErrorList) -> [JSONSchema.ValueType]? {
        let names: [(String?, String, JSONValue)]
        if value.stringValue != nil {
            names = [(value.stringValue, path, value)]
        } else if let elements = value.arrayValue, !elements.isEmpty {
            names = elements.enumerated().map { ($0.element.stringValue, JSONPathText.appending($0.offset, to: path), $0.element) }
        } else {
            errors.add(path, "expected a type name or a non-empty array of them")
            return nil
        }
        var types: [JSONSchema.ValueType] = []
        for (name, elementPath, element) in names {
            guard let name else {
                errors.add(elementPath, "expected a type name, got \(SchemaValidator.typeName(element))")
                continue
            }
            if let type = JSONSchema.ValueType(rawValue: name) {
                types.append(type)
            } else {
                errors.add(elementPath, "unknown type \(Self.quoted(name)) (expected string, integer, number, boolean, object, array or null)")
            }
        }
        return types.isEmpty ? nil : types
    }

    /// Dotted names with no empty segment; `*` stands for any key or array index.
    static func isFieldPath(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 512 else { return false }
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        return segments.count <= 16 && !segments.contains(where: \.isEmpty)
    }

    static func quoted(_ text: String) -> String {
        var out = ""
        JSONLineWriter.appendString(String(text.prefix(200)), to: &out)
        return out
    }

    /// Errors collected so far, capped.
    private struct ErrorList {
        var errors: [PolicyError] = []
        var unreported = 0

        var isEmpty: Bool { errors.isEmpty && unreported == 0 }
        var isFull: Bool { errors.count >= PolicyParser.maxReportedErrors }
        var failure: Failure { Failure(errors: errors, unreported: unreported) }

        mutating func add(_ path: String, _ message: String) {
            if isFull { unreported += 1 } else { errors.append(PolicyError(path: path, message: message)) }
        }
    }
}
