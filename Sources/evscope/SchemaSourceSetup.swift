import EventScopeApp
import EventScopeCore
import EventScopeSources

/// Chooses where a session's schemas come from: the registry named by `-r` or the config
/// file, or (for the demo) schemas served in process.
enum SchemaSourceSetup {
    /// A schema source and the name it has in the Sources pane (never with credentials).
    struct Choice {
        let name: String
        let source: any SchemaSource
    }

    /// The registry client for `-r` / `schema.registry.url`, or nil when none is configured.
    ///
    /// - Throws: `SourceWiring.StartError` (exit 4) for an unusable URL or setting; the message
    ///   never holds the credentials.
    static func registry(_ options: WatchOptions, configFile: ConfigFile?) throws(SourceWiring.StartError) -> Choice? {
        guard let urls = options.schemaRegistry else { return nil }
        if configFile?.schemaRegistryCALocation != nil {
            // FoundationNetworking on Linux verifies against the system CA bundle and offers no
            // per-session trust roots, so a private CA must be added to the system store.
            throw SourceWiring.StartError(
                message:
                    "schema.registry.ssl.ca.location is not supported by this build's HTTP client; add the CA to the system store (update-ca-certificates) and remove the setting",
                exitCode: ExitCode.badConfig)
        }
        do {
            let settings = try SchemaRegistrySettings(urlList: urls, basicAuthUserInfo: configFile?.schemaRegistryUserInfo?.value)
            return Choice(name: "schema registry \(settings.displayURLs)", source: SchemaRegistryClient(settings: settings))
        } catch {
            throw SourceWiring.StartError(message: error.description, exitCode: ExitCode.badConfig)
        }
    }
}
