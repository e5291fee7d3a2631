/// Who produced one event, kept as the two different things it is: what the event says about
/// itself, and what the broker authenticated.
///
/// A record carries no authenticated identity, so `declaredSource` (the event's `source`,
/// `ce_source`, `producer` field or header) is a claim anyone who may write the topic can make.
/// `authenticatedProducers` are the principals audit decisions show were allowed to write the
/// topic around the event's time; one of them wrote it, if the audit stream logs allowed writes.
public struct ProducerIdentity: Sendable, Equatable {
    /// How the declared source compares with the authenticated producers.
    public enum Agreement: Sendable, Equatable {
        /// No allowed write on the topic near the event's time is known, or the event declares
        /// no source: nothing to compare.
        case unknown
        /// One of the authenticated producers is the principal the declared source stands for.
        case matches
        /// Principals were allowed to write the topic then, and none is the declared source's.
        case disagrees

        /// The word headless lines use: `matches`, `disagrees` or `unknown`.
        public var name: StaticString {
            switch self {
            case .unknown: "unknown"
            case .matches: "matches"
            case .disagrees: "disagrees"
            }
        }
    }

    public var declaredSource: String?
    /// The principal the declared source maps to (the policy's service map, else the `User:<name>`
    /// naming convention): still only a claim.
    public var claimedPrincipal: String?
    /// Principals in allowed WRITE decisions on the topic within the window of the event's time,
    /// sorted; empty when none was seen.
    public var authenticatedProducers: [String]

    public init(declaredSource: String?, claimedPrincipal: String?, authenticatedProducers: [String]) {
        self.declaredSource = declaredSource
        self.claimedPrincipal = claimedPrincipal
        self.authenticatedProducers = authenticatedProducers
    }

    public var agreement: Agreement {
        guard !authenticatedProducers.isEmpty, let declaredSource else { return .unknown }
        let matched = authenticatedProducers.contains { principal in
            principal == claimedPrincipal || Self.principal(principal, standsFor: declaredSource)
        }
        return matched ? .matches : .disagrees
    }

    /// Whether a principal names the service a source declares: `User:payment-service`, or a
    /// certificate principal whose common name is the service (`User:CN=payment-service,O=Shop`).
    /// Deployments name accounts after services this way; the policy's service map covers the rest.
    public static func principal(_ principal: String, standsFor source: String) -> Bool {
        guard let colon = principal.firstIndex(of: ":") else { return principal == source }
        let name = principal[principal.index(after: colon)...]
        if name == source { return true }
        for part in name.split(separator: ",") {
            let trimmed = part.drop { $0 == " " }
            if trimmed.hasPrefix("CN="), trimmed.dropFirst(3) == source { return true }
        }
        return false
    }
}
