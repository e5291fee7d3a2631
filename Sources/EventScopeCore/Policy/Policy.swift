/// The operator's event-level security policy: per event type where it may travel, who may
/// produce and consume it, its payload schema and sensitive fields; plus which principals each
/// declared service authenticates as.
///
/// A service may have several principals: one certificate identity can appear as its full DN
/// in Kafka's audit trail and as a mapped short name in Redpanda's.
public struct Policy: Sendable {
    public private(set) var eventTypes: [String: EventTypePolicy] = [:]
    /// Event type names in policy order (for stable output).
    public private(set) var eventTypeNames: [String] = []
    /// Service (declared event source) → the principals it authenticates as.
    public private(set) var services: [String: [String]] = [:]
    public private(set) var serviceNames: [String] = []
    /// Topic → the event types the policy allows on it.
    public private(set) var typesByTopic: [String: [String]] = [:]

    public init(eventTypes: [EventTypePolicy], services: [(name: String, principals: [String])] = []) {
        for service in services where self.services[service.name] == nil {
            self.services[service.name] = service.principals
            serviceNames.append(service.name)
        }
        for var rule in eventTypes where self.eventTypes[rule.name] == nil {
            rule.producerPrincipals = resolve(rule.producers)
            rule.consumerPrincipals = resolve(rule.consumers)
            self.eventTypes[rule.name] = rule
            eventTypeNames.append(rule.name)
            for topic in rule.topics { typesByTopic[topic, default: []].append(rule.name) }
        }
    }

    public func rule(for eventType: String) -> EventTypePolicy? { eventTypes[eventType] }

    /// Principals named by a producers/consumers list; nil when it contains `*` (anyone).
    ///
    /// A service name expands to its principals; a name with a `:` is a principal; any other
    /// bare name becomes `User:<name>`, the convention `PrincipalMapper` also follows.
    public func resolve(_ names: [String]) -> Set<String>? {
        var principals: Set<String> = []
        for name in names {
            if name == "*" { return nil }
            if let mapped = services[name] {
                principals.formUnion(mapped)
            } else if name.contains(":") {
                principals.insert(name)
            } else {
                principals.insert("User:" + name)
            }
        }
        return principals
    }

    /// Per topic, the principals the policy lets consume some event type allowed on it: an
    /// empty set when nobody may, nil when anyone may. Trace linking trusts a parent on such a
    /// topic for a consumer named here.
    public var consumersByTopic: [String: Set<String>?] {
        var readers: [String: Set<String>?] = [:]
        for (topic, types) in typesByTopic {
            var allowed: Set<String>? = []
            for type in types {
                guard let consumers = resolve(rule(for: type)?.consumers ?? []) else {
                    allowed = nil
                    break
                }
                allowed?.formUnion(consumers)
            }
            readers[topic] = allowed
        }
        return readers
    }

    /// The source → principal map for `PrincipalMapper.explicit` (each service's first principal).
    public var sourcePrincipals: [String: String] {
        services.compactMapValues(\.first)
    }
}
