/// A Protobuf schema compiled from `.proto` text and the files it imports, ready for
/// `ProtobufDecoder`.
///
/// Every message and enum of every file is flattened into tables and each field's type name
/// resolved once by Protobuf's scoping rules, so decoding is a walk over indexes. Imports are
/// supplied by the caller by import path (the registry's schema references); Google's
/// well-known types and Confluent's decimal are built in when not supplied.
public struct ProtobufSchema: Sendable {
    struct MessageNode: Sendable {
        var fullName: String
        /// Fields in declaration order, which is the order they are written in.
        var fieldsStart: Int32 = 0
        var fieldsCount: Int32 = 0
        var nestedStart: Int32 = 0
        var nestedCount: Int32 = 0
        var oneofCount: Int32 = 0
        var wellKnown: ProtobufWellKnownType = .none
        var isMapEntry = false
    }

    struct FieldNode: Sendable {
        var number: Int32
        var key: TextSpan
        var type: ProtobufFieldType
        var isRepeated: Bool
        var isMap: Bool
        /// The message or enum index for message, group and enum fields, else -1.
        var target: Int32
        var oneof: Int32
    }

    struct EnumNode: Sendable {
        var fullName: String
        var valuesStart: Int32
        var valuesCount: Int32
        var isNullValue: Bool
    }

    struct EnumValue: Sendable {
        var number: Int32
        var name: TextSpan
    }

    var messages: [MessageNode] = []
    var fields: [FieldNode] = []
    /// Per message, indexes into `fields` sorted by field number (same start as `fieldsStart`).
    var fieldsByNumber: [Int32] = []
    var nestedMessages: [Int32] = []
    var topLevelMessages: [Int32] = []
    var enums: [EnumNode] = []
    var enumValues: [EnumValue] = []
    var textPool: [UInt8] = []
    var messageByName: [String: Int32] = [:]

    /// The schema's package.
    public private(set) var package = ""

    /// Compiles a schema from `.proto` text and the texts of the files it imports.
    ///
    /// - Parameters:
    ///   - text: The schema's `.proto` source.
    ///   - imports: Imported files' sources keyed by import path ("common/address.proto").
    /// - Throws: When any file does not parse, or a field's type cannot be resolved.
    public init(parsing text: String, imports: [String: String] = [:]) throws(SchemaDecodingError) {
        var parsed: [String: ProtoFile] = [:]
        for (path, source) in imports {
            do throws(SchemaDecodingError) {
                parsed[path] = try ProtoFile(parsing: source)
            } catch {
                throw SchemaDecodingError("\(error.reason) (in import \"\(path)\")")
            }
        }
        try self.init(file: try ProtoFile(parsing: text), imports: parsed)
    }

    /// Compiles a schema from a parsed file and parsed imports keyed by import path.
    public init(file: ProtoFile, imports: [String: ProtoFile]) throws(SchemaDecodingError) {
        package = file.package
        var files = [file]
        var seen = Set<String>()
        var pending = file.imports
        var missing: [String] = []
        while let path = pending.popLast() {
            guard seen.insert(path).inserted else { continue }
            if let supplied = imports[path] {
                files.append(supplied)
                pending.append(contentsOf: supplied.imports)
            } else if let builtIn = ProtobufWellKnownType.builtInFiles[path] {
                files.append(try ProtoFile(parsing: builtIn))
            } else {
                missing.append(path)
            }
        }
        var compiler = ProtobufSchemaCompiler(missingImports: missing.sorted())
        try compiler.compile(files: files)
        messages = compiler.messages
        fields = compiler.fields
        fieldsByNumber = compiler.fieldsByNumber
        nestedMessages = compiler.nestedMessages
        topLevelMessages = compiler.topLevelMessages
        enums = compiler.enums
        enumValues = compiler.enumValues
        textPool = compiler.textPool
        messageByName = compiler.messageByName
    }

    /// Full names of the root file's top-level messages, in declaration order.
    public var topLevelMessageNames: [String] {
        topLevelMessages.map { messages[Int($0)].fullName }
    }

    /// The full name (package.Outer.Inner) of the message a message-index path selects.
    public func messageFullName(at indexes: [Int]) throws(SchemaDecodingError) -> String {
        messages[Int(try messageIndex(at: indexes))].fullName
    }

    /// The message a message-index path selects: the first index among the top-level
    /// messages, each further one among the previous message's nested messages.
    func messageIndex(at indexes: [Int]) throws(SchemaDecodingError) -> Int32 {
        guard let first = indexes.first else { throw SchemaDecodingError("protobuf: empty message index path") }
        guard first >= 0 && first < topLevelMessages.count else {
            throw SchemaDecodingError("protobuf: message index \(first) outside the \(topLevelMessages.count) top-level messages")
        }
        var current = topLevelMessages[first]
        for index in indexes.dropFirst() {
            let message = messages[Int(current)]
            guard index >= 0 && index < Int(message.nestedCount) else {
                throw SchemaDecodingError("protobuf: message index \(index) outside the \(message.nestedCount) messages nested in \(message.fullName)")
            }
            current = nestedMessages[Int(message.nestedStart) + index]
        }
        return current
    }

    /// The message with this full name, for callers that select by name rather than by path.
    func messageIndex(named fullName: String) -> Int32? {
        messageByName[fullName.hasPrefix(".") ? String(fullName.dropFirst()) : fullName]
    }
}
