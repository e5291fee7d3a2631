/// Parses Apache Kafka authorizer log lines (`kafka.authorizer.logger`) into decisions.
///
/// Accepts every known variant: ZooKeeper `Operation = Read` and KRaft `operation = READ`,
/// resources with a pattern type (`Topic:LITERAL:alpha`) and without (`Topic:orders`), with or
/// without `for request = …` and `based on rule …`, any prefix before `Principal = ` (log4j
/// date and level, logger and method names) and the trailing ` (kafka.authorizer.logger)`.
/// Principals are read up to ` is Allowed ` / ` is Denied `, so certificate DNs with commas
/// and `=` survive.
public enum AuthorizerLogParser {
    private static let principalMarker = Array("Principal = ".utf8)
    private static let allowedMarker = Array(" is Allowed ".utf8)
    private static let deniedMarker = Array(" is Denied ".utf8)
    private static let hostMarker = Array(" from host = ".utf8)
    private static let resourceMarker = Array(" on resource = ".utf8)
    private static let requestMarker = Array(" for request = ".utf8)
    private static let refCountMarker = Array(" with resourceRefCount = ".utf8)
    private static let ruleMarker = Array(" based on rule ".utf8)
    private static let loggerSuffix = Array(" (kafka.authorizer.logger)".utf8)
    private static let patternTypes: Set<String> = ["LITERAL", "PREFIXED", "MATCH", "ANY", "UNKNOWN"]

    /// True when the line contains an authorizer message at all.
    public static func recognises(_ line: some Collection<UInt8>) -> Bool {
        find(principalMarker, in: Array(line), from: 0) != nil
    }

    /// Parses one line; `raw` is stored in the decision as is.
    public static func parse(line: [UInt8], raw: String) -> AuditParseOutcome {
        guard let principalAt = find(principalMarker, in: line, from: 0) else {
            return .notAudit(reason: "no authorizer message")
        }
        guard String(validating: line, as: UTF8.self) != nil else { return .malformed(reason: "invalid UTF-8") }
        let principalStart = principalAt + principalMarker.count
        let allowed = find(allowedMarker, in: line, from: principalStart)
        let denied = find(deniedMarker, in: line, from: principalStart)
        let verdictAt: Int
        let granted: Bool
        switch (allowed, denied) {
        case (let a?, let d?):
            verdictAt = min(a, d)
            granted = a < d
        case (let a?, nil):
            verdictAt = a
            granted = true
        case (nil, let d?):
            verdictAt = d
            granted = false
        case (nil, nil): return .malformed(reason: "no Allowed/Denied verdict")
        }
        let principal = text(line, principalStart, verdictAt)
        var cursor = verdictAt + (granted ? allowedMarker.count : deniedMarker.count)
        let operationKey = text(line, cursor, min(line.count, cursor + 12))
        guard operationKey == "Operation = " || operationKey == "operation = " else {
            return .malformed(reason: "no operation after the verdict")
        }
        cursor += 12
        guard let hostAt = find(hostMarker, in: line, from: cursor) else { return .malformed(reason: "no host") }
        let operation = AuditVocabulary.upperSnake(text(line, cursor, hostAt))
        cursor = hostAt + hostMarker.count
        guard let resourceAt = find(resourceMarker, in: line, from: cursor) else { return .malformed(reason: "no resource") }
        let host = text(line, cursor, resourceAt)
        cursor = resourceAt + resourceMarker.count

        let suffixAt = find(loggerSuffix, in: line, from: cursor)
        let messageEnd = suffixAt ?? trimmedEnd(line)
        let requestAt = find(requestMarker, in: line, from: cursor).flatMap { $0 < messageEnd ? $0 : nil }
        let ruleAt = find(ruleMarker, in: line, from: cursor).flatMap { $0 < messageEnd ? $0 : nil }
        let resourceEnd = requestAt ?? ruleAt ?? messageEnd
        guard resourceEnd > cursor, !principal.isEmpty, !operation.isEmpty else {
            return .malformed(reason: "empty principal, operation or resource")
        }
        let resource = splitResource(text(line, cursor, resourceEnd))

        var method: String?
        if let requestAt {
            let start = requestAt + requestMarker.count
            let end = find(refCountMarker, in: line, from: start).flatMap { $0 < messageEnd ? $0 : nil } ?? ruleAt ?? messageEnd
            method = text(line, start, max(start, end))
        }
        var rule: String?
        if let ruleAt { rule = describeRule(text(line, ruleAt + ruleMarker.count, messageEnd)) }

        let decision = Decision(
            timeMs: logTime(line, before: principalAt), principal: principal, operation: operation,
            resourceType: resource.type, resourceName: resource.name, patternType: resource.pattern,
            granted: granted, host: host.isEmpty ? nil : host, rule: rule, method: method,
            format: .kafkaAuthorizer, raw: raw)
        return .decisions([decision])
    }

    /// `Topic:LITERAL:orders` → (TOPIC, LITERAL, orders); legacy `Topic:orders` has no pattern.
    private static func splitResource(_ text: String) -> (type: String, pattern: String?, name: String) {
        guard let colon = text.firstIndex(of: ":") else { return (AuditVocabulary.upperSnake(text), nil, "") }
        let type = AuditVocabulary.upperSnake(String(text[..<colon]))
        let rest = text[text.index(after: colon)...]
        if let second = rest.firstIndex(of: ":"), patternTypes.contains(String(rest[..<second])) {
            return (type, String(rest[..<second]), String(rest[rest.index(after: second)...]))
        }
        return (type, nil, String(rest))
    }

    /// KRaft rules: `SuperUser`, `DefaultAllow`, `DefaultDeny`, `MatchingAcl(acl=StandardAcl[...])`.
    static func describeRule(_ rule: String) -> String {
        switch rule {
        case "SuperUser": return "super user"
        case "DefaultAllow": return "default allow (no matching ACL)"
        case "DefaultDeny": return "default deny (no matching ACL)"
        default: break
        }
        guard rule.hasPrefix("MatchingAcl(acl=StandardAcl"), rule.count > 29 else { return rule }
        // The ACL body is `key=value, ...` between the brackets, in either ( ) or [ ] form. Split
        // only before known keys: a DN principal's value holds commas of its own.
        let body = Array(rule.utf8.dropFirst(28).dropLast(2))
        let keys = ["resourceType", "resourceName", "patternType", "principal", "host", "operation", "permissionType"]
        var starts: [(key: String, valueStart: Int)] = []
        for key in keys {
            let needle = Array((key + "=").utf8)
            var from = 0
            while let at = find(needle, in: body, from: from) {
                if at == 0 || (at >= 2 && body[at - 2] == 0x2C && body[at - 1] == 0x20) {
                    starts.append((key, at + needle.count))
                    break
                }
                from = at + 1
            }
        }
        starts.sort { $0.valueStart < $1.valueStart }
        var fields: [String: String] = [:]
        for (position, entry) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].valueStart - starts[position + 1].key.utf8.count - 3 : body.count
            fields[entry.key] = text(body, entry.valueStart, end)
        }
        guard let permission = fields["permissionType"], let operation = fields["operation"] else { return rule }
        var text = "ACL \(permission) \(operation)"
        if let principal = fields["principal"] { text += " \(principal)" }
        if let host = fields["host"] { text += " host \(host)" }
        if let type = fields["resourceType"], let name = fields["resourceName"] {
            text += " on \(type) \(fields["patternType"].map { $0 + ":" } ?? "")\(name)"
        }
        return text
    }

    /// The first `yyyy-MM-dd HH:mm:ss[,SSS]` or RFC 3339 timestamp in the prefix (bracketed or not).
    ///
    /// Only the first 512 bytes are searched: real layouts put the date near the start, and a
    /// hostile megabyte of date-like text must not cost a parse attempt per byte.
    private static func logTime(_ line: [UInt8], before prefixEnd: Int) -> Int64? {
        let end = min(prefixEnd, 512)
        guard end >= 19 else { return nil }
        for start in 0...(end - 19)
        where isDigit(line[start]) && (start == 0 || !isDigit(line[start - 1])) && line[start + 4] == 0x2D
            && line[start + 7] == 0x2D && line[start + 13] == 0x3A
        {
            // Longest candidate first: the run of characters a timestamp can contain, capped at
            // the longest real form (`…:00.123456789+02:00`) so hostile prefixes stay linear.
            var runEnd = start + 19
            let runLimit = min(end, start + 35)
            while runEnd < runLimit, isTimestampByte(line[runEnd]) {
                runEnd += 1
            }
            for length in [runEnd - start, 23, 19] where start + length <= end {
                if let ms = Timestamp.parseMs(line[start..<(start + length)]) { return ms }
            }
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// Digits and `. , : + - Z`, the bytes after the seconds of a timestamp.
    private static func isTimestampByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x2E, 0x2C, 0x3A, 0x2B, 0x2D, 0x5A: return true
        default: return false
        }
    }

    private static func trimmedEnd(_ line: [UInt8]) -> Int {
        var end = line.count
        while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D || line[end - 1] == 0x0A { end -= 1 }
        return end
    }

    private static func text(_ line: [UInt8], _ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        return String(decoding: line[start..<end], as: UTF8.self)
    }

    /// Byte-substring search; lines are short so a first-byte scan beats building tables.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
