/// Where schemas come from: a Schema Registry over HTTP, or the demo's schemas in process.
///
/// Calls block until the schema arrives or fails; `SchemaResolver` makes them off the ingest
/// path, so an implementation may take the time a network round trip takes.
public protocol SchemaSource: Sendable {
    /// The schema registered under a global id.
    func schema(id: Int32) throws(SchemaFetchError) -> RegisteredSchema
    /// A referenced schema, by subject and version.
    func schema(subject: String, version: Int) throws(SchemaFetchError) -> RegisteredSchema
}

/// Why a schema could not be had; the reason is shown to operators, so it never holds a secret.
public struct SchemaFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The registry answered and does not know the id (or subject/version).
        case notFound
        /// The registry could not be reached or answered with a server error.
        case unreachable
        /// The registry answered with something that is not a usable schema.
        case invalid
    }

    public let kind: Kind
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}
