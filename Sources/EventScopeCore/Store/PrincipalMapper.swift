/// Maps a declared event source (a service name) to the broker principal that produces it.
///
/// The policy's service map wins; otherwise a source that already looks like a principal
/// (`User:...`) is kept and a bare service name becomes `User:<name>`, the convention of
/// SASL and mTLS deployments where the service account is named after the service.
public struct PrincipalMapper: Sendable {
    public var explicit: [String: String]

    public init(explicit: [String: String] = [:]) {
        self.explicit = explicit
    }

    public func principal(forSource source: String) -> String {
        if let mapped = explicit[source] { return mapped }
        if source.contains(":") && !source.contains("/") { return source }
        return "User:" + source
    }
}
