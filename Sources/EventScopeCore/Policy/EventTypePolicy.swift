/// The operator's rules for one event type.
///
/// `producers` and `consumers` name principals (`User:order-service`) or services from the
/// policy's service map (`order-service`), or `*` for anyone; `Policy` resolves them to
/// principal sets once, so checks on the hot path are set lookups.
public struct EventTypePolicy: Sendable, Equatable {
    public var name: String
    /// Topics the type may travel on; empty allows any topic.
    public var topics: [String]
    public var producers: [String]
    public var consumers: [String]
    public var schema: JSONSchema?
    /// Payload-relative dotted paths (`address.zip`, `items.*.sku`) of sensitive values.
    public var sensitiveFields: [String]
    /// Whether sensitive fields (or, with none listed, the whole payload) must travel encrypted.
    public var encryptionRequired: Bool
    public var description: String?

    /// Principals allowed to produce, after resolving service names; nil when `*` allows anyone.
    public internal(set) var producerPrincipals: Set<String>? = []
    /// Principals allowed to consume, after resolving service names; nil when `*` allows anyone.
    public internal(set) var consumerPrincipals: Set<String>? = []

    public init(
        name: String, topics: [String] = [], producers: [String] = [], consumers: [String] = [], schema: JSONSchema? = nil,
        sensitiveFields: [String] = [], encryptionRequired: Bool = false, description: String? = nil
    ) {
        self.name = name
        self.topics = topics
        self.producers = producers
        self.consumers = consumers
        self.schema = schema
        self.sensitiveFields = sensitiveFields
        self.encryptionRequired = encryptionRequired
        self.description = description
    }

    public func allowsTopic(_ topic: String) -> Bool { topics.isEmpty || topics.contains(topic) }

    public func allowsProducer(_ principal: String) -> Bool { producerPrincipals?.contains(principal) ?? true }

    public func allowsConsumer(_ principal: String) -> Bool { consumerPrincipals?.contains(principal) ?? true }
}
