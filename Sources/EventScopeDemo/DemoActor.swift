import EventScopeCore

/// The services (and one intruder) of the demo world, with how each one talks to the broker.
enum DemoActor: Int, Sendable, CaseIterable {
    case order, cart, recommendation, pricing, inventory, notification, payment, shipping, customer, analytics
    /// A leftover batch job with stale credentials: not part of the intended topology.
    case legacyReporting

    /// How a service shapes its event records, so every decoder path gets traffic.
    enum Format: Sendable {
        case envelope
        case cloudEventsStructured
        case cloudEventsBinary
    }

    var name: String {
        switch self {
        case .order: "order-service"
        case .cart: "cart-service"
        case .recommendation: "recommendation-service"
        case .pricing: "pricing-service"
        case .inventory: "inventory-service"
        case .notification: "notification-service"
        case .payment: "payment-service"
        case .shipping: "shipping-service"
        case .customer: "customer-service"
        case .analytics: "analytics-service"
        case .legacyReporting: "legacy-reporting"
        }
    }

    /// The broker's name for the service; shipping authenticates with a client certificate.
    var principal: String { Self.principals[rawValue] }

    // Tables, because building these strings per record would allocate on the hot path.
    private static let principals: [String] = allCases.map {
        $0 == .shipping ? "User:" + shippingCertificateDN : "User:" + $0.name
    }
    private static let hosts: [String] = allCases.map {
        $0 == .legacyReporting ? "10.20.9.99" : "10.20.1.\(11 + $0.rawValue)"
    }

    /// The user name Redpanda reports (its principal mapping strips the certificate DN).
    var redpandaUser: String { name }

    static let shippingCertificateDN = "CN=shipping-service,OU=logistics,O=Shop,C=US"

    var host: String { Self.hosts[rawValue] }

    var format: Format {
        switch self {
        case .cart, .inventory: .cloudEventsStructured
        case .recommendation, .notification: .cloudEventsBinary
        default: .envelope
        }
    }

    /// B3 users on these services emit the single `b3` header instead of the X-B3-* set.
    var usesSingleB3: Bool { self == .notification || self == .inventory }

    /// Typical processing latency before the service publishes its reaction, in ms.
    var latencyRangeMs: ClosedRange<Int64> {
        switch self {
        case .cart: 4...40
        case .recommendation: 40...320
        case .pricing: 2...25
        case .inventory: 8...70
        case .notification: 15...160
        case .payment: 80...420
        case .shipping: 150...900
        default: 1...10
        }
    }
}
