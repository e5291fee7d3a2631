/// Detects the audit format of one Kafka record value or one log-file line and parses it.
///
/// A record value is JSON of either kind (Confluent CloudEvents, Redpanda OCSF) or an
/// authorizer log line produced to a topic; file lines are the same three shapes. Detection
/// is per record because one stream may mix them.
public struct AuditParser: Sendable {
    /// Records or lines longer than this are refused without being parsed.
    public var maxRecordBytes: Int
    /// `Decision.raw` keeps at most this many bytes of the input.
    public var rawLimit: Int

    public init(maxRecordBytes: Int = 1 << 20, rawLimit: Int = 4096) {
        self.maxRecordBytes = maxRecordBytes
        self.rawLimit = rawLimit
    }

    /// Parses one record value or line; `sourceName` (topic or file) prefixes failure reasons.
    public func parse(bytes: [UInt8], sourceName: String) -> AuditParseOutcome {
        let outcome = parseUnlabelled(bytes)
        switch outcome {
        case .decisions(let decisions):
            // Every decision names who acted; an empty principal (found by fuzzing a Confluent
            // record with `"principal": ""`) would be an anonymous row nobody can investigate.
            if decisions.contains(where: { $0.principal.isEmpty }) {
                return .malformed(reason: "\(sourceName): empty principal")
            }
            return outcome
        case .notAudit(let reason): return .notAudit(reason: "\(sourceName): \(reason)")
        case .malformed(let reason): return .malformed(reason: "\(sourceName): \(reason)")
        }
    }

    /// Parses a record consumed from an audit topic; the topic names the source, and the
    /// record timestamp stands in for decisions whose text carries no time (authorizer lines
    /// produced without a log prefix).
    public func parse(record: Record) -> AuditParseOutcome {
        guard let value = record.value else { return .notAudit(reason: "\(record.topic): record without a value") }
        let outcome = parse(bytes: value, sourceName: record.topic)
        guard case .decisions(var decisions) = outcome, let fallback = record.timestampMs else { return outcome }
        for index in decisions.indices where decisions[index].timeMs == nil { decisions[index].timeMs = fallback }
        return .decisions(decisions)
    }

    /// Parses one line of text (convenience for callers holding strings).
    public func parse(line: String, sourceName: String) -> AuditParseOutcome {
        parse(bytes: Array(line.utf8), sourceName: sourceName)
    }

    private func parseUnlabelled(_ bytes: [UInt8]) -> AuditParseOutcome {
        guard bytes.count <= maxRecordBytes else {
            return .malformed(reason: "\(bytes.count) bytes exceeds the \(maxRecordBytes)-byte record limit")
        }
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return .notAudit(reason: "empty")
        }
        let raw = rawText(bytes)
        guard first == UInt8(ascii: "{") else {
            return AuthorizerLogParser.parse(line: bytes, raw: raw)
        }
        let document: JSONValue
        do {
            document = try JSONParser(maxBytes: maxRecordBytes, maxDepth: 64).parse(bytes)
        } catch {
            return .malformed(reason: "invalid JSON: \(error)")
        }
        if ConfluentAuditParser.recognises(document) { return ConfluentAuditParser.parse(document, raw: raw) }
        if RedpandaAuditParser.recognises(document) { return RedpandaAuditParser.parse(document, raw: raw) }
        return .notAudit(reason: "JSON in no known audit format")
    }

    /// The input as text for the detail pane, cut at `rawLimit` bytes on a character boundary.
    private func rawText(_ bytes: [UInt8]) -> String {
        var end = min(bytes.count, rawLimit)
        // Back off over UTF-8 continuation bytes so the cut does not split a character.
        if end < bytes.count { while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 } }
        var trimmedEnd = end
        while trimmedEnd > 0, bytes[trimmedEnd - 1] == 0x0A || bytes[trimmedEnd - 1] == 0x0D { trimmedEnd -= 1 }
        return String(decoding: bytes[0..<trimmedEnd], as: UTF8.self)
    }
}
