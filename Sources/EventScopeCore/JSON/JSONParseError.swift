/// Why a byte sequence is not a JSON document the parser accepts; offsets are byte positions.
public enum JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge(size: Int, limit: Int)
    case tooDeep(offset: Int, limit: Int)
    case unexpectedEnd
    case unexpectedByte(UInt8, offset: Int)
    case invalidUTF8(offset: Int)
    case invalidEscape(offset: Int)
    case controlCharacterInString(offset: Int)
    case invalidNumber(offset: Int)
    case duplicateKey(offset: Int)
    case trailingContent(offset: Int)

    public var description: String {
        switch self {
        case .tooLarge(let size, let limit): return "document of \(size) bytes exceeds the \(limit)-byte limit"
        case .tooDeep(let offset, let limit): return "nesting deeper than \(limit) at byte \(offset)"
        case .unexpectedEnd: return "unexpected end of input"
        case .unexpectedByte(let byte, let offset): return "unexpected byte 0x\(String(byte, radix: 16)) at byte \(offset)"
        case .invalidUTF8(let offset): return "invalid UTF-8 in string starting at byte \(offset)"
        case .invalidEscape(let offset): return "invalid escape at byte \(offset)"
        case .controlCharacterInString(let offset): return "unescaped control character at byte \(offset)"
        case .invalidNumber(let offset): return "invalid number at byte \(offset)"
        case .duplicateKey(let offset): return "duplicate object key at byte \(offset)"
        case .trailingContent(let offset): return "content after the document at byte \(offset)"
        }
    }
}
