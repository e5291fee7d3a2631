import EventScopeCore

extension DemoWorld {
    /// The topics the demo writes audit records to (Confluent, Redpanda, authorizer lines), which a
    /// watcher must read as decisions rather than events.
    public static var auditTopics: [String] {
        [DemoAuditWriter.confluentTopic, DemoAuditWriter.redpandaTopic, DemoAuditWriter.authorizerTopic]
    }
}
