/// The checks that raise findings; the raw value is the id shown and filtered on.
public enum FindingRule: String, Sendable, CaseIterable {
    /// An event type the policy does not allow its declared source to produce, or an allowed
    /// write to a topic by a principal that may produce none of its types.
    case unauthorizedProducer = "unauthorized-producer"
    /// An event type travelled on a topic the policy does not list for it.
    case typeOnWrongTopic = "type-on-wrong-topic"
    /// A payload broke its type's schema (the finding carries the JSON path of the first error).
    case schemaInvalid = "schema-invalid"
    /// A sensitive field travelled in plaintext although its type requires encryption.
    case plaintextSensitiveField = "plaintext-sensitive-field"
    /// An encrypted payload could not be checked against its schema (informational).
    case encryptedNotValidatable = "encrypted-not-validatable"
    /// An event type the policy does not know.
    case unknownEventType = "unknown-event-type"
    /// A principal was granted READ on a topic carrying types it may not consume.
    case unauthorizedConsumer = "unauthorized-consumer"
    /// Many denials for one principal in a short window.
    case denialBurst = "denial-burst"
    /// A publish (WRITE) was denied by the broker.
    case deniedPublish = "denied-publish"
    /// A login failed.
    case authenticationFailed = "authentication-failed"
    /// An audit source that delivered records went quiet.
    case auditSilent = "audit-silent"
    /// Records are missing between two read from an audit topic.
    case auditOffsetGap = "audit-offset-gap"
    /// Audit records that could not be read as decisions (the Sources pane lists them with reasons).
    case auditUnparseable = "audit-unparseable"
    /// A source reports itself degraded or down (a broker outage, an authorisation error).
    case sourceUnhealthy = "source-unhealthy"
    /// Likely personal data (e-mail, card number, phone) in a plaintext payload.
    case piiPlaintext = "pii-plaintext"
    /// A record that could not be decoded into a typed event.
    case undecodableEvent = "undecodable-event"

    /// Whether the rule needs a policy; the others run without one.
    public var needsPolicy: Bool {
        switch self {
        case .unauthorizedProducer, .typeOnWrongTopic, .schemaInvalid, .plaintextSensitiveField, .encryptedNotValidatable,
            .unknownEventType, .unauthorizedConsumer:
            true
        default: false
        }
    }
}
