import EventScopeUI
import Foundation

/// Finding and reading theme files.
extension Theme {
    /// Theme files larger than this are refused rather than read into memory.
    static let maximumFileBytes = 256 * 1024

    /// Where theme names are looked up, most personal first: the user's config folder
    /// overrides the shipped files, so a user can restyle a built-in name.
    ///
    /// - Parameters:
    ///   - environment: for `XDG_CONFIG_HOME` and `HOME`.
    ///   - executablePath: the running binary; its folder's `themes/` is searched.
    ///   - currentDirectory: its `themes/` is searched (useful when running from a checkout).
    public static func defaultSearchDirectories(environment: [String: String], executablePath: String?, currentDirectory: String) -> [String] {
        var directories: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(config + "/evscope/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/evscope/themes")
        }
        if let executablePath, !executablePath.isEmpty {
            let folder = (executablePath as NSString).deletingLastPathComponent
            directories.append((folder.isEmpty ? "." : folder) + "/themes")
        }
        directories.append(currentDirectory + "/themes")
        return directories
    }

    /// Loads a theme by name (`dark` → `NAME.theme` in the search directories) or by path
    /// (anything containing `/` or ending in `.theme`).
    ///
    /// The shipped names fall back to their compiled-in copies when no file is found.
    /// - Throws: `ThemeError` when the file is missing, unreadable or invalid.
    public static func load(nameOrPath: String, searchDirectories: [String]) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return try load(path: nameOrPath)
        }
        for directory in searchDirectories {
            let path = directory + "/" + nameOrPath + ".theme"
            if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        }
        guard let builtin = builtin(named: nameOrPath) else { throw ThemeError.notFound(name: nameOrPath, searched: searchDirectories) }
        return builtin
    }

    /// The theme to use at startup: monochrome when `NO_COLOR` is set and non-empty (it
    /// wins over `--theme`, as no-color.org asks), else the named theme, else dark.
    public static func resolve(nameOrPath: String?, environment: [String: String], searchDirectories: [String]) throws -> Theme {
        if noColor(environment) { return .monochrome }
        return try load(nameOrPath: nameOrPath ?? "dark", searchDirectories: searchDirectories)
    }

    /// The themes `T` cycles through, `current` first, then every built-in name (a file of that
    /// name overriding it). Under `NO_COLOR` colour stays off, so monochrome is the only one.
    public static func cycle(from current: Theme, environment: [String: String], searchDirectories: [String]) -> [Theme] {
        if noColor(environment) { return [current] }
        return [current]
            + builtinNames.filter { $0 != current.name }.map { name in
                (try? load(nameOrPath: name, searchDirectories: searchDirectories)) ?? builtin(named: name) ?? .dark
            }
    }

    /// True when `NO_COLOR` is set and non-empty, as no-color.org defines it.
    public static func noColor(_ environment: [String: String]) -> Bool {
        environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    }

    /// Reads and parses one theme file; the theme is named after the file.
    public static func load(path: String) throws -> Theme {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ThemeError.unreadable(path: path, reason: "no such file or not readable")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
        } catch {
            throw ThemeError.unreadable(path: path, reason: "\(error)")
        }
        guard data.count <= maximumFileBytes else {
            throw ThemeError.unreadable(path: path, reason: "larger than \(maximumFileBytes) bytes")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(String(decoding: data, as: UTF8.self), name: name, file: path)
    }
}
