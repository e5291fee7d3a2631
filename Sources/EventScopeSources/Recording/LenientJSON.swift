import EventScopeCore
import EventScopeSchema

/// A JSON value read leniently from a recording line: strings are raw bytes, numbers raw text.
enum LenientJSON {
    case null
    case bool(Bool)
    case number([UInt8])
    case string([UInt8])
    case array([LenientJSON])
    case object([(key: String, value: LenientJSON)])

    /// The value as an integer when it is a number without fraction or exponent.
    var integer: Int64? {
        guard case .number(let digits) = self else { return nil }
        return Int64(String(decoding: digits, as: UTF8.self))
    }
}

/// The parse position over one line; lives for one `RecordingLineDecoder.decode` call.
struct LenientJSONCursor {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    var atEnd: Bool { index >= bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
            index += 1
        }
    }

    /// Parses the line's one top-level object, keeping each member's JSON text range (kcat
    /// writes Avro-decoded keys and payloads as JSON objects, which we keep as text).
    mutating func parseTopLevelObject() throws(RecordingLineError) -> [(key: String, value: LenientJSON, text: Range<Int>)] {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw .notAnObject }
        let members = try parseObject(depth: 0)
        skipWhitespace()
        guard atEnd else { throw .malformed("trailing bytes after the object") }
        return members
    }

    mutating func parseValue(depth: Int) throws(RecordingLineError) -> LenientJSON {
        guard depth < maxDepth else { throw .tooDeep }
        guard index < bytes.count else { throw .malformed("line ends inside a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth).map { ($0.key, $0.value) })
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(parseNumber())
        default: throw .malformed("unexpected byte 0x\(String(bytes[index], radix: 16)) at \(index)")
        }
    }

    private mutating func parseObject(depth: Int) throws(RecordingLineError) -> [(key: String, value: LenientJSON, text: Range<Int>)] {
        index += 1
        var members: [(key: String, value: LenientJSON, text: Range<Int>)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw .malformed("expected a member name at \(index)") }
            let key = String(decoding: try parseString(), as: UTF8.self)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw .malformed("expected ':' at \(index)") }
            index += 1
            skipWhitespace()
            let start = index
            let value = try parseValue(depth: depth + 1)
            members.append((key, value, start..<index))
            skipWhitespace()
            guard index < bytes.count else { throw .malformed("line ends inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return members
            }
            throw .malformed("expected ',' or '}' at \(index)")
        }
    }

    private mutating func parseArray(depth: Int) throws(RecordingLineError) -> [LenientJSON] {
        index += 1
        var items: [LenientJSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw .malformed("line ends inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return items
            }
            throw .malformed("expected ',' or ']' at \(index)")
        }
    }

    /// A string's bytes: escapes decoded, every other byte (even invalid UTF-8) kept as is.
    private mutating func parseString() throws(RecordingLineError) -> [UInt8] {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return out
            }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            let escape = bytes.withUnsafeBufferPointer { JSONEscape.decode($0, backslash: index, into: &out) }
            switch escape {
            case .decoded(let next), .loneSurrogate(let next): index = next
            case .truncated: throw .malformed("line ends inside a string")
            case .badUnicodeEscape: throw .malformed("bad \\u escape at \(index + 2)")
            case .unknownEscape: throw .malformed("bad escape at \(index)")
            }
        }
        throw .malformed("line ends inside a string")
    }

    private mutating func parseNumber() -> [UInt8] {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                return Array(bytes[start..<index])
            }
        }
        return Array(bytes[start..<index])
    }

    private mutating func expect(_ word: String) throws(RecordingLineError) {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            throw .malformed("bad literal at \(index)")
        }
        index += expected.count
    }
}
