/// What one audit record or log line turned out to be.
public enum AuditParseOutcome: Sendable, Equatable {
    /// One or more decisions (a Redpanda record naming several resources yields several).
    case decisions([Decision])
    /// Well-formed input that is not an audit decision (a client log line, another JSON shape).
    case notAudit(reason: String)
    /// Input that claims to be audit data but cannot be read (broken JSON, wrong field types).
    case malformed(reason: String)
}
