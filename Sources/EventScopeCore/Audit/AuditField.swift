/// Typed reads of optional JSON fields: absent or null is nil, a wrong type is an error.
///
/// Audit records come from the wire, so a field of the wrong type must turn the record into
/// `.malformed` with the field named, rather than be silently read as missing.
struct AuditField {
    /// The field that had the wrong type and what was expected.
    struct TypeMismatch: Error {
        let path: String
        let expected: String
        var reason: String { "\(path): expected \(expected)" }
    }

    let root: JSONValue

    func value(_ path: String) -> JSONValue? {
        guard let value = root.value(atPath: path), value != .null else { return nil }
        return value
    }

    func string(_ path: String) throws(TypeMismatch) -> String? {
        guard let value = value(path) else { return nil }
        guard let text = value.stringValue else { throw TypeMismatch(path: path, expected: "string") }
        return text
    }

    /// The first of several alternative string fields that is present (`client_id` / `clientId`).
    func firstString(_ paths: String...) throws(TypeMismatch) -> String? {
        for path in paths {
            if let text = try string(path) { return text }
        }
        return nil
    }

    /// A string or a number shown as text (ids arrive as either).
    func scalarText(_ path: String) throws(TypeMismatch) -> String? {
        guard let value = value(path) else { return nil }
        switch value {
        case .string, .integer, .number: return value.scalarText
        default: throw TypeMismatch(path: path, expected: "string or number")
        }
    }

    func bool(_ path: String) throws(TypeMismatch) -> Bool? {
        guard let value = value(path) else { return nil }
        guard let flag = value.boolValue else { throw TypeMismatch(path: path, expected: "boolean") }
        return flag
    }

    func integer(_ path: String) throws(TypeMismatch) -> Int64? {
        guard let value = value(path) else { return nil }
        guard let number = value.int64Value else { throw TypeMismatch(path: path, expected: "integer") }
        return number
    }

    func object(_ path: String) throws(TypeMismatch) -> AuditField? {
        guard let value = value(path) else { return nil }
        guard case .object = value else { throw TypeMismatch(path: path, expected: "object") }
        return AuditField(root: value)
    }

    func array(_ path: String) throws(TypeMismatch) -> [JSONValue]? {
        guard let value = value(path) else { return nil }
        guard let elements = value.arrayValue else { throw TypeMismatch(path: path, expected: "array") }
        return elements
    }
}
