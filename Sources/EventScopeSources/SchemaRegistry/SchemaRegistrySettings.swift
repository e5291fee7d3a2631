import Foundation

/// Where the Schema Registry is and how to log in, from `-r` / `--schema-registry` or the config
/// file. Credentials are held apart from the URLs, so nothing that names a registry (the
/// Sources pane, errors, `evscope config`) can show the password.
public struct SchemaRegistrySettings: Sendable, Equatable {
    /// Registry base URLs without user-info, tried in turn.
    public let urls: [URL]
    public let username: String?
    public let password: String?

    /// Parses a comma-separated URL list; user-info in a URL (`https://user:pass@host`, as kcat
    /// takes it) gives the credentials unless `basicAuthUserInfo` (`user:pass`, the Confluent
    /// clients' `schema.registry.basic.auth.user.info`) is set.
    ///
    /// - Throws: `SchemaRegistrySettingsError` naming the bad URL without its credentials.
    public init(urlList: String, basicAuthUserInfo: String? = nil) throws(SchemaRegistrySettingsError) {
        var urls: [URL] = []
        var username: String?
        var password: String?
        for (position, item) in urlList.split(separator: ",").enumerated() {
            let text = item.trimmingCharacters(in: .whitespaces)
            guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
            else {
                throw SchemaRegistrySettingsError(
                    "schema registry URL \(position + 1) is not an http(s) URL with a host (e.g. http://localhost:8081)")
            }
            if let user = components.user, username == nil {
                username = user.removingPercentEncoding ?? user
                password = components.password.map { $0.removingPercentEncoding ?? $0 }
            }
            components.user = nil
            components.password = nil
            components.query = nil
            components.fragment = nil
            while components.path.hasSuffix("/") { components.path.removeLast() }
            guard let url = components.url else {
                throw SchemaRegistrySettingsError("schema registry URL \(position + 1) cannot be used")
            }
            urls.append(url)
        }
        guard !urls.isEmpty else { throw SchemaRegistrySettingsError("schema registry needs a URL, e.g. -r http://localhost:8081") }
        if let basicAuthUserInfo {
            guard let colon = basicAuthUserInfo.firstIndex(of: ":") else {
                throw SchemaRegistrySettingsError("schema.registry.basic.auth.user.info must be user:password")
            }
            username = String(basicAuthUserInfo[..<colon])
            password = String(basicAuthUserInfo[basicAuthUserInfo.index(after: colon)...])
        }
        self.urls = urls
        self.username = username
        self.password = password
    }

    /// The URLs as shown to people: never with credentials.
    public var displayURLs: String {
        urls.map(\.absoluteString).joined(separator: ",")
    }

    /// The `Authorization` header value for basic auth, when there are credentials.
    var authorization: String? {
        guard let username else { return nil }
        return "Basic " + Data("\(username):\(password ?? "")".utf8).base64EncodedString()
    }
}

/// A registry setting that cannot be used; the message never holds the credentials.
public struct SchemaRegistrySettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
