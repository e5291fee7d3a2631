/// Maps a declared event source (a service name) to the broker principal it claims to be.
///
/// The result is the event's claim, not who wrote it: the policy checks it, and screens compare
/// it with the principals audit decisions show were allowed to write (`AuthenticatedWrites`).
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
        // A byte scan: `String.contains(String)` goes through Foundation's locale-aware search,
        // which measured ~5% of ingest time.
        var hasColon = false
        for byte in source.utf8 {
            if byte == UInt8(ascii: "/") { return "User:" + source }
            if byte == UInt8(ascii: ":") { hasColon = true }
        }
        if hasColon { return source }
        return "User:" + source
    }
}
