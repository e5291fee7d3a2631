/// A parsed JSON document: objects keep their key order, integers keep full 64-bit precision.
///
/// Integers that fit in `Int64` are kept as `.integer` because audit records carry ids such as
/// `connection_id: 166976909279400003` that a `Double` would silently round.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member named `key` when this is an object (first match; the parser rejects duplicates).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// The element at `index` when this is an array and the index is in range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// Looks up a dotted path such as `data.authorizationInfo.granted` or `resources.0.name`.
    ///
    /// A numeric component indexes an array; on an object it is taken as a key.
    public func value(atPath path: String) -> JSONValue? {
        // Compares UTF-8 bytes without allocating: audit parsing does dozens of lookups per
        // record, and Substring/Character comparison costs several times more.
        var path = path
        return path.withUTF8 { pathBytes -> JSONValue? in
            var current = self
            var start = 0
            while true {
                var end = start
                while end < pathBytes.count, pathBytes[end] != UInt8(ascii: ".") { end += 1 }
                let component = UnsafeBufferPointer(rebasing: pathBytes[start..<end])
                switch current {
                case .object(let members):
                    guard let member = members.first(where: { JSONValue.key($0.key, equals: component) }) else { return nil }
                    current = member.value
                case .array(let elements):
                    guard let index = Int(String(decoding: component, as: UTF8.self)), elements.indices.contains(index)
                    else { return nil }
                    current = elements[index]
                default:
                    return nil
                }
                guard end < pathBytes.count else { return current }
                start = end + 1
            }
        }
    }

    private static func key(_ key: String, equals component: UnsafeBufferPointer<UInt8>) -> Bool {
        let utf8 = key.utf8
        guard utf8.count == component.count else { return false }
        if let equal = utf8.withContiguousStorageIfAvailable({ $0.elementsEqual(component) }) { return equal }
        return utf8.elementsEqual(component)
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The boolean, when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The integer, when this is an integer or a number with no fractional part within range.
    public var int64Value: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value):
            guard value.rounded(.towardZero) == value, value >= -9.223372036854775e18, value <= 9.223372036854775e18
            else { return nil }
            return Int64(value)
        default: return nil
        }
    }

    /// The number as a `Double`, when this is numeric.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members in document order, when this is an object.
    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// A scalar rendered as plain text (strings unquoted); nil for arrays, objects and null.
    ///
    /// Audit sources disagree on whether ids are strings or numbers (`correlation_id: "53"` vs
    /// `connection_id: 1669...`), so callers that only want to show them use this.
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .integer(let value): return String(value)
        case .number(let value): return JSONValue.format(value)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number.rounded(.towardZero) == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
