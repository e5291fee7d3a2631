import EventScopeCore
import Foundation

/// `evscope policy check FILE` and `evscope policy example`: pure functions returning the text
/// to print and the exit code (0 valid, 4 bad policy file), so `main` only prints and exits.
public enum PolicyCommands {
    /// Exit code for a bad configuration or policy file.
    public static let badPolicyExitCode: Int32 = 4

    /// Validates a policy file, listing every error with its JSON path.
    public static func check(path: String) -> (output: String, exitCode: Int32) {
        switch read(path: path) {
        case .success(let bytes): return check(bytes: bytes, name: TerminalText.escape(path, limit: 300))
        case .failure(let error): return (error.message + "\n", badPolicyExitCode)
        }
    }

    /// Loads a policy for a watch session: the policy, or every error as printable text.
    public static func load(path: String) -> Result<Policy, PolicyLoadError> {
        switch read(path: path) {
        case .failure(let error): return .failure(error)
        case .success(let bytes):
            let (output, code) = check(bytes: bytes, name: TerminalText.escape(path, limit: 300))
            guard code == 0, case .success(let policy) = PolicyParser().parse(bytes) else {
                return .failure(PolicyLoadError(message: output.trimmingCharacters(in: .newlines)))
            }
            return .success(policy)
        }
    }

    /// Reads at most one byte past the parser's limit, so an oversized file is refused without reading it all.
    static func read(path: String) -> Result<[UInt8], PolicyLoadError> {
        let shownPath = TerminalText.escape(path, limit: 300)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(PolicyLoadError(message: "\(shownPath): cannot open the policy file"))
        }
        defer { try? handle.close() }
        do {
            return .success(Array(try handle.read(upToCount: PolicyParser.maxBytes + 1) ?? Data()))
        } catch {
            return .failure(PolicyLoadError(message: "\(shownPath): cannot read the policy file"))
        }
    }

    /// Validates policy bytes; `name` labels the output.
    public static func check(bytes: [UInt8], name: String) -> (output: String, exitCode: Int32) {
        switch PolicyParser().parse(bytes) {
        case .success(let policy):
            let rules = policy.eventTypeNames.compactMap { policy.rule(for: $0) }
            let withSchema = rules.filter { $0.schema != nil }.count
            let encrypted = rules.filter(\.encryptionRequired).count
            let topics = Set(rules.flatMap(\.topics)).count
            let output =
                "\(name): policy OK: \(rules.count) event types (\(withSchema) with a schema, \(encrypted) requiring encryption), "
                + "\(topics) topics, \(policy.serviceNames.count) services\n"
            return (output, 0)
        case .failure(let failure):
            var output = "\(name): \(failure.errors.count + failure.unreported) error(s)\n"
            for error in failure.errors { output += "  \(error.description)\n" }
            if failure.unreported > 0 { output += "  … and \(failure.unreported) more\n" }
            return (output, badPolicyExitCode)
        }
    }

    /// The complete example policy.
    public static func example() -> String {
        PolicyExample.text + "\n"
    }
}

/// Why a policy file could not be used: printable text listing every problem.
public struct PolicyLoadError: Error, Sendable {
    public let message: String
}
