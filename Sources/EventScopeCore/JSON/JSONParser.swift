import EventScopeSchema

/// A strict RFC 8259 JSON parser over bytes that is safe on hostile input.
///
/// Hostile-input rules: documents over `maxBytes` are refused before any work, nesting is
/// capped at `maxDepth` (recursion is bounded by it, so the stack cannot overflow), strings
/// must be valid UTF-8 with no raw control characters or lone surrogates, duplicate keys are
/// rejected (two readers could otherwise disagree on which value counts), and nothing may
/// follow the document except whitespace. Memory use is bounded by a small multiple of
/// `maxBytes`.
public struct JSONParser: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 128) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// Parses one complete JSON document.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        guard bytes.count <= maxBytes else { throw .tooLarge(size: bytes.count, limit: maxBytes) }
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            parseBuffer(buffer)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { parseBuffer($0) }.get()
    }

    /// Parses one complete JSON document held in a string.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parseBuffer($0) }.get()
    }

    private func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        guard buffer.count <= maxBytes else { return .failure(.tooLarge(size: buffer.count, limit: maxBytes)) }
        var cursor = Cursor(bytes: buffer, maxDepth: maxDepth)
        do throws(JSONParseError) {
            cursor.skipWhitespace()
            let value = try cursor.parseValue(depth: 0)
            cursor.skipWhitespace()
            guard cursor.index == buffer.count else { throw JSONParseError.trailingContent(offset: cursor.index) }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}

/// The parse position over one buffer; lives only for the duration of one `parse` call.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw .unexpectedEnd }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw .unexpectedByte(bytes[index], offset: index)
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw .unexpectedEnd }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            throw .unexpectedByte(bytes[index + offset], offset: index + offset)
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw .tooDeep(offset: index, limit: maxDepth) }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        // Small objects (the norm) are checked for duplicates by scanning; large ones by set.
        var seenKeys: Set<String>?
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd }
            guard bytes[index] == UInt8(ascii: "\"") else { throw .unexpectedByte(bytes[index], offset: index) }
            let keyOffset = index
            let key = try parseString()
            if members.count >= 16 {
                if seenKeys == nil { seenKeys = Set(members.map(\.key)) }
                guard seenKeys?.insert(key).inserted == true else { throw .duplicateKey(offset: keyOffset) }
            } else if members.contains(where: { $0.key == key }) {
                throw .duplicateKey(offset: keyOffset)
            }
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd }
            guard bytes[index] == UInt8(ascii: ":") else { throw .unexpectedByte(bytes[index], offset: index) }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((key: key, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw .unexpectedByte(bytes[index], offset: index)
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw .tooDeep(offset: index, limit: maxDepth) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: throw .unexpectedByte(bytes[index], offset: index)
            }
        }
    }

    mutating func parseString() throws(JSONParseError) -> String {
        let opening = index
        index += 1
        let start = index
        // Fast path: no escapes, so the string is a slice of the input.
        var highBits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // Pure ASCII is valid UTF-8 and decodes without the generic validator's cost.
                if highBits < 0x80 { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else { throw .invalidUTF8(offset: opening) }
                return text
            }
            highBits |= byte
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw .controlCharacterInString(offset: index) }
            index += 1
        }
        guard index < bytes.count else { throw .unexpectedEnd }
        var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: decoded, as: UTF8.self) else { throw .invalidUTF8(offset: opening) }
                return text
            case UInt8(ascii: "\\"):
                try appendEscape(to: &decoded)
            case 0..<0x20:
                throw .controlCharacterInString(offset: index)
            default:
                decoded.append(byte)
                index += 1
            }
        }
        throw .unexpectedEnd
    }

    private mutating func appendEscape(to decoded: inout [UInt8]) throws(JSONParseError) {
        switch JSONEscape.decode(bytes, backslash: index, into: &decoded) {
        case .decoded(let next): index = next
        case .truncated: throw .unexpectedEnd
        case .loneSurrogate, .unknownEscape, .badUnicodeEscape: throw .invalidEscape(offset: index)
        }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
        var magnitude: Int64 = 0
        var fitsInteger = true
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw .invalidNumber(offset: start) }
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                let digit = Int64(bytes[index] - UInt8(ascii: "0"))
                // Accumulate negatively so Int64.min is representable.
                let (times10, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
                let (next, overflowB) = times10.subtractingReportingOverflow(digit)
                if overflowA || overflowB { fitsInteger = false } else { magnitude = next }
                index += 1
            }
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if isInteger, fitsInteger {
            if negative { return .integer(magnitude) }
            if magnitude != Int64.min { return .integer(-magnitude) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw .invalidNumber(offset: start) }
        return .number(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
