import CRdKafka
import EventScopeCore
import Foundation

/// Ordered librdkafka properties collected from `-X key=value` options and `-F` property files.
///
/// Order is kept because librdkafka applies properties in sequence and a later `-X` must override
/// an earlier file entry, exactly like kcat. Values are never shown unmasked when the key looks
/// secret, so the config can be printed in `--help` output and error messages.
public struct KafkaConfig: Sendable, Equatable, CustomStringConvertible {
    /// The properties in the order they were given; later entries win.
    public private(set) var properties: [(key: String, value: String)] = []

    public init() {}

    public init(_ properties: [(key: String, value: String)]) {
        self.properties = properties
    }

    public static func == (lhs: KafkaConfig, rhs: KafkaConfig) -> Bool {
        lhs.properties.elementsEqual(rhs.properties) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Appends one property.
    public mutating func set(_ key: String, _ value: String) {
        properties.append((key, value))
    }

    /// The effective value of `key` (the last one given).
    public func value(for key: String) -> String? {
        properties.last { $0.key == key }?.value
    }

    /// Parses one `-X key=value` argument.
    ///
    /// - Throws: `KafkaError.invalidConfiguration` when there is no `=` or the key is empty.
    public mutating func add(assignment: String) throws {
        guard let (key, value) = Self.split(assignment) else {
            throw KafkaError.invalidConfiguration("-X expects key=value")
        }
        set(key, value)
    }

    /// Parses the text of a java-properties style file: `key=value` lines, `#`/`!` comments.
    ///
    /// - Parameter source: a name for the text used in error messages (usually the file path).
    /// - Throws: `KafkaError.invalidConfiguration` naming the source and line of the first bad line.
    public mutating func add(propertiesText text: String, source: String) throws {
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("!") { continue }
            guard let (key, value) = Self.split(line) else {
                throw KafkaError.invalidConfiguration("\(source) line \(lineNumber): expected key=value")
            }
            set(key, value)
        }
    }

    /// Reads and parses a `-F` properties file.
    ///
    /// - Throws: `KafkaError.invalidConfiguration` when the file cannot be read or has a bad line.
    public mutating func add(propertiesFile path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KafkaError.invalidConfiguration("cannot read config file \(path)")
        }
        try add(propertiesText: text, source: path)
    }

    /// Checks every property against librdkafka without creating a client.
    ///
    /// - Throws: `KafkaError.invalidConfiguration` with librdkafka's message (secret values masked).
    public func validate() throws {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError.invalidConfiguration("cannot allocate a configuration")
        }
        defer { rd_kafka_conf_destroy(conf) }
        try apply(to: conf)
    }

    /// True when a property's value must never be shown (passwords, keys, tokens, JAAS configs).
    public static func isSecret(key: String) -> Bool {
        SecretPropertyName.looksSecret(key)
    }

    /// The properties as `key=value` lines with secret values replaced by `***`.
    public func redacted() -> [String] {
        properties.map { "\($0.key)=\(Self.isSecret(key: $0.key) ? "***" : $0.value)" }
    }

    public var description: String { redacted().joined(separator: ", ") }

    /// Sets every property on a librdkafka configuration, in order.
    func apply(to conf: OpaquePointer) throws {
        for (key, value) in properties {
            try Self.set(key, value, on: conf)
        }
    }

    /// Sets one property, turning librdkafka's complaint into a thrown error without the secret.
    static func set(_ key: String, _ value: String, on conf: OpaquePointer) throws {
        // librdkafka echoes an unknown name; one like `sasl.password: hunter2` holds the secret.
        let name = SecretPropertyName.leadingName(of: key)
        if name.count != key.count, isSecret(key: key) {
            throw KafkaError.invalidConfiguration("malformed property name '\(name.prefix(60))' followed by text not shown (it may be a secret)")
        }
        var errorBuffer = [CChar](repeating: 0, count: 512)
        let result = rd_kafka_conf_set(conf, key, value, &errorBuffer, errorBuffer.count)
        guard result != RD_KAFKA_CONF_OK else { return }
        var message = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if isSecret(key: key), !value.isEmpty {
            message = message.replacingOccurrences(of: value, with: "***")
        }
        throw KafkaError.invalidConfiguration(message.isEmpty ? "cannot set \(key)" : message)
    }

    private static func split(_ assignment: String) -> (String, String)? {
        guard let equals = assignment.firstIndex(of: "=") else { return nil }
        let key = assignment[..<equals].trimmingCharacters(in: .whitespaces)
        let value = assignment[assignment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return nil }
        return (key, value)
    }
}
