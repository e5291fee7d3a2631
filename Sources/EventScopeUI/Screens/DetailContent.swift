import EventScopeCore

/// One line of a detail pane, already sanitised.
public struct DetailLine: Sendable, Equatable {
    public var text: String
    public var role: Role
    /// False for lines laid out as columns (a trace tree's rows), which are cut with `…`
    /// rather than wrapped, so their columns stay aligned.
    public var wraps: Bool
    /// Where the rows after the first start when the line wraps; nil: two columns in from the
    /// line's own indentation.
    public var hangingIndent: Int?

    public init(_ text: String, role: Role = .normal, wraps: Bool = true, hangingIndent: Int? = nil) {
        self.text = text
        self.role = role
        self.wraps = wraps
        self.hangingIndent = hangingIndent
    }
}

/// Builds the text of detail panes: every field of the selected thing plus what relates to it.
public enum DetailContent {
    /// The pane's lines for a target. Pure: reads the store, never draws.
    public static func lines(
        for target: DetailTarget, pipeline: IngestPipeline, nowMs: Int64, width: Int, reveal: Bool = false,
        sources: [SourceHealth] = [], logs: [String] = [], frameSummary: String? = nil
    ) -> [DetailLine] {
        let store = pipeline.store
        switch target {
        case .topic(let name): return topic(name, store: store, nowMs: nowMs)
        case .eventType(let name): return eventType(name, store: store, nowMs: nowMs)
        case .principal(let name): return principal(name, store: store, nowMs: nowMs)
        case .event(let stored):
            return event(stored, store: store, policy: pipeline.findings.policy, reveal: reveal, readsAudit: pipeline.decisionsIngested > 0)
        case .decision(let d): return decisionLines(d, store: store)
        case .trace(let key): return TracesScreen.detailLines(key: key, traces: pipeline.traceIndex, store: store, nowMs: nowMs, width: width)
        case .finding(let id):
            guard let finding = pipeline.findings.finding(id: id) else { return [DetailLine("Finding #\(id) is no longer held (evicted)", role: .warning)] }
            return FindingsScreen.detailLines(finding, nowMs: nowMs, reveal: reveal)
        case .sources:
            var lines = sourceLines(sources, logs: logs, nowMs: nowMs)
            if let frameSummary { lines.insert(field("dashboard", frameSummary), at: 1) }
            return lines
        }
    }

    /// A `name  value` line; a long value wraps under itself, not under the name.
    static func field(_ name: String, _ value: String?, role: Role = .normal) -> DetailLine {
        let padded = name.count < 16 ? name + String(repeating: " ", count: 16 - name.count) : name
        return DetailLine("\(padded) \(value ?? "-")", role: role, hangingIndent: padded.count + 1)
    }

    static func counterLines(_ title: String, _ counter: BoundedCounter) -> [DetailLine] {
        var out = [DetailLine(title, role: .header)]
        let top = counter.top(12)
        if top.isEmpty { out.append(DetailLine("  (none)", role: .muted)) }
        for item in top { out.append(DetailLine("  \(TerminalText.escape(item.key, limit: 100))  \(Format.count(item.count))")) }
        if counter.other > 0 { out.append(DetailLine("  … \(Format.count(counter.other)) more beyond the cap of \(counter.maxKeys)", role: .muted)) }
        return out
    }

    static func topic(_ name: String, store: Store, nowMs: Int64) -> [DetailLine] {
        guard let t = store.topics[name] else { return [DetailLine("Topic \(TerminalText.escape(name)) is no longer tracked (evicted)", role: .warning)] }
        var out = [DetailLine("Topic \(TerminalText.escape(name))", role: .title)]
        out.append(field("events", Format.count(t.events)))
        out.append(field("bytes", Format.bytes(t.bytes)))
        out.append(
            field(
                "rate /s",
                "\(Format.rate(t.rate.rate(overSeconds: 1, nowMs: nowMs))) now · \(Format.rate(t.rate.rate(overSeconds: 60, nowMs: nowMs))) 1m · \(Format.rate(t.rate.rate(overSeconds: 900, nowMs: nowMs))) 15m"
            ))
        out.append(field("first seen", Timestamp.format(ms: t.firstSeenMs)))
        out.append(field("last seen", Timestamp.format(ms: t.lastSeenMs)))
        out.append(field("denied", Format.count(t.deniedDecisions), role: t.deniedDecisions > 0 ? .denied : .normal))
        out += counterLines("Event types", t.eventTypes)
        out += counterLines("Declared sources (the events' own claim, not authenticated)", t.declaredSources)
        out.append(DetailLine("Authenticated writers (granted WRITE by audit decisions; most recent first)", role: .header))
        let writers = store.authenticatedWrites.writers(topic: name)
        if writers.isEmpty { out.append(DetailLine("  (none seen: many audit setups log only denials)", role: .muted)) }
        for writer in writers {
            out.append(DetailLine("  \(TerminalText.escape(writer.principal, limit: 100))  last \(Timestamp.format(ms: writer.lastMs))"))
        }
        out += counterLines("Consumers (granted READ)", t.consumers)
        out.append(DetailLine("Recent events (t: jump to trace from the Live screen)", role: .header))
        var shown = 0
        for stored in store.recentEvents.newestFirst where stored.event.topic == name {
            out.append(DetailLine("  \(eventSummary(stored))"))
            shown += 1
            if shown == 10 { break }
        }
        if shown == 0 { out.append(DetailLine("  (none retained)", role: .muted)) }
        return out
    }

    static func eventType(_ name: String, store: Store, nowMs: Int64) -> [DetailLine] {
        guard let t = store.eventTypes[name] else {
            return [DetailLine("Event type \(TerminalText.escape(name)) is no longer tracked (evicted)", role: .warning)]
        }
        var out = [DetailLine("Event type \(TerminalText.escape(name))", role: .title)]
        out.append(field("events", Format.count(t.events)))
        out.append(
            field("rate /s", "\(Format.rate(t.rate.rate(overSeconds: 1, nowMs: nowMs))) now · \(Format.rate(t.rate.rate(overSeconds: 60, nowMs: nowMs))) 1m"))
        out.append(field("encrypted", Format.count(t.encrypted)))
        out.append(field("first seen", Timestamp.format(ms: t.firstSeenMs)))
        out.append(field("last seen", Timestamp.format(ms: t.lastSeenMs)))
        out += counterLines("Topics", t.topics)
        out += counterLines("Declared sources (the events' own claim, not authenticated)", t.declaredSources)
        out += counterLines("Formats", t.formats)
        return out
    }

    static func principal(_ name: String, store: Store, nowMs: Int64) -> [DetailLine] {
        guard let p = store.principals[name] else {
            return [DetailLine("Principal \(TerminalText.escape(name)) is no longer tracked (evicted)", role: .warning)]
        }
        var out = [DetailLine("Principal \(TerminalText.escape(name)) (authenticated, from audit decisions)", role: .title)]
        out.append(field("allowed writes", Format.count(p.writes)))
        out.append(field("allowed", Format.count(p.granted)))
        out.append(field("denied", Format.count(p.denied), role: p.denied > 0 ? .denied : .normal))
        out.append(field("last denied", p.lastDeniedMs.map { Timestamp.format(ms: $0) }))
        out.append(field("first seen", Timestamp.format(ms: p.firstSeenMs)))
        out.append(field("last seen", Timestamp.format(ms: p.lastSeenMs)))
        out += counterLines("Allowed to write (granted WRITE)", p.topicsWritten)
        out += counterLines("Consumes (granted READ)", p.topicsConsumed)
        out.append(DetailLine("Recent decisions (newest first by decision time)", role: .header))
        // The 15 that arrived last, in time order: several audit streams arrive out of order.
        var recent: [Decision] = []
        for d in store.recentDecisions.newestFirst where d.principal == name {
            recent.append(d)
            if recent.count == 15 { break }
        }
        for d in recent.sorted(by: { ($0.timeMs ?? .min) > ($1.timeMs ?? .min) }) {
            out.append(DetailLine("  \(decisionSummary(d))", role: d.granted ? .granted : .denied))
        }
        if recent.isEmpty { out.append(DetailLine("  (none retained)", role: .muted)) }
        return out
    }

    static func event(_ stored: StoredEvent, store: Store, policy: Policy?, reveal: Bool, readsAudit: Bool) -> [DetailLine] {
        let e = stored.event
        let r = stored.record
        var out = [DetailLine("Event \(TerminalText.escape(e.type ?? Store.untypedName))", role: .title)]
        out.append(field("topic", "\(TerminalText.escape(e.topic))  partition \(e.partition)  offset \(e.offset)"))
        out.append(field("time", e.timeMs.map { Timestamp.format(ms: $0) }))
        out.append(field("record time", r.timestampMs.map { Timestamp.format(ms: $0) }))
        out.append(field("format", e.format.rawValue))
        out.append(field("event id", e.id.map { TerminalText.escape($0, limit: 200) }))
        out += producerLines(
            store.authenticatedWrites.identity(of: stored), topic: e.topic, policy: policy,
            writes: store.authenticatedWrites, readsAudit: readsAudit)
        out.append(field("encryption", e.encryption.rawValue, role: e.encryption == .plaintext ? .normal : .accent))
        out.append(field("size", Format.bytes(UInt64(e.bytes))))
        if let schema = e.schemaId { out.append(field("schema id", String(schema))) }
        if let schema = e.schema {
            out.append(field("schema format", schema.format?.rawValue))
            out.append(field("subject", schema.subject.map { TerminalText.escape($0, limit: 200) }))
            out.append(field("version", schema.version.map(String.init)))
            out.append(field("schema type", schema.typeName.map { TerminalText.escape($0, limit: 200) }))
            if let problem = schema.problem { out.append(field("not decoded", TerminalText.escape(problem, limit: 300), role: .warning)) }
        } else if e.schemaId != nil {
            out.append(field("not decoded", "Confluent wire format; -r URL (a Schema Registry) decodes it", role: .muted))
        }
        out.append(DetailLine("Trace", role: .header))
        out.append(field("  trace id", e.trace.traceId))
        out.append(field("  span id", e.trace.spanId))
        out.append(field("  parent span", e.trace.parentSpanId))
        out.append(field("  style", e.trace.style?.rawValue))
        out.append(field("  correlation", e.trace.correlationId.map { TerminalText.escape($0, limit: 200) }))
        out.append(field("  causation", e.trace.causationId.map { TerminalText.escape($0, limit: 200) }))
        out.append(DetailLine("Key", role: .header))
        out.append(DetailLine("  " + (r.key.map { TerminalText.escape($0, limit: 400) } ?? "(null)")))
        out.append(DetailLine("Headers (\(r.headers.count))", role: .header))
        for h in r.headers {
            out.append(DetailLine("  \(TerminalText.escape(h.name, limit: 80)): \(h.value.map { TerminalText.escape($0, limit: 400) } ?? "(null)")"))
        }
        let value = r.value ?? []
        if let document = try? JSONParser(maxBytes: 1 << 20, maxDepth: 64).parse(value) {
            let maskedPaths = reveal ? [] : SensitiveDataMask.maskedPaths(in: document, eventType: e.type, policy: policy)
            out.append(
                DetailLine("Value (JSON, pretty-printed\(maskedPaths.isEmpty ? "" : "; sensitive fields and PII masked, --reveal shows them"))", role: .header))
            // Wire strings may hold bidi overrides or other invisible scalars that JSON does not
            // escape, so every line still goes through the terminal escaper.
            out += prettyJSONLines(document, maskedPaths: maskedPaths, maxLines: 2_000)
        } else {
            out.append(DetailLine("Value (\(e.format == .opaque ? "opaque" : "raw"), escaped)", role: .header))
            out += textLines(value, limit: 16_000, maxLines: 400)
        }
        if e.schema?.isDecoded == true {
            out.append(
                DetailLine(
                    "  (decoded from \(Format.bytes(UInt64(e.bytes))) of \(e.format.rawValue) with schema \(e.schemaId.map(String.init) ?? "?"))", role: .muted)
            )
        } else if value.count < e.bytes {
            out.append(DetailLine("  (value truncated to \(Format.bytes(UInt64(value.count))) of \(Format.bytes(UInt64(e.bytes))) for display)", role: .muted))
        }
        return out
    }

    /// Who produced the event, as two labelled answers: the source it declares (a claim anyone
    /// allowed to write the topic can make) and the principals the broker allowed to write the
    /// topic around then; a flag when they disagree.
    static func producerLines(_ identity: ProducerIdentity, topic: String, policy: Policy?, writes: AuthenticatedWrites, readsAudit: Bool) -> [DetailLine] {
        var out = [DetailLine("Producer", role: .header)]
        out.append(field("  declared", identity.declaredSource.map { TerminalText.escape($0, limit: 200) + "  (its own source field: not authenticated)" }))
        if let source = identity.declaredSource, let claimed = identity.claimedPrincipal {
            let how = policy?.services[source] != nil ? "policy service map" : "User:<name> convention"
            out.append(field("  stands for", "\(TerminalText.escape(claimed, limit: 200))  (\(how))", role: .muted))
        }
        let window = "allowed WRITE on \(TerminalText.escape(topic, limit: 80)) ±\(writes.windowMs / 1000) s of the record time"
        if identity.authenticatedProducers.isEmpty {
            // Why nothing is known matters: no audit at all, an audit that logs no allowed
            // writes (common), or writes logged but none for this topic then.
            let why =
                !readsAudit
                ? "unknown: no audit decisions read"
                : writes.recorded == 0
                    ? "unknown: the audit logged no allowed writes yet (many log only denials)"
                    : "none seen: no \(window)"
            out.append(field("  authenticated", why, role: .muted))
        } else {
            out.append(field("  authenticated", identity.authenticatedProducers.map { TerminalText.escape($0, limit: 120) }.joined(separator: ", ")))
            out.append(DetailLine("                 (\(window), per audit)", role: .muted))
        }
        switch identity.agreement {
        case .matches:
            out.append(DetailLine("  ✓ an authenticated writer stands for the declared source", role: .granted))
        case .disagrees:
            out.append(DetailLine("  ! the declared source matches none of the authenticated writers", role: .warning))
        case .unknown:
            break
        }
        return out
    }

    static func decisionLines(_ d: Decision, store: Store) -> [DetailLine] {
        var out = [DetailLine(d.granted ? "✓ Allowed decision" : "✖ DENIED decision", role: d.granted ? .granted : .denied)]
        out.append(field("time", d.timeMs.map { Timestamp.format(ms: $0) }))
        out.append(field("principal", TerminalText.escape(d.principal, limit: 300)))
        out.append(field("operation", TerminalText.escape(d.operation)))
        out.append(field("resource type", d.resourceType.map { TerminalText.escape($0) }))
        out.append(field("resource name", d.resourceName.map { TerminalText.escape($0, limit: 300) }))
        out.append(field("pattern type", d.patternType.map { TerminalText.escape($0) }))
        out.append(field("result", d.granted ? "granted" : "denied", role: d.granted ? .granted : .denied))
        out.append(field("host", d.host.map { TerminalText.escape($0) }))
        out.append(field("client id", d.clientId.map { TerminalText.escape($0) }))
        out.append(field("rule", d.rule.map { TerminalText.escape($0, limit: 300) }))
        out.append(field("count", String(d.count)))
        out.append(field("method", d.method.map { TerminalText.escape($0) }))
        out.append(field("format", d.format.rawValue))
        out.append(DetailLine("Around this decision (same principal, ±30 s, newest first)", role: .header))
        let center = d.timeMs
        // Up to 20 decisions and 20 events, merged in time order (this decision marked).
        var around: [(timeMs: Int64?, line: DetailLine)] = []
        var decisions = 0
        for other in store.recentDecisions.newestFirst where other.principal == d.principal && other != d {
            if let center, let t = other.timeMs, abs(t - center) > 30_000 { continue }
            around.append((other.timeMs, DetailLine("  \(decisionSummary(other))", role: other.granted ? .granted : .denied)))
            decisions += 1
            if decisions == 20 { break }
        }
        var events = 0
        // Events whose declared source stands for this principal: their claim, marked as such.
        for stored in store.recentEvents.newestFirst where stored.claimedPrincipal == d.principal {
            if let center, let t = stored.event.timeMs, abs(t - center) > 30_000 { continue }
            around.append((stored.event.timeMs, DetailLine("  \(eventSummary(stored))")))
            events += 1
            if events == 20 { break }
        }
        if around.isEmpty {
            out.append(DetailLine("  (nothing else retained from this principal in that window)", role: .muted))
        } else {
            around.append((center, DetailLine("▶ \(decisionSummary(d))  (this decision)", role: d.granted ? .granted : .denied)))
            // A stable sort: equal times keep arrival order.
            out += around.enumerated().sorted { a, b in
                let x = a.element.timeMs ?? .min
                let y = b.element.timeMs ?? .min
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element.line)
        }
        let raw = Array(d.raw.utf8)
        if raw.first == UInt8(ascii: "{"), let document = try? JSONParser(maxBytes: 1 << 20, maxDepth: 64).parse(raw) {
            out.append(DetailLine("Raw record (JSON, pretty-printed)", role: .header))
            out += prettyJSONLines(document, maxLines: 400, role: .muted)
        } else {
            out.append(DetailLine("Raw record", role: .header))
            out += textLines(raw, limit: 8_000, maxLines: 200, role: .muted)
        }
        return out
    }

    /// A JSON document as indented lines, values at `maskedPaths` masked. Wire strings may hold
    /// bidi overrides or other invisible scalars that JSON does not escape, so each line still
    /// goes through the terminal escaper; what does not fit in `maxLines` is counted, not dropped
    /// silently.
    static func prettyJSONLines(_ document: JSONValue, maskedPaths: Set<String> = [], maxLines: Int, role: Role = .normal) -> [DetailLine] {
        let lines = document.pretty(indent: 2, maskedPaths: maskedPaths).split(separator: "\n", omittingEmptySubsequences: false)
        var out = lines.prefix(maxLines).map { DetailLine("  " + TerminalText.escape(String($0), limit: 4_000), role: role) }
        if lines.count > maxLines { out.append(DetailLine("  … \(lines.count - maxLines) more lines not shown", role: .muted)) }
        return out
    }

    /// Untrusted text as lines: split where it has line breaks, each line escaped.
    static func textLines(_ bytes: [UInt8], limit: Int, maxLines: Int, role: Role = .normal) -> [DetailLine] {
        let lines = bytes.prefix(limit).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var out = lines.prefix(maxLines).map { DetailLine("  " + TerminalText.escape($0), role: role) }
        if lines.count > maxLines { out.append(DetailLine("  … \(lines.count - maxLines) more lines not shown", role: .muted)) }
        if bytes.count > limit { out.append(DetailLine("  … \(Format.bytes(UInt64(bytes.count - limit))) more not shown", role: .muted)) }
        return out
    }

    static func eventSummary(_ stored: StoredEvent) -> String {
        let e = stored.event
        let time = e.timeMs.map { Timestamp.formatTimeOfDay(ms: $0) } ?? "--:--:--"
        let source = e.source.map { " · declared source \(TerminalText.escape($0, limit: 40))" } ?? ""
        return
            "\(time) event \(TerminalText.escape(e.type ?? Store.untypedName, limit: 40)) on \(TerminalText.escape(e.topic, limit: 40))/\(e.partition)@\(e.offset)\(source)"
    }

    static func decisionSummary(_ d: Decision) -> String {
        let time = d.timeMs.map { Timestamp.formatTimeOfDay(ms: $0) } ?? "--:--:--"
        return
            "\(time) \(d.granted ? "allowed" : "DENIED ") \(TerminalText.escape(d.operation)) \(DecisionsScreen.resourceText(d))\(d.count > 1 ? " ×\(d.count)" : "")"
    }

    static func sourceLines(_ sources: [SourceHealth], logs: [String], nowMs: Int64) -> [DetailLine] {
        var out = [DetailLine("Sources", role: .title)]
        if sources.isEmpty { out.append(DetailLine("  (no sources)", role: .muted)) }
        for source in sources {
            let (marker, role) = OverviewScreen.sourceMarker(source.state)
            out.append(DetailLine("\(marker) \(TerminalText.escape(source.name, limit: 200)) [\(source.kind.rawValue)]", role: role))
            out.append(field("  state", TerminalText.escape(source.state.label, limit: 300), role: role))
            if let detail = source.detail { out.append(field("  detail", TerminalText.escape(detail, limit: 300))) }
            out.append(field("  records", Format.count(source.records)))
            out.append(
                field(
                    "  rate /s",
                    "\(Format.rate(source.rate.rate(overSeconds: 1, nowMs: nowMs))) now · \(Format.rate(source.rate.rate(overSeconds: 59, nowMs: nowMs))) 1m"))
            out.append(field("  last record", source.lastRecordMs.map { "\(Timestamp.format(ms: $0)) (\(Format.age($0, nowMs: nowMs)) ago)" }))
            out.append(field("  consumer lag", source.lag.map { Format.count(UInt64(max(0, $0))) }))
            out.append(field("  unparseable", Format.count(source.unparseable), role: source.unparseable > 0 ? .warning : .normal))
            out.append(field("  offset gaps", Format.count(source.offsetGaps), role: source.offsetGaps > 0 ? .warning : .normal))
            if source.unwatchedPartitions > 0 {
                out.append(field("  not read (cap)", "\(Format.count(UInt64(source.unwatchedPartitions))) partitions", role: .warning))
            }
            if source.unparseable > 0 {
                for (kind, count) in source.problemCounts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                    out.append(DetailLine("    \(Format.count(count)) × \(TerminalText.escape(kind, limit: 200))", role: .warning))
                }
                out.append(DetailLine("  Unreadable records (newest last, up to \(SourceHealth.recentProblemLimit))", role: .header))
                for index in stride(from: source.recentProblems.count - 1, through: 0, by: -1) {
                    let problem = source.recentProblems[newest: index]
                    out.append(
                        DetailLine(
                            "  \(Timestamp.formatTimeOfDay(ms: problem.timeMs)) \(TerminalText.escape(problem.position, limit: 60)): "
                                + TerminalText.escape(problem.reason, limit: 300), role: .warning))
                    // Escaped when it was kept; escaping again would double the backslashes.
                    out.append(DetailLine("      " + problem.excerpt, role: .muted))
                }
            }
        }
        out.append(DetailLine("Recent source logs (newest last)", role: .header))
        if logs.isEmpty { out.append(DetailLine("  (none)", role: .muted)) }
        for line in logs.suffix(100) { out.append(DetailLine("  " + TerminalText.escape(line, limit: 400), role: .muted)) }
        return out
    }
}
