/// Encodes a decision as one headless output line:
/// `{"kind":"decision","format","time","principal","operation","resourceType","resourceName",
/// "patternType","granted","host","clientId","rule","count","method"}`, `null` where unknown.
public enum DecisionJSONLine {
    /// Appends the line (ending in a newline) to a reusable buffer.
    public static func append(_ d: Decision, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"kind":"decision","format":"#.utf8)
        JSONLineWriter.appendString(d.format.rawValue, to: &buffer)
        buffer.append(contentsOf: #","time":"#.utf8)
        if let time = d.timeMs { JSONLineWriter.appendTimestamp(ms: time, to: &buffer) } else { JSONLineWriter.appendNull(to: &buffer) }
        buffer.append(contentsOf: #","principal":"#.utf8)
        JSONLineWriter.appendString(d.principal, to: &buffer)
        buffer.append(contentsOf: #","operation":"#.utf8)
        JSONLineWriter.appendString(d.operation, to: &buffer)
        buffer.append(contentsOf: #","resourceType":"#.utf8)
        JSONLineWriter.appendOptionalString(d.resourceType, to: &buffer)
        buffer.append(contentsOf: #","resourceName":"#.utf8)
        JSONLineWriter.appendOptionalString(d.resourceName, to: &buffer)
        buffer.append(contentsOf: #","patternType":"#.utf8)
        JSONLineWriter.appendOptionalString(d.patternType, to: &buffer)
        buffer.append(contentsOf: d.granted ? #","granted":true"#.utf8 : #","granted":false"#.utf8)
        buffer.append(contentsOf: #","host":"#.utf8)
        JSONLineWriter.appendOptionalString(d.host, to: &buffer)
        buffer.append(contentsOf: #","clientId":"#.utf8)
        JSONLineWriter.appendOptionalString(d.clientId, to: &buffer)
        buffer.append(contentsOf: #","rule":"#.utf8)
        JSONLineWriter.appendOptionalString(d.rule, to: &buffer)
        buffer.append(contentsOf: #","count":"#.utf8)
        JSONLineWriter.appendInt(Int64(d.count), to: &buffer)
        buffer.append(contentsOf: #","method":"#.utf8)
        JSONLineWriter.appendOptionalString(d.method, to: &buffer)
        buffer.append(contentsOf: "}\n".utf8)
    }

    /// The decision a line (parsed) describes, as far as the line carries it (not the raw
    /// record); nil when it is not a decision line.
    public static func decision(from object: JSONValue) -> Decision? {
        guard case .string(let formatName)? = object["format"], let format = AuditFormat(rawValue: formatName),
            case .string(let principal)? = object["principal"], case .string(let operation)? = object["operation"],
            case .bool(let granted)? = object["granted"]
        else { return nil }
        var count = 1
        if case .integer(let number)? = object["count"] { count = Int(clamping: max(1, number)) }
        return Decision(
            timeMs: object["time"]?.stringValue.flatMap { Timestamp.parseMs($0) }, principal: principal, operation: operation,
            resourceType: object["resourceType"]?.stringValue, resourceName: object["resourceName"]?.stringValue,
            patternType: object["patternType"]?.stringValue, granted: granted, host: object["host"]?.stringValue,
            clientId: object["clientId"]?.stringValue, rule: object["rule"]?.stringValue, count: count,
            method: object["method"]?.stringValue, format: format)
    }
}
