import EventScopeCore

/// One kind of trouble the demo world stages, and when in each period it starts.
public struct DemoTrouble: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// order-service publishes `LoyaltyPointsAwarded`, a type the topology does not know.
        case unknownEventType
        /// order-service publishes an `ItemAddedToCart` with `quantity` as a string and no `cartId`.
        case malformedEvent
        /// Two undecodable records on `orders`: Confluent wire-format Avro (schema id 42) and
        /// truncated JSON with control bytes and invalid UTF-8.
        case undecodableEvent
        /// `User:recommendation-service`, while handling a cascade, tries three times to publish
        /// `OrderItemShipped` on `shipping` and is denied (audited by Redpanda); that cascade has no
        /// `RecommendationsGenerated` branch.
        case compromisedPublish
        /// The shipping service's certificate principal is denied WRITE on `shipping` (audited on
        /// the authorizer log): a checkout
        /// cascade ends at `PaymentAuthorized`, its `OrderItemShipped` never appears.
        case deniedHop
        /// `User:analytics-service` fetches the `customer` topic (granted) once a second for 10 s.
        case forbiddenRead
        /// A `CustomerAddressUpdated` with address, e-mail and phone in clear text, and a checkout
        /// cascade whose `PaymentAuthorized` carries a Luhn-valid card number and e-mail in clear.
        case plaintextPII
        /// `User:legacy-reporting` is denied READ on `payments` 20 times in 1.5 s (audited by
        /// Confluent).
        case denialBurst
        /// `legacy-reporting` fails to authenticate (`None:UNKNOWN_USER`, Redpanda status 2).
        case failedLogin
        /// Broker 2 goes down and comes back 10 s later.
        case brokerOutage
    }

    public let kind: Kind
    /// When it starts, counted from the start of each trouble period.
    public let offsetMs: Int64

    public init(kind: Kind, offsetMs: Int64) {
        self.kind = kind
        self.offsetMs = offsetMs
    }
}
