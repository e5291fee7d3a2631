import EventScopeCore

/// The demo world's intended security policy as data: which principals may produce and consume
/// each event type, on which topics, with which payload fields, which fields are sensitive and
/// whether encryption is required — plus which principal each service authenticates as.
///
/// Field paths are dot-separated and relative to the event payload (`payload` in the envelope,
/// `data` in CloudEvents). Types describe the wire form: encrypted fields travel as strings.
public struct DemoTopology: Sendable, Equatable {
    /// JSON value types, named as JSON Schema names them.
    public enum JSONType: String, Sendable, Equatable {
        case string, integer, number, boolean, object, array
    }

    /// A payload field that must be present with this type.
    public struct Field: Sendable, Equatable {
        public let path: String
        public let type: JSONType
    }

    /// A service, the principal it authenticates as, and where it connects from.
    public struct Service: Sendable, Equatable {
        /// The name services declare as `source` in their events.
        public let name: String
        public let principal: String
        public let host: String
        public let clientId: String
    }

    /// The rules for one event type.
    public struct EventRule: Sendable, Equatable {
        public let eventType: String
        public let topics: [String]
        /// Principals allowed to produce it.
        public let producers: [String]
        /// Principals allowed to consume it.
        public let consumers: [String]
        public let requiredFields: [Field]
        public let sensitiveFields: [String]
        public let encryptionRequired: Bool
    }

    public let services: [Service]
    public let events: [EventRule]

    public func rule(for eventType: String) -> EventRule? {
        events.first { $0.eventType == eventType }
    }

    public func principal(ofService name: String) -> String? {
        services.first { $0.name == name }?.principal
    }

    /// The demo world's topology (the intruder `legacy-reporting` is deliberately absent).
    static let demo: DemoTopology = {
        let actors = DemoActor.allCases.filter { $0 != .legacyReporting }
        let services = actors.map {
            Service(name: $0.name, principal: $0.principal, host: $0.host, clientId: $0.name)
        }
        let events = DemoEventKind.allCases.map { kind in
            EventRule(
                eventType: kind.eventType, topics: [kind.topic], producers: [kind.producer.principal],
                consumers: kind.consumers.map(\.principal), requiredFields: kind.requiredFields,
                sensitiveFields: kind.sensitiveFields, encryptionRequired: kind.encryptionRequired)
        }
        return DemoTopology(services: services, events: events)
    }()
}
