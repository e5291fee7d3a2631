/// Builds JSON path text for error messages: `$.eventTypes.OrderItemShipped.schema`, with
/// bracket form (`$["odd key"]`) for names that are not plain identifiers.
enum JSONPathText {
    static func appending(_ key: String, to path: String) -> String {
        if isPlain(key) { return path + "." + key }
        var quoted = ""
        JSONLineWriter.appendString(key, to: &quoted)
        return path + "[" + quoted + "]"
    }

    static func appending(_ index: Int, to path: String) -> String {
        "\(path)[\(index)]"
    }

    /// Letters, digits, `_`, `-` and `$`, not starting with a digit, at most 64 bytes.
    private static func isPlain(_ key: String) -> Bool {
        guard let first = key.utf8.first, key.utf8.count <= 64 else { return false }
        if first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") { return false }
        return key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "$")
        }
    }
}
