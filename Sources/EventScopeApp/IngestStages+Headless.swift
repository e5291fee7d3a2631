import EventScopeCore

extension IngestStages {
    /// The stages a headless run needs for what it writes and how it exits.
    ///
    /// Events and decisions need decoding only; traces need the trace index, with the store's
    /// decision aggregates it links by; findings and `--fail-on` need the finding engine.
    /// The summary counts finding occurrences, so it needs the engine too. Nothing headless
    /// reads the store otherwise.
    public static func headless(emit: [EmitKind], failOn: SeverityThreshold?) -> IngestStages {
        var stages: IngestStages = []
        if emit.contains(.traces) { stages.formUnion([.traces, .aggregates]) }
        if emit.contains(.findings) || emit.contains(.summary) || failOn != nil { stages.insert(.findings) }
        return stages
    }
}
