import EventScopeCore

extension Policy {
    /// The demo world's built-in policy, built from `DemoWorld.topology`.
    ///
    /// Producers and consumers are named by service, and each service maps to its principal
    /// plus, for the certificate-authenticated shipping service, the short user name Redpanda's
    /// principal mapping reports — so the same service is recognised in every audit format.
    /// Types whose payload travels as one ciphertext get no schema: nothing (neither the broker's
    /// schema registry nor evscope) can see inside it, and the policy says so instead of
    /// raising an informational finding on every normal event.
    public static let demo: Policy = {
        let topology = DemoWorld.topology
        var serviceByPrincipal: [String: String] = [:]
        var services: [(name: String, principals: [String])] = []
        for service in topology.services {
            serviceByPrincipal[service.principal] = service.name
            let shortName = "User:" + service.name
            services.append((service.name, service.principal == shortName ? [shortName] : [service.principal, shortName]))
        }
        let wholePayloadEncrypted = Set(DemoEventKind.allCases.filter(\.encryptsWholePayload).map(\.eventType))
        let rules = topology.events.map { event in
            let schema = JSONSchema(
                types: [.object],
                properties: event.requiredFields.compactMap { field in
                    JSONSchema.ValueType(rawValue: field.type.rawValue).map { JSONSchema.Property(name: field.path, schema: JSONSchema(types: [$0])) }
                },
                required: event.requiredFields.map(\.path))
            return EventTypePolicy(
                name: event.eventType, topics: event.topics,
                producers: event.producers.map { serviceByPrincipal[$0] ?? $0 },
                consumers: event.consumers.map { serviceByPrincipal[$0] ?? $0 },
                schema: wholePayloadEncrypted.contains(event.eventType) ? nil : schema,
                sensitiveFields: event.sensitiveFields, encryptionRequired: event.encryptionRequired)
        }
        return Policy(eventTypes: rules, services: services)
    }()
}
