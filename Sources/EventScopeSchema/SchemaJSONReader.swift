/// Parses schema JSON text into `SchemaJSON`, refusing hostile documents with an error.
///
/// Nesting is capped (recursion stays shallow however deep the input tries to go) and every
/// malformed construct is reported with its byte offset, so a broken schema from a registry
/// produces "schema json: ..." instead of a crash.
struct SchemaJSONReader {
    /// Deep enough for any real schema (a record nests three JSON levels), shallow enough that
    /// recursion can never exhaust the stack.
    static let maxDepth = 256

    private let bytes: [UInt8]
    private var offset = 0

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Parses one JSON document; trailing non-space text is an error.
    static func parse(_ text: String) throws(SchemaDecodingError) -> SchemaJSON {
        var reader = SchemaJSONReader(text)
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        guard reader.offset == reader.bytes.count else {
            throw reader.failure("unexpected text after the document")
        }
        return value
    }

    private func failure(_ what: String) -> SchemaDecodingError {
        SchemaDecodingError("schema json: \(what) at offset \(offset)")
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(SchemaDecodingError) -> SchemaJSON {
        guard depth < Self.maxDepth else { throw failure("nesting deeper than \(Self.maxDepth)") }
        skipWhitespace()
        guard offset < bytes.count else { throw failure("unexpected end of text") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected character '\(Unicode.Scalar(bytes[offset]))'")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(SchemaDecodingError) {
        let length = word.utf8CodeUnitCount
        guard offset + length <= bytes.count else { throw failure("unexpected end of text") }
        for i in 0..<length where bytes[offset + i] != word.utf8Start[i] {
            throw failure("invalid literal")
        }
        offset += length
    }

    private mutating func parseObject(depth: Int) throws(SchemaDecodingError) -> SchemaJSON {
        offset += 1
        var members: [SchemaJSON.Member] = []
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw failure("expected a member name")
            }
            let key = try parseString()
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            offset += 1
            let value = try parseValue(depth: depth + 1)
            members.append(.init(key: key, value: value))
            skipWhitespace()
            guard offset < bytes.count else { throw failure("unterminated object") }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            if bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            throw failure("expected ',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws(SchemaDecodingError) -> SchemaJSON {
        offset += 1
        var elements: [SchemaJSON] = []
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard offset < bytes.count else { throw failure("unterminated array") }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            if bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(SchemaDecodingError) -> SchemaJSON {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        var sawDigit = false
        while offset < bytes.count {
            let b = bytes[offset]
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): break
            default:
                guard sawDigit else { throw failure("invalid number") }
                return .number(String(decoding: bytes[start..<offset], as: UTF8.self))
            }
            offset += 1
        }
        guard sawDigit else { throw failure("invalid number") }
        return .number(String(decoding: bytes[start..<offset], as: UTF8.self))
    }

    private mutating func parseString() throws(SchemaDecodingError) -> String {
        offset += 1
        var scalars: [UInt8] = []
        while offset < bytes.count {
            let b = bytes[offset]
            offset += 1
            if b == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
            if b != UInt8(ascii: "\\") {
                guard b >= 0x20 else { throw failure("control character in string") }
                scalars.append(b)
                continue
            }
            // The shared escape decoder; a schema must be exact, so a wrong escape is an error.
            let outcome = bytes.withUnsafeBufferPointer { JSONEscape.decode($0, backslash: offset - 1, into: &scalars) }
            switch outcome {
            case .decoded(let next), .loneSurrogate(let next): offset = next
            case .unknownEscape: throw failure("invalid escape")
            case .badUnicodeEscape: throw failure("invalid \\u escape")
            case .truncated: throw failure("unterminated string")
            }
        }
        throw failure("unterminated string")
    }
}
