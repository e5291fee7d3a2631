import EventScopeCore
import Foundation

/// `evscope policy check FILE` and `evscope policy example`: pure functions returning the text
/// to print and the exit code (0 valid, 4 bad policy file), so `main` only prints and exits.
public enum PolicyCommands {
    /// Exit code for a bad configuration or policy file (PRODUCT 6).
    public static let badPolicyExitCode: Int32 = 4

    /// Validates a policy file, listing every error with its JSON path.
    public static func check(path: String) -> (output: String, exitCode: Int32) {
        let shownPath = TerminalText.escape(path, limit: 300)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return ("\(shownPath): cannot open the policy file\n", badPolicyExitCode)
        }
        defer { try? handle.close() }
        // Read one byte past the limit so an oversized file is refused without reading it all.
        let data: Data
        do {
            data = try handle.read(upToCount: PolicyParser.maxBytes + 1) ?? Data()
        } catch {
            return ("\(shownPath): cannot read the policy file\n", badPolicyExitCode)
        }
        return check(bytes: Array(data), name: shownPath)
    }

    /// Validates policy bytes; `name` labels the output.
    public static func check(bytes: [UInt8], name: String) -> (output: String, exitCode: Int32) {
        switch PolicyParser().parse(bytes) {
        case .success(let policy):
            let rules = policy.eventTypeNames.compactMap { policy.rule(for: $0) }
            let withSchema = rules.filter { $0.schema != nil }.count
            let encrypted = rules.filter(\.encryptionRequired).count
            let topics = Set(rules.flatMap(\.topics)).count
            let output = "\(name): policy OK: \(rules.count) event types (\(withSchema) with a schema, \(encrypted) requiring encryption), "
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
