/// A parsed `.proto` file: its package, imports and message and enum declarations.
///
/// The registry serves Protobuf schemas as `.proto` text by default (`GET /schemas/ids/N`
/// returns it without asking, and references are registered the same way), so parsing the text
/// is what works against any registry with no extra request or format flag. Asking for
/// `?format=serialized` would give a FileDescriptorProto, but that means a second request
/// format to support and a second code path, for no information the decoder needs: field
/// names, numbers, types and nesting are all in the text. Options, services, extensions and
/// reserved ranges are read past and ignored, since none of them changes how bytes decode.
public struct ProtoFile: Sendable {
    public enum Label: Sendable { case none, optional, required, repeated }

    struct Field: Sendable {
        var name: String
        var number: Int
        var label: Label
        /// The type as written: a scalar name ("int32") or a message or enum reference.
        var typeName: String
        /// Index into the message's `oneofNames`, when the field is in a oneof.
        var oneofIndex: Int?
        var isGroup = false
        /// For map fields, the synthetic entry message's name (a nested message).
        var isMap = false
    }

    struct Enumeration: Sendable {
        var name: String
        var values: [(name: String, number: Int)]
    }

    struct Message: Sendable {
        var name: String
        var fields: [Field] = []
        /// Nested messages in declaration order, including the synthetic entry message each map
        /// field declares, because Confluent's message indexes count them the same way.
        var nested: [Message] = []
        var enums: [Enumeration] = []
        var oneofNames: [String] = []
        var isMapEntry = false
    }

    /// "proto2", "proto3" or "editions".
    public internal(set) var syntax = "proto2"
    public internal(set) var package = ""
    public internal(set) var imports: [String] = []
    var messages: [Message] = []
    var enums: [Enumeration] = []

    init() {}

    /// Parses `.proto` source text.
    ///
    /// - Throws: A `SchemaDecodingError` naming the line of the first construct it cannot read.
    public init(parsing text: String) throws(SchemaDecodingError) {
        self = try ProtoTextParser.parse(text)
    }

    /// Full names (package.Message) of the top-level messages, in the order message indexes use.
    public var topLevelMessageNames: [String] {
        messages.map { package.isEmpty ? $0.name : package + "." + $0.name }
    }
}
