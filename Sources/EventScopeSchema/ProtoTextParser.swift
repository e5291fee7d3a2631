/// Reads `.proto` source text into a `ProtoFile`.
///
/// The grammar covered is what decoding needs from proto2, proto3 and editions files: packages,
/// imports, messages (nested to a capped depth), enums, fields with labels, maps, oneofs and
/// groups. Options, reserved ranges, extension ranges, `extend` blocks and services are skipped
/// by balanced brackets, so unfamiliar option syntax cannot derail the parse.
struct ProtoTextParser {
    /// Messages nested deeper than this are refused rather than recursed into.
    static let maxNesting = 64

    private enum TokenKind: Equatable { case identifier, number, string, symbol }

    private struct Token {
        var kind: TokenKind
        var text: String
        var line: Int
    }

    private var tokens: [Token] = []
    private var position = 0

    static func parse(_ text: String) throws(SchemaDecodingError) -> ProtoFile {
        var parser = ProtoTextParser()
        try parser.tokenize(Array(text.utf8))
        return try parser.parseFile()
    }

    // MARK: Tokens

    private mutating func tokenize(_ bytes: [UInt8]) throws(SchemaDecodingError) {
        var i = 0
        var line = 1
        let count = bytes.count
        func isIdentifierByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }
        while i < count {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                i += 1
                continue
            }
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C || b == 0x0B {
                i += 1
                continue
            }
            if b == UInt8(ascii: "/") && i + 1 < count && bytes[i + 1] == UInt8(ascii: "/") {
                while i < count && bytes[i] != 0x0A { i += 1 }
                continue
            }
            if b == UInt8(ascii: "/") && i + 1 < count && bytes[i + 1] == UInt8(ascii: "*") {
                i += 2
                while i < count && !(bytes[i] == UInt8(ascii: "*") && i + 1 < count && bytes[i + 1] == UInt8(ascii: "/")) {
                    if bytes[i] == 0x0A { line += 1 }
                    i += 1
                }
                guard i < count else { throw SchemaDecodingError("protobuf schema: unterminated comment at line \(line)") }
                i += 2
                continue
            }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                let quote = b
                var text: [UInt8] = []
                i += 1
                while i < count && bytes[i] != quote {
                    if bytes[i] == 0x0A { throw SchemaDecodingError("protobuf schema: newline in string at line \(line)") }
                    if bytes[i] == UInt8(ascii: "\\") && i + 1 < count {
                        text.append(bytes[i + 1])
                        i += 2
                        continue
                    }
                    text.append(bytes[i])
                    i += 1
                }
                guard i < count else { throw SchemaDecodingError("protobuf schema: unterminated string at line \(line)") }
                i += 1
                tokens.append(Token(kind: .string, text: String(decoding: text, as: UTF8.self), line: line))
                continue
            }
            if isIdentifierByte(b) {
                let start = i
                let isNumber = b >= 0x30 && b <= 0x39
                while i < count
                    && (isIdentifierByte(bytes[i])
                        || (isNumber
                            && (bytes[i] == UInt8(ascii: ".")
                                || ((bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+"))
                                    && (bytes[i - 1] == UInt8(ascii: "e") || bytes[i - 1] == UInt8(ascii: "E"))))))
                {
                    i += 1
                }
                tokens.append(
                    Token(
                        kind: isNumber ? .number : .identifier,
                        text: String(decoding: bytes[start..<i], as: UTF8.self), line: line))
                continue
            }
            tokens.append(Token(kind: .symbol, text: String(UnicodeScalar(b)), line: line))
            i += 1
        }
    }

    private var current: Token? { position < tokens.count ? tokens[position] : nil }

    private func failure(_ what: String) -> SchemaDecodingError {
        if let token = current {
            return SchemaDecodingError("protobuf schema: \(what) at line \(token.line) near \"\(token.text.prefix(40))\"")
        }
        return SchemaDecodingError("protobuf schema: \(what) at end of text")
    }

    private func isSymbol(_ symbol: String) -> Bool {
        current.map { $0.kind == .symbol && $0.text == symbol } ?? false
    }

    private func isWord(_ word: String) -> Bool {
        current.map { $0.kind == .identifier && $0.text == word } ?? false
    }

    private mutating func expectSymbol(_ symbol: String) throws(SchemaDecodingError) {
        guard isSymbol(symbol) else { throw failure("expected '\(symbol)'") }
        position += 1
    }

    private mutating func identifier() throws(SchemaDecodingError) -> String {
        guard let token = current, token.kind == .identifier else { throw failure("expected a name") }
        position += 1
        return token.text
    }

    /// A possibly dotted name, with a leading dot kept for fully qualified references.
    private mutating func dottedName() throws(SchemaDecodingError) -> String {
        var name = ""
        if isSymbol(".") {
            name = "."
            position += 1
        }
        name += try identifier()
        while isSymbol(".") {
            position += 1
            name += "." + (try identifier())
        }
        return name
    }

    private mutating func integer() throws(SchemaDecodingError) -> Int {
        var negative = false
        if isSymbol("-") {
            negative = true
            position += 1
        }
        guard let token = current, token.kind == .number else { throw failure("expected a number") }
        let text = token.text
        let value: Int?
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            value = Int(text.dropFirst(2), radix: 16)
        } else if text.count > 1 && text.hasPrefix("0") {
            value = Int(text.dropFirst(), radix: 8)
        } else {
            value = Int(text)
        }
        guard let number = value, number <= Int(UInt32.max) else { throw failure("invalid number") }
        position += 1
        return negative ? -number : number
    }

    private mutating func stringLiteral() throws(SchemaDecodingError) -> String {
        guard let token = current, token.kind == .string else { throw failure("expected a string") }
        position += 1
        var text = token.text
        // Adjacent string literals concatenate.
        while let next = current, next.kind == .string {
            text += next.text
            position += 1
        }
        return text
    }

    /// Skips to and past the next ';' at bracket depth zero, or past a balanced `{...}` block.
    private mutating func skipStatement() throws(SchemaDecodingError) {
        var depth = 0
        while let token = current {
            position += 1
            guard token.kind == .symbol else { continue }
            switch token.text {
            case "{", "[", "(", "<": depth += 1
            case "}", "]", ")", ">":
                depth -= 1
                if depth < 0 { throw failure("unbalanced '\(token.text)'") }
                if depth == 0 && token.text == "}" {
                    if isSymbol(";") { position += 1 }
                    return
                }
            case ";" where depth == 0: return
            default: break
            }
        }
        throw failure("unterminated statement")
    }

    /// Skips a bracketed option list `[...]` if present.
    private mutating func skipFieldOptions() throws(SchemaDecodingError) {
        guard isSymbol("[") else { return }
        var depth = 0
        while let token = current {
            position += 1
            if token.kind == .symbol && (token.text == "[" || token.text == "{") { depth += 1 }
            if token.kind == .symbol && (token.text == "]" || token.text == "}") {
                depth -= 1
                if depth == 0 { return }
            }
        }
        throw failure("unterminated field options")
    }

    // MARK: Declarations

    private mutating func parseFile() throws(SchemaDecodingError) -> ProtoFile {
        var file = ProtoFile()
        while let token = current {
            if token.kind == .symbol && token.text == ";" {
                position += 1
                continue
            }
            guard token.kind == .identifier else { throw failure("unexpected symbol") }
            switch token.text {
            case "syntax":
                position += 1
                try expectSymbol("=")
                file.syntax = try stringLiteral()
                try expectSymbol(";")
            case "edition":
                position += 1
                try skipStatement()
                file.syntax = "editions"
            case "package":
                position += 1
                file.package = try dottedName()
                try expectSymbol(";")
            case "import":
                position += 1
                if isWord("public") || isWord("weak") { position += 1 }
                file.imports.append(try stringLiteral())
                try expectSymbol(";")
            case "message":
                position += 1
                file.messages.append(try parseMessage(depth: 0))
            case "enum":
                position += 1
                file.enums.append(try parseEnum())
            case "option", "service", "extend":
                try skipStatement()
            default:
                throw failure("unexpected \"\(token.text)\"")
            }
        }
        return file
    }

    private mutating func parseMessage(depth: Int) throws(SchemaDecodingError) -> ProtoFile.Message {
        guard depth < Self.maxNesting else { throw failure("messages nested deeper than \(Self.maxNesting)") }
        var message = ProtoFile.Message(name: try identifier())
        try expectSymbol("{")
        try parseMessageBody(into: &message, depth: depth)
        return message
    }

    private mutating func parseMessageBody(into message: inout ProtoFile.Message, depth: Int) throws(SchemaDecodingError) {
        while true {
            guard let token = current else { throw failure("unterminated message \"\(message.name)\"") }
            if token.kind == .symbol && token.text == "}" {
                position += 1
                return
            }
            if token.kind == .symbol && token.text == ";" {
                position += 1
                continue
            }
            guard token.kind == .identifier || (token.kind == .symbol && token.text == ".") else {
                throw failure("unexpected symbol in message \"\(message.name)\"")
            }
            switch token.text {
            case "message":
                position += 1
                message.nested.append(try parseMessage(depth: depth + 1))
            case "enum":
                position += 1
                message.enums.append(try parseEnum())
            case "option", "reserved", "extensions", "extend":
                try skipStatement()
            case "oneof":
                position += 1
                let oneofIndex = message.oneofNames.count
                message.oneofNames.append(try identifier())
                try expectSymbol("{")
                while !isSymbol("}") {
                    guard current != nil else { throw failure("unterminated oneof") }
                    if isSymbol(";") {
                        position += 1
                        continue
                    }
                    if isWord("option") {
                        try skipStatement()
                        continue
                    }
                    try parseField(into: &message, label: .none, oneofIndex: oneofIndex, depth: depth)
                }
                position += 1
            case "map" where position + 1 < tokens.count && tokens[position + 1].text == "<":
                try parseMapField(into: &message)
            default:
                var label = ProtoFile.Label.none
                switch token.text {
                case "optional": label = .optional
                case "required": label = .required
                case "repeated": label = .repeated
                default: break
                }
                if label != .none { position += 1 }
                try parseField(into: &message, label: label, oneofIndex: nil, depth: depth)
            }
        }
    }

    private mutating func parseField(
        into message: inout ProtoFile.Message, label: ProtoFile.Label, oneofIndex: Int?,
        depth: Int
    ) throws(SchemaDecodingError) {
        if isWord("group") && position + 1 < tokens.count && tokens[position + 1].kind == .identifier {
            position += 1
            let groupName = try identifier()
            try expectSymbol("=")
            let number = try integer()
            try skipFieldOptions()
            try expectSymbol("{")
            guard depth + 1 < Self.maxNesting else { throw failure("messages nested deeper than \(Self.maxNesting)") }
            var group = ProtoFile.Message(name: groupName)
            try parseMessageBody(into: &group, depth: depth + 1)
            message.nested.append(group)
            message.fields.append(
                .init(
                    name: groupName.lowercased(), number: number, label: label, typeName: groupName,
                    oneofIndex: oneofIndex, isGroup: true))
            return
        }
        let typeName = try dottedName()
        let name = try identifier()
        try expectSymbol("=")
        let number = try integer()
        try skipFieldOptions()
        try expectSymbol(";")
        message.fields.append(.init(name: name, number: number, label: label, typeName: typeName, oneofIndex: oneofIndex))
    }

    private mutating func parseMapField(into message: inout ProtoFile.Message) throws(SchemaDecodingError) {
        position += 1  // map
        try expectSymbol("<")
        let keyType = try dottedName()
        try expectSymbol(",")
        let valueType = try dottedName()
        try expectSymbol(">")
        let name = try identifier()
        try expectSymbol("=")
        let number = try integer()
        try skipFieldOptions()
        try expectSymbol(";")
        let entryName = Self.mapEntryName(for: name)
        var entry = ProtoFile.Message(name: entryName, isMapEntry: true)
        entry.fields = [
            .init(name: "key", number: 1, label: .optional, typeName: keyType),
            .init(name: "value", number: 2, label: .optional, typeName: valueType),
        ]
        message.nested.append(entry)
        message.fields.append(.init(name: name, number: number, label: .repeated, typeName: entryName, isMap: true))
    }

    /// The entry message protoc synthesizes for a map field: "tag_counts" → "TagCountsEntry".
    static func mapEntryName(for fieldName: String) -> String {
        var result = ""
        var upperNext = true
        for character in fieldName {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result + "Entry"
    }

    private mutating func parseEnum() throws(SchemaDecodingError) -> ProtoFile.Enumeration {
        var enumeration = ProtoFile.Enumeration(name: try identifier(), values: [])
        try expectSymbol("{")
        while true {
            guard let token = current else { throw failure("unterminated enum \"\(enumeration.name)\"") }
            if token.kind == .symbol && token.text == "}" {
                position += 1
                return enumeration
            }
            if token.kind == .symbol && token.text == ";" {
                position += 1
                continue
            }
            if token.kind == .identifier && (token.text == "option" || token.text == "reserved") {
                try skipStatement()
                continue
            }
            let name = try identifier()
            try expectSymbol("=")
            let number = try integer()
            try skipFieldOptions()
            try expectSymbol(";")
            enumeration.values.append((name, number))
        }
    }
}
