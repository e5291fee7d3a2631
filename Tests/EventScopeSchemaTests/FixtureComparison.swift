import Foundation

/// Compares decoded JSON with a fixture's expected JSON by meaning, reading the fixture's
/// tagged values (`$union`, `$bytes`, `$decimal`, `$uuid`, `$date`, `$time`, `$timestamp`,
/// `$localTimestamp`) and accepting Protobuf's int64-as-string convention for exact numbers.
enum FixtureComparison {
    /// A description of the first difference, or nil when the values match.
    static func mismatch(expected: Any, actual: Any, path: String) -> String? {
        if let tagged = expected as? [String: Any], let tag = tagged.keys.first(where: { $0.hasPrefix("$") }) {
            return taggedMismatch(tag: tag, tagged: tagged, actual: actual, path: path)
        }
        switch expected {
        case let object as [String: Any]:
            guard let actualObject = actual as? [String: Any] else { return "\(path): expected an object, got \(actual)" }
            guard Set(object.keys) == Set(actualObject.keys) else {
                return "\(path): keys \(object.keys.sorted()) != \(actualObject.keys.sorted())"
            }
            for key in object.keys.sorted() {
                if let difference = mismatch(expected: object[key] as Any, actual: actualObject[key] as Any, path: path + "." + key) {
                    return difference
                }
            }
            return nil
        case let array as [Any]:
            guard let actualArray = actual as? [Any], actualArray.count == array.count else {
                return "\(path): expected \(array.count) elements, got \(actual)"
            }
            for (index, element) in array.enumerated() {
                if let difference = mismatch(expected: element, actual: actualArray[index], path: "\(path)[\(index)]") {
                    return difference
                }
            }
            return nil
        case is NSNull:
            return actual is NSNull ? nil : "\(path): expected null, got \(actual)"
        case let text as String:
            if let actualText = actual as? String { return actualText == text ? nil : "\(path): \"\(actualText)\" != \"\(text)\"" }
            // Protobuf's JSON mapping writes 64-bit integers as strings; the decoder writes exact numbers.
            if let number = actual as? NSNumber, "\(number)" == text { return nil }
            return "\(path): expected \"\(text)\", got \(actual)"
        case let number as NSNumber:
            guard let actualNumber = actual as? NSNumber, actualNumber == number else {
                return "\(path): expected \(number), got \(actual)"
            }
            return nil
        default:
            return "\(path): unexpected expected value \(expected)"
        }
    }

    private static func taggedMismatch(tag: String, tagged: [String: Any], actual: Any, path: String) -> String? {
        if tag == "$union" {
            // The fixture names the union branch written; the decoder shows the plain value.
            return mismatch(expected: tagged["value"] as Any, actual: actual, path: path)
        }
        guard let actualText = actual as? String else { return "\(path): expected a string for \(tag), got \(actual)" }
        switch tag {
        case "$bytes", "$decimal", "$uuid", "$date":
            let expected = tagged[tag] as? String ?? ""
            return actualText == expected ? nil : "\(path): \"\(actualText)\" != \"\(expected)\""
        case "$time":
            let expected = (tagged["micros"] as? NSNumber)?.int64Value
            return microsOfDay(actualText) == expected ? nil : "\(path): \"\(actualText)\" is not \(expected ?? -1) µs"
        case "$timestamp", "$localTimestamp":
            guard actualText.hasSuffix("Z") == (tag == "$timestamp") else { return "\(path): zone marker wrong in \"\(actualText)\"" }
            let expected = (tagged["epochMicros"] as? NSNumber)?.int64Value
            return epochMicros(actualText) == expected ? nil : "\(path): \"\(actualText)\" is not \(expected ?? -1) µs"
        default:
            return "\(path): unknown tag \(tag)"
        }
    }

    /// "HH:MM:SS[.ffffff]" to microseconds since midnight.
    static func microsOfDay(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1)
        let clock = parts[0].split(separator: ":").compactMap { Int64($0) }
        guard clock.count == 3 else { return nil }
        var micros: Int64 = 0
        if parts.count == 2 {
            let digits = String(parts[1].prefix(6)).padding(toLength: 6, withPad: "0", startingAt: 0)
            guard let fraction = Int64(digits) else { return nil }
            micros = fraction
        }
        return ((clock[0] * 60 + clock[1]) * 60 + clock[2]) * 1_000_000 + micros
    }

    /// "YYYY-MM-DDTHH:MM:SS[.f]Z?" to microseconds since the epoch, by days-from-civil.
    static func epochMicros(_ text: String) -> Int64? {
        let trimmed = text.hasSuffix("Z") ? String(text.dropLast()) : text
        let halves = trimmed.split(separator: "T")
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(separator: "-").compactMap { Int64($0) }
        guard date.count == 3, let time = microsOfDay(String(halves[1])) else { return nil }
        let (year, month, day) = (date[0], date[1], date[2])
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400_000_000 + time
    }
}
