/// Encodes a trace chain as one headless JSON line.
///
/// Shape: `{"kind":"trace","traceId":…,"status":…,"hops":N,"durationMs":D,"root":{node},
/// "otherRoots":[{node}…],"hiddenNodes":H,"droppedNodes":K}` where a node is
/// `{"type","topic","partition","offset","id","spanId","declaredSource","timeMs","latencyMs","link",
/// "unresolvedParent","children":[node…]}` and `link` is `causation`, `span`, `inferred`, or null
/// for a root. `declaredSource` is the source the event declared, not an authenticated identity;
/// given the allowed writes an audit stream showed, each node adds `authenticatedProducers` and
/// `producerCheck` as event lines do (`EventJSONLine`), at the hop's event time. `traceId` is the chain key (the correlation id for chains without trace context).
///
/// A chain with several roots (an orphan whose parent never arrived, or several parentless
/// events) emits the earliest root as `root` and every other root, with its subtree, in
/// `otherRoots` in time order, so no hop is lost and `root` keeps one meaning. `otherRoots` is
/// always present (empty for a single tree) so consumers need no special case. Hops deeper
/// than the display depth are counted in `hiddenNodes`, hops over the chain cap in `droppedNodes`.
///
/// Written iteratively from the pre-order rows, so depth costs no call stack. Strings are
/// escaped so the line is valid JSON and safe to print: quotes, backslashes, control
/// characters and anything `TerminalText` would escape (C1, bidi overrides, zero-width marks)
/// become `\uXXXX`; Swift strings are always valid Unicode, so invalid wire UTF-8 has already
/// become U+FFFD.
public enum TraceJSON {
    /// The JSON line (without newline) for a chain; `writes` when an audit stream can say who
    /// was allowed to write each hop's topic.
    public static func line(_ view: TraceChainView, writes: AuthenticatedWrites? = nil) -> String {
        var out = "{\"kind\":\"trace\",\"traceId\":"
        JSONLineWriter.appendString(view.summary.key, to: &out)
        out += ",\"status\":\"\(view.summary.status.rawValue)\",\"hops\":\(view.summary.hops)"
        out += ",\"durationMs\":\(view.summary.durationMs),\"root\":"
        if view.rows.isEmpty { out += "null,\"otherRoots\":[" }
        // Each open node's remaining children; a node closes when its count reaches zero.
        var open: [Int] = []
        var rootsWritten = 0
        for row in view.rows {
            if row.depth == 0 {
                if rootsWritten == 1 { out += ",\"otherRoots\":[" } else if rootsWritten > 1 { out += "," }
                rootsWritten += 1
            } else if let parent = row.parentRow, open.last != view.rows[parent].childCount {
                out += ","
            }
            if !open.isEmpty { open[open.count - 1] -= 1 }
            appendNode(row, writes: writes, to: &out)
            if row.childCount > 0 {
                open.append(row.childCount)
            } else {
                out += "]}"
                while let remaining = open.last, remaining == 0 {
                    open.removeLast()
                    out += "]}"
                }
            }
        }
        if rootsWritten == 1 { out += ",\"otherRoots\":[" }
        out += "],\"hiddenNodes\":\(view.hiddenBeyondDepth),\"droppedNodes\":\(view.summary.droppedNodes)}"
        return out
    }

    private static func appendNode(_ row: TraceTreeRow, writes: AuthenticatedWrites?, to out: inout String) {
        out += "{\"type\":"
        appendOptional(row.type, to: &out)
        out += ",\"topic\":"
        JSONLineWriter.appendString(row.topic, to: &out)
        out += ",\"partition\":\(row.partition),\"offset\":\(row.offset),\"id\":"
        appendOptional(row.eventId, to: &out)
        out += ",\"spanId\":"
        appendOptional(row.spanId, to: &out)
        out += ",\"declaredSource\":"
        appendOptional(row.service, to: &out)
        if let writes {
            let identity = ProducerIdentity(
                declaredSource: row.service, claimedPrincipal: row.principal,
                authenticatedProducers: writes.producers(topic: row.topic, aroundMs: row.timeMs))
            out += ",\"authenticatedProducers\":["
            for (index, principal) in identity.authenticatedProducers.enumerated() {
                if index > 0 { out += "," }
                JSONLineWriter.appendString(principal, to: &out)
            }
            out += "],\"producerCheck\":\"\(identity.agreement.name)\""
        }
        out += ",\"timeMs\":\(row.timeMs),\"latencyMs\":"
        out += row.latencyFromParentMs.map { String($0) } ?? "null"
        out += ",\"link\":"
        out += row.link.map { "\"\($0.rawValue)\"" } ?? "null"
        out += ",\"unresolvedParent\":\(row.unresolvedParent),\"children\":["
    }

    private static func appendOptional(_ text: String?, to out: inout String) {
        if let text { JSONLineWriter.appendString(text, to: &out) } else { out += "null" }
    }
}
