/// Source rules: audit silence, audit offset gaps, degraded or down sources.
extension FindingEngine {
    /// Moves time forward and checks every source's health.
    public func tick(nowMs: Int64, sources: [SourceHealth]) {
        for source in sources {
            var watch = sourceWatch[source.id] ?? SourceWatch()
            if source.kind == .auditTopic || source.kind == .auditFile {
                checkAudit(source, watch: &watch, nowMs: nowMs)
            }
            checkState(source, watch: &watch, nowMs: nowMs)
            sourceWatch[source.id] = watch
        }
    }

    private func checkAudit(_ source: SourceHealth, watch: inout SourceWatch, nowMs: Int64) {
        if source.offsetGaps > watch.offsetGaps {
            raise(
                Sighting(
                    rule: .auditOffsetGap, severity: .medium, title: "Audit records missing on \(source.name)",
                    topic: source.kind == .auditTopic ? source.name : nil,
                    detailKey: source.name, count: source.offsetGaps - watch.offsetGaps, example: .source(source.name),
                    detail: "offsets jumped \(source.offsetGaps) time(s): records were deleted or compacted before evscope read them"),
                nowMs: nowMs)
        }
        watch.offsetGaps = source.offsetGaps
        if source.unparseable > watch.unparseable {
            let latest = source.recentProblems.newest(0)
            raise(
                Sighting(
                    rule: .auditUnparseable, severity: .medium, title: "Unreadable audit records on \(source.name)",
                    topic: source.kind == .auditTopic ? source.name : nil, detailKey: source.name,
                    count: source.unparseable - watch.unparseable, example: .source(source.name),
                    detail: "decisions in them are invisible; latest: " + (latest.map { "\($0.position): \($0.reason)" } ?? "no reason kept")
                        + " (the Sources pane lists the last \(SourceHealth.recentProblemLimit) with excerpts)"),
                nowMs: nowMs)
        }
        watch.unparseable = source.unparseable
        guard let last = source.lastRecordMs else { return }
        if let previous = watch.lastRecordMs, last != previous {
            watch.longestGapMs = max(watch.longestGapMs, last - previous)
            watch.silenceReported = false
        }
        watch.lastRecordMs = last
        let threshold = min(max(configuration.auditSilenceMs, watch.longestGapMs * 3), max(configuration.auditSilenceMs, configuration.maxAuditSilenceMs))
        guard !watch.silenceReported, nowMs - last >= threshold else { return }
        watch.silenceReported = true
        raise(
            Sighting(
                rule: .auditSilent, severity: .medium, title: "Audit source \(source.name) silent", topic: source.kind == .auditTopic ? source.name : nil,
                detailKey: source.name, example: .source(source.name),
                detail: "no audit record for \((nowMs - last) / 1000) s after \(source.records) record(s); decisions made now are invisible"),
            nowMs: nowMs)
    }

    private func checkState(_ source: SourceHealth, watch: inout SourceWatch, nowMs: Int64) {
        let severity: FindingSeverity
        switch source.state {
        case .down: severity = .medium
        case .degraded: severity = .low
        default:
            watch.unhealthyReported = false
            return
        }
        guard !watch.unhealthyReported else { return }
        watch.unhealthyReported = true
        raise(
            Sighting(
                rule: .sourceUnhealthy, severity: severity, title: "Source \(source.name) \(source.state.label)",
                detailKey: source.name, example: .source(source.name),
                detail: "\(source.kind.rawValue) source reported \(source.state.label)"),
            nowMs: nowMs)
    }
}
