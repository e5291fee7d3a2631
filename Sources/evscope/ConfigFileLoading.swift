import EventScopeApp
import EventScopeKafka
import Foundation

/// Finds, reads and checks the user's config file before any source or screen starts.
enum ConfigFileLoading {
    /// The config file and the command line's options with the file's defaults filled in.
    static func apply(to commandLine: WatchOptions) throws(SourceWiring.StartError) -> (file: ConfigFile?, options: WatchOptions) {
        let file = try load()
        return (file, file?.applyDefaults(to: commandLine) ?? commandLine)
    }

    /// The config file, or nil when there is none at the default location.
    ///
    /// Prints the permission warning (one line on stderr) when the file holds secrets and is
    /// readable by group or others. Each `kafka.` property is checked by librdkafka here so a
    /// bad one is reported as `file:line`, with secret values masked.
    ///
    /// - Throws: `SourceWiring.StartError` with exit code 4 for an unreadable or bad file.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment, warn: (String) -> Void = { Console.error($0) }) throws(SourceWiring
        .StartError) -> ConfigFile?
    {
        guard let (path, explicit) = ConfigFile.location(environment: environment) else { return nil }
        guard FileManager.default.fileExists(atPath: path) else {
            if explicit { throw SourceWiring.StartError(message: "\(path): no such config file (from EVSCOPE_CONFIG)", exitCode: ExitCode.badConfig) }
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SourceWiring.StartError(message: "\(path): cannot read the config file", exitCode: ExitCode.badConfig)
        }
        let file: ConfigFile
        do {
            file = try ConfigFile(text: String(decoding: data, as: UTF8.self), path: path)
        } catch {
            throw SourceWiring.StartError(message: error.description, exitCode: ExitCode.badConfig)
        }
        if let brokers = file.brokers, let problem = BrokerList.problem(brokers.value) {
            throw SourceWiring.StartError(message: "\(path):\(brokers.line): brokers \(problem)", exitCode: ExitCode.badConfig)
        }
        for entry in file.kafkaProperties {
            do {
                try KafkaConfig([(entry.key, entry.value)]).validate()
            } catch {
                throw SourceWiring.StartError(message: "\(path):\(entry.line): \(error)", exitCode: ExitCode.badConfig)
            }
        }
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        if let warning = file.permissionWarning(mode: mode, isSecret: KafkaConfig.isSecret(key:)) { warn(warning) }
        return file
    }
}
