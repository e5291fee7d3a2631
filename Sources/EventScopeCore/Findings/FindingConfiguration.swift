/// Thresholds and caps of the finding engine (documented in the README's policy section).
public struct FindingConfiguration: Sendable {
    /// Distinct findings kept; beyond it the least recently seen tenth is evicted (and counted).
    public var maxFindings = 2_000
    /// Denials by one principal within `denialBurstWindowMs` that make a burst.
    public var denialBurstThreshold = 10
    public var denialBurstWindowMs: Int64 = 10_000
    /// Principals whose recent denials are tracked for bursts.
    public var maxTrackedPrincipals = 10_000
    /// An audit source is silent after this long without a record — or after three times the
    /// longest gap it has shown, for sources that are naturally bursty (an authorizer log at
    /// INFO writes denials only), but never later than `maxAuditSilenceMs`.
    public var auditSilenceMs: Int64 = 120_000
    public var maxAuditSilenceMs: Int64 = 900_000
    /// Payloads up to this size are kept as a finding's example.
    public var maxExamplePayloadBytes = 4_096
    /// Limits for parsing payloads (schema, sensitive fields, PII).
    public var payloadParser = JSONParser(maxBytes: 256 << 10, maxDepth: 64)
    /// Positions of recent invalid events kept for `recentInvalidEvents`.
    public var recentInvalidCapacity = 1_024

    public init() {}
}
