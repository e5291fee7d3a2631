/// The audit format a decision was parsed from.
public enum AuditFormat: String, Sendable, CaseIterable {
    case confluent
    case redpanda
    case kafkaAuthorizer = "kafka-authorizer"
}

/// One allow/deny (or authentication) decision by a broker, normalised across audit formats.
public struct Decision: Sendable, Equatable {
    /// Epoch milliseconds, when the record carried a time.
    public var timeMs: Int64?
    /// Principal as the broker names it, e.g. `User:order-service` or `None:UNKNOWN_USER`.
    public var principal: String
    /// Kafka ACL operation in upper case (READ, WRITE, DESCRIBE, ...), AUTHENTICATE for logins.
    public var operation: String
    /// TOPIC, GROUP, CLUSTER, TRANSACTIONAL_ID, ...
    public var resourceType: String?
    public var resourceName: String?
    /// LITERAL or PREFIXED where the source says.
    public var patternType: String?
    public var granted: Bool
    public var host: String?
    public var clientId: String?
    /// The rule that decided: ACL text, RBAC binding, super user, default deny, ...
    public var rule: String?
    /// How many identical decisions this record stands for (Redpanda merges repeats).
    public var count: Int
    /// The source's own method or API name (`kafka.Produce`, `produce`, `Fetch`).
    public var method: String?
    public var format: AuditFormat
    /// The raw record or line (capped in length), kept for the detail pane.
    public var raw: String

    public init(
        timeMs: Int64?, principal: String, operation: String, resourceType: String? = nil,
        resourceName: String? = nil, patternType: String? = nil, granted: Bool, host: String? = nil,
        clientId: String? = nil, rule: String? = nil, count: Int = 1, method: String? = nil,
        format: AuditFormat, raw: String = ""
    ) {
        self.timeMs = timeMs
        self.principal = principal
        self.operation = operation
        self.resourceType = resourceType
        self.resourceName = resourceName
        self.patternType = patternType
        self.granted = granted
        self.host = host
        self.clientId = clientId
        self.rule = rule
        self.count = count
        self.method = method
        self.format = format
        self.raw = raw
    }

    /// True when this is a denied attempt to publish (the case operators care most about).
    public var isDeniedPublish: Bool {
        !granted && (operation == "WRITE" || operation == "IDEMPOTENT_WRITE")
    }
}
