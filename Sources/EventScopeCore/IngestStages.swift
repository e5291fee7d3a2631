/// Which parts of `IngestPipeline` run for each record, so a session computes only what its
/// outputs need.
///
/// Decoding always runs (every output starts from the event). The dashboard and `policy infer`
/// keep every stage; a headless run that only prints events needs none of them, and skipping
/// them is what lets it keep up with the wire.
public struct IngestStages: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The `Store`: per-topic, per-type and per-principal aggregates, rates and recent rings.
    public static let aggregates = IngestStages(rawValue: 1 << 0)
    /// The `TraceIndex` (chains of causally linked events).
    public static let traces = IngestStages(rawValue: 1 << 1)
    /// The `FindingEngine` (policy evaluation, PII, schema, source health).
    public static let findings = IngestStages(rawValue: 1 << 2)

    public static let all: IngestStages = [.aggregates, .traces, .findings]
}
