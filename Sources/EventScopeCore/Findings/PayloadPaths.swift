/// Walks parsed payloads: values at dotted field paths (with `*`), and strings holding PII.
enum PayloadPaths {
    /// A value found in a payload, with its dotted path (`items.0.sku`) and JSON-path suffix (`.items[0].sku`).
    struct Hit {
        var dotted: String
        var suffix: String
        var value: JSONValue
    }

    /// PII found in a payload string.
    struct PIIHit {
        var kind: PIIDetector.Kind
        var dotted: String
        var suffix: String
        var evidence: String
    }

    static let maxHits = 64
    static let maxVisitedValues = 2_000

    /// Values at a dotted path; `*` matches every member or element at its level.
    static func values(at dotted: String, in root: JSONValue) -> [Hit] {
        let pattern = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var frontier = [Hit(dotted: "", suffix: "", value: root)]
        for component in pattern {
            var next: [Hit] = []
            for hit in frontier {
                switch hit.value {
                case .object(let members):
                    for member in members where component == "*" || member.key == component {
                        next.append(Hit(dotted: join(hit.dotted, member.key), suffix: JSONPathText.appending(member.key, to: hit.suffix), value: member.value))
                        if next.count >= maxHits { break }
                    }
                case .array(let elements):
                    for (index, element) in elements.enumerated() where component == "*" || Int(component) == index {
                        next.append(Hit(dotted: join(hit.dotted, String(index)), suffix: JSONPathText.appending(index, to: hit.suffix), value: element))
                        if next.count >= maxHits { break }
                    }
                default:
                    break
                }
            }
            frontier = next
            if frontier.isEmpty { break }
        }
        return frontier
    }

    /// Strings (and long integers) in the payload that hold likely PII, in document order.
    static func piiHits(in root: JSONValue) -> [PIIHit] {
        var hits: [PIIHit] = []
        var stack = [Hit(dotted: "", suffix: "", value: root)]
        var visited = 0
        while let hit = stack.popLast(), visited < maxVisitedValues, hits.count < 16 {
            visited += 1
            switch hit.value {
            case .string(let text):
                scan(text, at: hit, into: &hits)
            case .integer(let number) where number > 999_999_999 || number < -999_999_999:
                scan(String(number), at: hit, into: &hits)
            case .object(let members):
                for member in members.reversed() {
                    stack.append(Hit(dotted: join(hit.dotted, member.key), suffix: JSONPathText.appending(member.key, to: hit.suffix), value: member.value))
                }
            case .array(let elements):
                for (index, element) in elements.enumerated().reversed() {
                    stack.append(Hit(dotted: join(hit.dotted, String(index)), suffix: JSONPathText.appending(index, to: hit.suffix), value: element))
                }
            default:
                break
            }
        }
        return hits
    }

    private static func scan(_ text: String, at hit: Hit, into hits: inout [PIIHit]) {
        var text = text
        let matches: [PIIDetector.Match] = text.withUTF8 { buffer in
            PIIDetector.mightContain(buffer) ? PIIDetector.matches(in: buffer) : []
        }
        for match in matches {
            hits.append(PIIHit(kind: match.kind, dotted: hit.dotted, suffix: hit.suffix, evidence: substring(text, match.range)))
        }
    }

    /// The UTF-8 byte range of `text` as a string.
    static func substring(_ text: String, _ range: Range<Int>) -> String {
        let utf8 = Array(text.utf8)
        let clamped = max(0, range.lowerBound)..<min(utf8.count, range.upperBound)
        return String(decoding: utf8[clamped], as: UTF8.self)
    }

    private static func join(_ prefix: String, _ component: String) -> String {
        prefix.isEmpty ? component : prefix + "." + component
    }
}
