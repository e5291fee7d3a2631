/// Encodes a finding as one headless JSON line.
///
/// Shape: `{"kind":"finding","id":N,"rule":…,"severity":…,"title":…,"eventType":…,"principal":…,
/// "declaredSource":…,"topic":…,"count":N,"firstSeen":RFC3339,"lastSeen":RFC3339,"firstEventTime":RFC3339,
/// "lastEventTime":RFC3339,"path":…,"detail":…,"example":{…}}` (`firstSeen`/`lastSeen` are when
/// evscope saw it; the event times are those the events or decisions carried).
/// where `example` is `{"event":{"topic","partition","offset","id"},"payload":…}`,
/// `{"decision":{"principal","operation","resourceType","resourceName","granted","host","timeMs","format"}}`
/// or `{"source":name}`. `principal` is an identity the broker authenticated (from an audit
/// decision); `declaredSource` is what an event said about itself. Absent values are `null`. Sensitive values are masked (`••••`) unless
/// `reveal`; strings are escaped by `JSONLineWriter`, so the line is valid JSON and safe to print.
public enum FindingJSONLine {
    public static func line(_ finding: Finding, reveal: Bool = false) -> String {
        var out = "{\"kind\":\"finding\",\"id\":\(finding.id),\"rule\":\"\(finding.rule.rawValue)\""
        out += ",\"severity\":\"\(finding.severity.name)\",\"title\":"
        JSONLineWriter.appendString(finding.title, to: &out)
        out += ",\"eventType\":"
        optional(finding.eventType, to: &out)
        out += ",\"principal\":"
        optional(finding.principal, to: &out)
        out += ",\"declaredSource\":"
        optional(finding.declaredSource, to: &out)
        out += ",\"topic\":"
        optional(finding.topic, to: &out)
        out += ",\"count\":\(finding.count),\"firstSeen\":"
        JSONLineWriter.appendString(Timestamp.format(ms: finding.firstSeenMs), to: &out)
        out += ",\"lastSeen\":"
        JSONLineWriter.appendString(Timestamp.format(ms: finding.lastSeenMs), to: &out)
        out += ",\"firstEventTime\":"
        optional(finding.firstEventMs.map { Timestamp.format(ms: $0) }, to: &out)
        out += ",\"lastEventTime\":"
        optional(finding.lastEventMs.map { Timestamp.format(ms: $0) }, to: &out)
        out += ",\"path\":"
        optional(finding.jsonPath, to: &out)
        out += ",\"detail\":"
        var detail = finding.detail
        if let evidence = finding.evidence { detail += ": " + (reveal ? evidence : JSONValue.maskText) }
        JSONLineWriter.appendString(detail, to: &out)
        out += ",\"example\":"
        switch finding.example {
        case .event(let position):
            out += "{\"event\":{\"topic\":"
            JSONLineWriter.appendString(position.topic, to: &out)
            out += ",\"partition\":\(position.partition),\"offset\":\(position.offset),\"id\":"
            optional(position.eventId, to: &out)
            out += "},\"payload\":"
            out += finding.exampleText(reveal: reveal) ?? "null"
            out += "}"
        case .decision(let decision):
            out += "{\"decision\":{\"principal\":"
            JSONLineWriter.appendString(decision.principal, to: &out)
            out += ",\"operation\":"
            JSONLineWriter.appendString(decision.operation, to: &out)
            out += ",\"resourceType\":"
            optional(decision.resourceType, to: &out)
            out += ",\"resourceName\":"
            optional(decision.resourceName, to: &out)
            out += ",\"granted\":\(decision.granted),\"host\":"
            optional(decision.host, to: &out)
            out += ",\"timeMs\":" + (decision.timeMs.map { String($0) } ?? "null") + ",\"format\":\"\(decision.format.rawValue)\"}}"
        case .source(let name):
            out += "{\"source\":"
            JSONLineWriter.appendString(name, to: &out)
            out += "}"
        }
        out += "}"
        return out
    }

    private static func optional(_ text: String?, to out: inout String) {
        if let text { JSONLineWriter.appendString(text, to: &out) } else { out += "null" }
    }
}
