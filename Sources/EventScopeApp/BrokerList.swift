import EventScopeCore

/// Checks a bootstrap list (`-b`, `brokers =`) before it reaches librdkafka.
///
/// librdkafka keeps a port as a 16-bit number, so `host:99999` would be tried as port 34463,
/// and an empty list makes it wait out the whole connection timeout: both are caught here.
public enum BrokerList {
    /// The reason `text` is not a usable bootstrap list, or nil when it is.
    ///
    /// Accepts `host`, `host:port`, `[ipv6]:port`, a bare IPv6 address and an optional
    /// `protocol://` prefix per entry, separated by commas.
    public static func problem(_ text: String) -> String? {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
        guard entries.contains(where: { !$0.isEmpty }) else { return "wants host:port[,host:port...], not an empty list" }
        for entry in entries where !entry.isEmpty {
            var address = entry[...]
            if let scheme = address.range(of: "://") { address = address[scheme.upperBound...] }
            let port: Substring?
            if address.hasPrefix("[") {
                guard let close = address.firstIndex(of: "]") else { return "has an unclosed '[' in '\(shown(entry))'" }
                let rest = address[address.index(after: close)...]
                if rest.isEmpty {
                    port = nil
                } else if rest.hasPrefix(":") {
                    port = rest.dropFirst()
                } else {
                    return "has text after ']' in '\(shown(entry))'"
                }
            } else {
                let colons = address.filter { $0 == ":" }.count
                // Two or more colons: a bare IPv6 address, which carries no port.
                port = colons == 1 ? address[address.index(after: address.firstIndex(of: ":") ?? address.startIndex)...] : nil
                let host = colons == 1 ? address.prefix { $0 != ":" } : address
                if host.isEmpty { return "has no host in '\(shown(entry))'" }
            }
            if let port {
                guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(port), (1...65_535).contains(number)
                else {
                    return "has port '\(shown(String(port)))' in '\(shown(entry))'; a port is 1 to 65535"
                }
            }
        }
        return nil
    }

    private static func shown(_ text: String) -> String { TerminalText.escape(text, limit: 60) }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
