import EventScopeCore
import EventScopeUI

/// The user's settings file: `$EVSCOPE_CONFIG`, else `$XDG_CONFIG_HOME/evscope/config`, else
/// `~/.config/evscope/config`.
///
/// Format: one `key = value` per line; blank lines and lines starting with `#` are ignored;
/// whitespace around key and value is trimmed; the value is the rest of the line (no quoting,
/// so `#` inside a value is kept). Keys:
///
///     brokers = host1:9092,host2:9092       default for -b
///     theme = dark                           default for --theme (name or path)
///     policy = /etc/evscope/policy.yaml      default for --policy
///     kafka.<property> = value               any librdkafka property, e.g. kafka.sasl.password
///     keys.<command> = key1 key2             rebind a dashboard command, e.g. keys.quit = q ctrl-c
///     schema.registry.url = http://host:8081 default for -r (comma-separated URLs)
///     schema.registry.basic.auth.user.info = user:password    registry credentials (a secret)
///     schema.registry.ssl.ca.location = /path/ca.pem          CA for an https registry
///
/// Kafka properties apply before `-F` files and `-X` options (later wins); the other keys are
/// used only when the command line does not give them. Error messages name the file and line
/// and the key, never the value, because a value may be a password.
public struct ConfigFile: Sendable {
    /// A setting and the line it came from.
    public struct Entry: Sendable, Equatable {
        public let key: String
        public let value: String
        public let line: Int
    }

    /// The file the settings were read from (for messages and `evscope config`).
    public let path: String
    public private(set) var brokers: Entry?
    public private(set) var theme: Entry?
    public private(set) var policy: Entry?
    /// librdkafka properties in file order, keys without the `kafka.` prefix.
    public private(set) var kafkaProperties: [Entry] = []
    /// Key map changes in file order: key = command name, value = space-separated key names.
    public private(set) var keyBindings: [Entry] = []
    /// Schema Registry settings (the Confluent clients' names).
    public private(set) var schemaRegistryURL: Entry?
    public private(set) var schemaRegistryUserInfo: Entry?
    public private(set) var schemaRegistryCALocation: Entry?

    /// Parses the file's text.
    ///
    /// - Throws: `ConfigFileError` naming `path`, the line and the reason for the first bad line.
    public init(text: String, path: String) throws(ConfigFileError) {
        self.path = path
        var lineNumber = 0
        var keyMap = KeyMap.standard
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.trimmedBlanks()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                // The line is not quoted: without an `=` it might be a bare password.
                throw ConfigFileError(path: path, line: lineNumber, reason: "expected key = value")
            }
            let key = line[..<equals].trimmedBlanks()
            let value = line[line.index(after: equals)...].trimmedBlanks()
            // A key like `sasl.password: hunter2` is a typo whose tail may be the secret.
            let leadingName = TerminalText.escape(String(SecretPropertyName.leadingName(of: key)), limit: 60)
            let keyHidesSecret = SecretPropertyName.leadingName(of: key).count != key.count && SecretPropertyName.looksSecret(key)
            let shownKey = keyHidesSecret ? "\(leadingName)…" : TerminalText.escape(key, limit: 60)
            guard !key.isEmpty else { throw ConfigFileError(path: path, line: lineNumber, reason: "missing key before '='") }
            let entry = Entry(key: key, value: value, line: lineNumber)
            switch key {
            case "brokers", "theme", "policy":
                guard !value.isEmpty else { throw ConfigFileError(path: path, line: lineNumber, reason: "\(key) needs a value") }
                switch key {
                case "brokers": brokers = entry
                case "theme": theme = entry
                default: policy = entry
                }
            case "schema.registry.url", "schema.registry.basic.auth.user.info", "schema.registry.ssl.ca.location":
                guard !value.isEmpty else { throw ConfigFileError(path: path, line: lineNumber, reason: "\(key) needs a value") }
                switch key {
                case "schema.registry.url": schemaRegistryURL = entry
                case "schema.registry.basic.auth.user.info": schemaRegistryUserInfo = entry
                default: schemaRegistryCALocation = entry
                }
            case _ where key.hasPrefix("kafka."):
                let property = String(key.dropFirst("kafka.".count))
                guard !property.isEmpty else {
                    throw ConfigFileError(path: path, line: lineNumber, reason: "kafka. needs a property name, e.g. kafka.sasl.username")
                }
                kafkaProperties.append(Entry(key: property, value: value, line: lineNumber))
            case _ where key.hasPrefix("keys."):
                let command = String(key.dropFirst("keys.".count))
                let names: [String] = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0) }
                guard !names.isEmpty else { throw ConfigFileError(path: path, line: lineNumber, reason: "\(shownKey) needs at least one key name") }
                do throws(KeyMapError) {
                    try keyMap.remap(commandName: command, keyNames: names)
                } catch {
                    throw ConfigFileError(path: path, line: lineNumber, reason: TerminalText.escape(error.description, limit: 120))
                }
                keyBindings.append(Entry(key: command, value: names.joined(separator: " "), line: lineNumber))
            default:
                let what = keyHidesSecret ? "'\(leadingName)' followed by text not shown (it may be a secret)" : "'\(shownKey)'"
                throw ConfigFileError(
                    path: path, line: lineNumber,
                    reason: "unknown setting \(what) (brokers, theme, policy, kafka.<property>, keys.<command>, schema.registry.*)")
            }
        }
    }

    /// The standard key map with this file's `keys.` lines applied in order.
    public func keyMap(base: KeyMap = .standard) -> KeyMap {
        var map = base
        for binding in keyBindings {
            // Validated while parsing, so a failure here cannot happen; keep the map unchanged if it does.
            try? map.remap(commandName: binding.key, keyNames: binding.value.split(separator: " ").map(String.init))
        }
        return map
    }

    /// Fills in what the command line left unset: brokers, theme and policy.
    public func applyDefaults(to options: WatchOptions) -> WatchOptions {
        var options = options
        if options.brokers == nil, let brokers { options.brokers = brokers.value }
        if options.themeName == nil, let theme { options.themeName = theme.value }
        if options.policyPath == nil, let policy { options.policyPath = policy.value }
        if options.schemaRegistry == nil, let schemaRegistryURL { options.schemaRegistry = schemaRegistryURL.value }
        return options
    }

    /// True when any Kafka property is a secret by `isSecret` (the Kafka module's rule).
    public func holdsSecrets(isSecret: (String) -> Bool) -> Bool {
        kafkaProperties.contains { isSecret($0.key) } || schemaRegistryUserInfo != nil
            || schemaRegistryURL.map { $0.value.contains("@") } == true
    }

    /// The one-line warning for a secret-holding file others can read, or nil.
    ///
    /// - Parameter mode: the file's permission bits (`st_mode & 0o777`).
    public func permissionWarning(mode: Int, isSecret: (String) -> Bool) -> String? {
        guard mode & 0o077 != 0, holdsSecrets(isSecret: isSecret) else { return nil }
        return "warning: \(path) holds secrets and is readable by others (mode \(String(mode & 0o777, radix: 8))); run chmod 600 \(path)"
    }

    /// Where the config file is looked for, from the environment.
    ///
    /// - Returns: the path and whether the user named it explicitly (`EVSCOPE_CONFIG`), in which
    ///   case a missing file is an error instead of "no config".
    public static func location(environment: [String: String]) -> (path: String, explicit: Bool)? {
        if let explicit = environment["EVSCOPE_CONFIG"], !explicit.isEmpty { return (explicit, true) }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return (xdg + "/evscope/config", false) }
        if let home = environment["HOME"], !home.isEmpty { return (home + "/.config/evscope/config", false) }
        return nil
    }
}

/// A bad line in the config file: printed as `file:line: reason`, exit code 4.
public struct ConfigFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    /// The line number, or 0 when the whole file is the problem (unreadable).
    public let line: Int
    public let reason: String

    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    fileprivate func trimmedBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
