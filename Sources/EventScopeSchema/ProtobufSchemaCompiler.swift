/// Flattens parsed `.proto` files into the tables of a `ProtobufSchema`.
///
/// Names are registered for every file first and fields resolved second, so a field may use a
/// type declared later or in another file. Type references follow Protobuf's scoping: a name is
/// looked up in the innermost enclosing message first, then outward to the package and the root.
struct ProtobufSchemaCompiler {
    let missingImports: [String]
    var messages: [ProtobufSchema.MessageNode] = []
    var fields: [ProtobufSchema.FieldNode] = []
    var fieldsByNumber: [Int32] = []
    var nestedMessages: [Int32] = []
    var topLevelMessages: [Int32] = []
    var enums: [ProtobufSchema.EnumNode] = []
    var enumValues: [ProtobufSchema.EnumValue] = []
    var textPool: [UInt8] = []
    var messageByName: [String: Int32] = [:]
    private var enumByName: [String: Int32] = [:]
    /// Declarations waiting for their fields to be resolved, by message index.
    private var declarations: [(message: ProtoFile.Message, index: Int32)] = []

    init(missingImports: [String]) {
        self.missingImports = missingImports
    }

    private static func qualified(_ scope: String, _ name: String) -> String {
        scope.isEmpty ? name : scope + "." + name
    }

    mutating func compile(files: [ProtoFile]) throws(SchemaDecodingError) {
        for (fileIndex, file) in files.enumerated() {
            for enumeration in file.enums {
                try register(enumeration, scope: file.package)
            }
            for message in file.messages {
                let index = try register(message, scope: file.package)
                if fileIndex == 0 { topLevelMessages.append(index) }
            }
        }
        for (message, index) in declarations {
            try compileFields(message, index: index)
        }
    }

    private mutating func register(_ enumeration: ProtoFile.Enumeration, scope: String) throws(SchemaDecodingError) {
        let fullName = Self.qualified(scope, enumeration.name)
        guard enumByName[fullName] == nil && messageByName[fullName] == nil else {
            throw SchemaDecodingError("protobuf schema: \"\(fullName)\" is declared twice")
        }
        let start = Int32(enumValues.count)
        for value in enumeration.values {
            let nameStart = Int32(textPool.count)
            JSONTextWriter.appendString(value.name, toPool: &textPool)
            enumValues.append(
                .init(
                    number: Int32(truncatingIfNeeded: value.number),
                    name: TextSpan(start: nameStart, length: Int32(textPool.count) - nameStart)))
        }
        enumByName[fullName] = Int32(enums.count)
        enums.append(
            .init(
                fullName: fullName, valuesStart: start, valuesCount: Int32(enumeration.values.count),
                isNullValue: fullName == "google.protobuf.NullValue"))
    }

    @discardableResult
    private mutating func register(_ message: ProtoFile.Message, scope: String) throws(SchemaDecodingError) -> Int32 {
        let fullName = Self.qualified(scope, message.name)
        guard enumByName[fullName] == nil && messageByName[fullName] == nil else {
            throw SchemaDecodingError("protobuf schema: \"\(fullName)\" is declared twice")
        }
        let index = Int32(messages.count)
        messages.append(
            .init(
                fullName: fullName, oneofCount: Int32(message.oneofNames.count),
                wellKnown: ProtobufWellKnownType(fullName: fullName), isMapEntry: message.isMapEntry))
        messageByName[fullName] = index
        declarations.append((message, index))
        for enumeration in message.enums {
            try register(enumeration, scope: fullName)
        }
        var nested: [Int32] = []
        for child in message.nested {
            nested.append(try register(child, scope: fullName))
        }
        messages[Int(index)].nestedStart = Int32(nestedMessages.count)
        messages[Int(index)].nestedCount = Int32(nested.count)
        nestedMessages.append(contentsOf: nested)
        return index
    }

    private enum Resolved {
        case message(Int32)
        case enumeration(Int32)
    }

    private func resolve(_ typeName: String, scope: String) -> Resolved? {
        func lookup(_ name: String) -> Resolved? {
            if let index = messageByName[name] { return .message(index) }
            if let index = enumByName[name] { return .enumeration(index) }
            return nil
        }
        if typeName.hasPrefix(".") { return lookup(String(typeName.dropFirst())) }
        var current = Substring(scope)
        while true {
            if let found = lookup(Self.qualified(String(current), typeName)) { return found }
            guard !current.isEmpty else { return nil }
            current = current.lastIndex(of: ".").map { current[..<$0] } ?? ""
        }
    }

    private mutating func compileFields(_ message: ProtoFile.Message, index: Int32) throws(SchemaDecodingError) {
        let fullName = messages[Int(index)].fullName
        let start = Int32(fields.count)
        var numbers = Set<Int>()
        for field in message.fields {
            guard field.number >= 1 && field.number <= 536_870_911 else {
                throw SchemaDecodingError("protobuf schema: field \"\(field.name)\" in \(fullName) has invalid number \(field.number)")
            }
            guard numbers.insert(field.number).inserted else {
                throw SchemaDecodingError("protobuf schema: field number \(field.number) is used twice in \(fullName)")
            }
            var type: ProtobufFieldType
            var target: Int32 = -1
            if let scalar = ProtobufFieldType.scalars[field.typeName] {
                type = scalar
            } else {
                switch resolve(field.typeName, scope: fullName) {
                case .message(let found)?:
                    type = field.isGroup ? .group : .message
                    target = found
                case .enumeration(let found)?:
                    type = .enumeration
                    target = found
                case nil:
                    let hint = missingImports.isEmpty ? "" : " (imports not supplied: \(missingImports.joined(separator: ", ")))"
                    throw SchemaDecodingError("protobuf schema: unknown type \"\(field.typeName)\" for field \"\(field.name)\" in \(fullName)\(hint)")
                }
            }
            let keyStart = Int32(textPool.count)
            JSONTextWriter.appendString(field.name, toPool: &textPool)
            textPool.append(UInt8(ascii: ":"))
            fields.append(
                .init(
                    number: Int32(field.number), key: TextSpan(start: keyStart, length: Int32(textPool.count) - keyStart),
                    type: type, isRepeated: field.label == .repeated, isMap: field.isMap, target: target,
                    oneof: Int32(field.oneofIndex ?? -1)))
        }
        let count = Int32(message.fields.count)
        messages[Int(index)].fieldsStart = start
        messages[Int(index)].fieldsCount = count
        // fieldsByNumber is indexed in parallel with fields: append this message's sorted order.
        let sorted = (start..<(start + count)).sorted { fields[Int($0)].number < fields[Int($1)].number }
        fieldsByNumber.append(contentsOf: sorted)
    }
}
