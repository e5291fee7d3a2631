/// A schema as a Schema Registry serves it: its text, format and the schemas it references.
public struct RegisteredSchema: Sendable, Equatable {
    /// A schema this one uses, registered under its own subject and version. For Protobuf the
    /// name is the import path; for Avro it is the referenced named type's full name.
    public struct Reference: Sendable, Equatable {
        public let name: String
        public let subject: String
        public let version: Int

        public init(name: String, subject: String, version: Int) {
            self.name = name
            self.subject = subject
            self.version = version
        }
    }

    public let id: Int32
    public let format: SchemaFormat
    /// Avro schema JSON, `.proto` text or JSON Schema JSON.
    public let text: String
    public let references: [Reference]
    /// The subject and version the schema is registered under, when the registry says.
    public var subject: String?
    public var version: Int?

    public init(id: Int32, format: SchemaFormat, text: String, references: [Reference] = [], subject: String? = nil, version: Int? = nil) {
        self.id = id
        self.format = format
        self.text = text
        self.references = references
        self.subject = subject
        self.version = version
    }
}
