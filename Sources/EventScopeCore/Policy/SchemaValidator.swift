/// Checks a payload against a policy schema and reports the first violation with its JSON path.
///
/// Members are checked in document order and `required` afterwards, so the first error is the
/// first wrong thing a reader of the payload meets. Work is bounded: recursion follows the
/// schema (whose depth `PolicyParser` caps) and at most `maxVisitedValues` values are looked at;
/// beyond that validation stops and reports nothing rather than stalling ingest.
public struct SchemaValidator: Sendable {
    /// The first thing wrong with a payload.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        /// JSON path of the offending value (`$.payload.quantity`).
        public var path: String
        public var message: String

        public var description: String { "\(path): \(message)" }
    }

    public var maxVisitedValues: Int

    public init(maxVisitedValues: Int = 10_000) {
        self.maxVisitedValues = maxVisitedValues
    }

    /// The first violation, or nil when the value conforms (or was too large to check fully).
    public func validate(_ value: JSONValue, against schema: JSONSchema, path: String = "$") -> Violation? {
        var budget = maxVisitedValues
        return check(value, schema, path: path, budget: &budget)
    }

    private func check(_ value: JSONValue, _ schema: JSONSchema, path: String, budget: inout Int) -> Violation? {
        guard budget > 0 else { return nil }
        budget -= 1
        if let types = schema.types, !types.contains(where: { Self.conforms(value, to: $0) }) {
            let wanted = types.map(\.rawValue).joined(separator: " or ")
            return Violation(path: path, message: "expected \(wanted), got \(Self.typeName(value))")
        }
        if let allowed = schema.enumValues, !allowed.contains(where: { Self.sameValue($0, value) }) {
            return Violation(path: path, message: "value not in enum")
        }
        switch value {
        case .integer, .number:
            if let number = value.doubleValue {
                if let minimum = schema.minimum, number < minimum {
                    return Violation(path: path, message: "\(JSONValue.format(number)) is below the minimum \(JSONValue.format(minimum))")
                }
                if let maximum = schema.maximum, number > maximum {
                    return Violation(path: path, message: "\(JSONValue.format(number)) is above the maximum \(JSONValue.format(maximum))")
                }
            }
        case .string(let text):
            if schema.minLength != nil || schema.maxLength != nil {
                let length = text.unicodeScalars.count
                if let minLength = schema.minLength, length < minLength {
                    return Violation(path: path, message: "string shorter than \(minLength)")
                }
                if let maxLength = schema.maxLength, length > maxLength {
                    return Violation(path: path, message: "string longer than \(maxLength)")
                }
            }
            if let pattern = schema.pattern, !pattern.matches(text) {
                return Violation(path: path, message: "does not match pattern \(pattern.source)")
            }
        case .object(let members):
            for member in members {
                let memberPath = JSONPathText.appending(member.key, to: path)
                if let propertySchema = schema.property(member.key) {
                    if let violation = check(member.value, propertySchema, path: memberPath, budget: &budget) { return violation }
                } else {
                    switch schema.additionalProperties {
                    case .allowed: break
                    case .forbidden: return Violation(path: memberPath, message: "property not allowed")
                    case .schema(let extra):
                        if let violation = check(member.value, extra, path: memberPath, budget: &budget) { return violation }
                    }
                }
            }
            for name in schema.required where !members.contains(where: { $0.key == name }) {
                return Violation(path: JSONPathText.appending(name, to: path), message: "required property missing")
            }
        case .array(let elements):
            if let itemSchema = schema.items.first {
                for (position, element) in elements.enumerated() {
                    if let violation = check(element, itemSchema, path: "\(path)[\(position)]", budget: &budget) { return violation }
                    if budget <= 0 { return nil }
                }
            }
        case .null, .bool:
            break
        }
        return nil
    }

    static func conforms(_ value: JSONValue, to type: JSONSchema.ValueType) -> Bool {
        switch (type, value) {
        case (.string, .string), (.boolean, .bool), (.object, .object), (.array, .array), (.null, .null): return true
        case (.integer, .integer): return true
        case (.integer, .number(let number)): return number.rounded(.towardZero) == number
        case (.number, .integer), (.number, .number): return true
        default: return false
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// JSON equality where `1` and `1.0` are the same number, as JSON Schema's `enum` requires.
    private static func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return a == b
    }
}
