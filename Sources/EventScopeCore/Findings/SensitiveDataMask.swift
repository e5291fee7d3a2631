/// Which values of a record's JSON to mask on screen: the policy's sensitive fields of the event
/// type, and any string in which a PII detector fires (masked unless `--reveal`).
public enum SensitiveDataMask {
    /// Dotted paths (from the document root) whose values are shown as `••••`.
    public static func maskedPaths(in document: JSONValue, eventType: String?, policy: Policy?) -> Set<String> {
        var paths: Set<String> = []
        if let fields = eventType.flatMap({ policy?.rule(for: $0) })?.sensitiveFields {
            // Policy paths are payload-relative; the envelope calls the payload `payload`, CloudEvents `data`.
            for field in fields {
                paths.insert("payload." + field)
                paths.insert("data." + field)
            }
        }
        // Walk iteratively: a hostile document must not exhaust the stack.
        var stack: [(value: JSONValue, path: [String])] = [(document, [])]
        var visited = 0
        while let (value, path) = stack.popLast(), visited < 100_000 {
            visited += 1
            switch value {
            case .string(let text):
                if !PIIDetector.matches(in: text).isEmpty { paths.insert(path.joined(separator: ".")) }
            case .array(let items):
                for (index, item) in items.enumerated() { stack.append((item, path + [String(index)])) }
            case .object(let members):
                for member in members { stack.append((member.value, path + [member.key])) }
            default:
                break
            }
        }
        return paths
    }
}
