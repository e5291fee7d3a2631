/// Lenient reads of optional JSON fields in audit records.
///
/// Audit formats drift between versions and products (a host as a string, an array or an
/// object; a flag as `true` or `"true"`; a time as text or a number), and losing a whole
/// decision over the shape of a side field would hide who did what. So every read here takes
/// the plausible shapes and never fails: absent or null is nil, and a value that cannot be read
/// as asked is nil too (or, for `text`, shown as received). Only the parsers decide which
/// fields are essential (the principal and the outcome) and make a record malformed without them.
struct AuditField {
    /// Why an essential field (principal or outcome) cannot be used.
    struct Unusable: Error {
        let path: String
        let problem: String
        var reason: String { "\(path): \(problem)" }
    }

    let root: JSONValue

    func value(_ path: String) -> JSONValue? {
        guard let value = root.value(atPath: path), value != .null else { return nil }
        return value
    }

    /// The field as text: strings as they are, numbers and booleans as written, objects and
    /// arrays as compact JSON (shown as received; the screen escapes whatever they contain).
    func text(_ path: String) -> String? {
        value(path).map(Self.text(of:))
    }

    /// The first of several alternative fields that is present (`client_id` / `clientId`).
    func firstText(_ paths: String...) -> String? {
        for path in paths {
            if let text = text(path) { return text }
        }
        return nil
    }

    /// The field as a string only when it holds a string or a number (names that a person or
    /// a broker would write), never a rendered object.
    func scalar(_ path: String) -> String? {
        guard let value = value(path) else { return nil }
        switch value {
        case .string, .integer, .number: return value.scalarText
        default: return nil
        }
    }

    /// A flag written as a boolean, as `"true"`/`"false"` in any case, or as 1/0.
    func flag(_ path: String) -> Bool? {
        switch value(path) {
        case .bool(let flag)?: return flag
        case .string(let text)?:
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        case .integer(1)?: return true
        case .integer(0)?: return false
        default: return nil
        }
    }

    /// An integer written as a number (without a fraction) or as a string of digits.
    func integer(_ path: String) -> Int64? {
        switch value(path) {
        case .string(let text)?: return Int64(text.trimmingSpaces)
        case let number?: return number.int64Value
        case nil: return nil
        }
    }

    /// A time as RFC 3339 text or as epoch seconds or milliseconds (a number, with or without
    /// a fraction, or its digits in a string).
    func timeMs(_ path: String) -> Int64? {
        switch value(path) {
        case .string(let text)?:
            var text = text
            return text.withUTF8 { Timestamp.parseMs($0) ?? EpochNumber.milliseconds($0) }
        case .integer(let number)?:
            var digits = String(number)
            return digits.withUTF8 { EpochNumber.milliseconds($0) }
        case .number(let number)?:
            // Finite and within years 1970–5138 in either unit, so the conversions cannot trap.
            guard number.isFinite, number >= 0, number < 1e14 else { return nil }
            return number >= 1e11 ? Int64(number) : Int64((number * 1000).rounded(.towardZero))
        default: return nil
        }
    }

    /// The field as an object, or nil when absent or of another shape.
    func object(_ path: String) -> AuditField? {
        guard let value = value(path), case .object = value else { return nil }
        return AuditField(root: value)
    }

    /// The field as a list: an array as it is, any other single value as a list of one
    /// (a lone object where a list is documented still says what it says).
    func list(_ path: String) -> [JSONValue] {
        guard let value = value(path) else { return [] }
        return value.arrayValue ?? [value]
    }

    static func text(of value: JSONValue) -> String {
        value.scalarText ?? value.compactText()
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
