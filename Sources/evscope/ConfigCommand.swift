import EventScopeApp
import EventScopeKafka
import EventScopeSources
import Foundation

/// `evscope config [options]`: the effective configuration and where each value came from,
/// with secret values replaced by `***` (never printed, whatever their source).
enum ConfigCommand {
    /// One effective setting for the listing.
    struct Line: Equatable {
        let key: String
        let value: String
        let origin: String
    }

    static func run(options: WatchOptions) -> Int32 {
        let file: ConfigFile?
        do {
            file = try ConfigFileLoading.load()
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        let lines: [Line]
        do {
            lines = try effectiveLines(options: options, configFile: file)
        } catch {
            Console.error(error.message)
            return error.exitCode
        }
        var out = "# evscope effective configuration (secrets shown as ***)\n"
        if let file {
            out += "# config file: \(file.path)\n"
        } else {
            let location = ConfigFile.location(environment: ProcessInfo.processInfo.environment)?.path ?? "(no HOME)"
            out += "# config file: none (looked for \(location))\n"
        }
        let width = min(48, lines.map { $0.key.count + $0.value.count + 3 }.max() ?? 0)
        for line in lines {
            let text = "\(line.key) = \(line.value)"
            out += text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) + "  # \(line.origin)\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        return ExitCode.ok
    }

    /// The settings in effect: config file < -F files < -X for Kafka properties, command line
    /// over config file over default for the rest.
    ///
    /// - Throws: `SourceWiring.StartError` (exit 4) when a `-F` file cannot be read or parsed.
    static func effectiveLines(options: WatchOptions, configFile: ConfigFile?) throws(SourceWiring.StartError) -> [Line] {
        var lines: [Line] = []
        func setting(_ key: String, _ commandLine: String?, flag: String, _ fromFile: ConfigFile.Entry?, default fallback: String) {
            if let commandLine {
                lines.append(Line(key: key, value: commandLine, origin: "from \(flag)"))
            } else if let fromFile, let configFile {
                lines.append(Line(key: key, value: fromFile.value, origin: "from \(configFile.path):\(fromFile.line)"))
            } else {
                lines.append(Line(key: key, value: fallback, origin: "default"))
            }
        }
        setting("brokers", options.brokers, flag: "-b", configFile?.brokers, default: "(none)")
        lines.append(
            Line(
                key: "topics", value: options.topics.isEmpty ? "(none)" : options.topics.joined(separator: ", "),
                origin: options.topics.isEmpty ? "default" : "from -t"))
        if !options.auditTopics.isEmpty {
            lines.append(Line(key: "audit-topics", value: options.auditTopics.joined(separator: ", "), origin: "from --audit-topic"))
        }
        if !options.auditFiles.isEmpty {
            lines.append(Line(key: "audit-files", value: options.auditFiles.joined(separator: ", "), origin: "from --audit-file"))
        }
        setting("theme", options.themeName, flag: "--theme", configFile?.theme, default: "dark")
        setting("policy", options.policyPath, flag: "--policy", configFile?.policy, default: "(none)")

        var kafka: [(key: String, value: String, origin: String)] = []
        for entry in configFile?.kafkaProperties ?? [] {
            kafka.append((entry.key, entry.value, "from \(configFile?.path ?? "config"):\(entry.line)"))
        }
        for path in options.propertyFiles {
            var fileConfig = KafkaConfig()
            do {
                try fileConfig.add(propertiesFile: path)
            } catch {
                throw SourceWiring.StartError(message: "\(error)", exitCode: ExitCode.badConfig)
            }
            for property in fileConfig.properties { kafka.append((property.key, property.value, "from -F \(path)")) }
        }
        for (key, value) in options.properties { kafka.append((key, value, "from -X")) }
        var seen: Set<String> = []
        // Last one wins, shown once, in first-mention order.
        let winners = kafka.reversed().filter { seen.insert($0.key).inserted }.reversed()
        for property in kafka.map(\.key).uniqued() {
            guard let winner = winners.first(where: { $0.key == property }) else { continue }
            let overridden = kafka.filter { $0.key == property }.count - 1
            let shown = KafkaConfig.isSecret(key: property) ? "***" : winner.value
            lines.append(Line(key: "kafka.\(property)", value: shown, origin: winner.origin + (overridden > 0 ? " (overrides \(overridden) earlier)" : "")))
        }
        lines += schemaRegistryLines(options: options, configFile: configFile)
        for binding in configFile?.keyBindings ?? [] {
            lines.append(Line(key: "keys.\(binding.key)", value: binding.value, origin: "from \(configFile?.path ?? "config"):\(binding.line)"))
        }
        return lines
    }
}

extension ConfigCommand {
    /// The registry settings, URLs without their credentials and the user-info as `***`.
    static func schemaRegistryLines(options: WatchOptions, configFile: ConfigFile?) -> [Line] {
        var lines: [Line] = []
        let fileOrigin = { (entry: ConfigFile.Entry) in "from \(configFile?.path ?? "config"):\(entry.line)" }
        let url: (value: String, origin: String)? =
            options.schemaRegistry.map { ($0, "from -r") }
            ?? configFile?.schemaRegistryURL.map { ($0.value, fileOrigin($0)) }
        if let url {
            let shown =
                (try? SchemaRegistrySettings(urlList: url.value)).map { settings in
                    settings.displayURLs + (settings.username != nil ? " (credentials in the URL: ***)" : "")
                } ?? "(not a usable URL list)"
            lines.append(Line(key: "schema.registry.url", value: shown, origin: url.origin))
        } else {
            lines.append(Line(key: "schema.registry.url", value: "(none)", origin: "default"))
        }
        if let entry = configFile?.schemaRegistryUserInfo {
            lines.append(Line(key: "schema.registry.basic.auth.user.info", value: "***", origin: fileOrigin(entry)))
        }
        if let entry = configFile?.schemaRegistryCALocation {
            lines.append(Line(key: "schema.registry.ssl.ca.location", value: entry.value, origin: fileOrigin(entry)))
        }
        return lines
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept.
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
