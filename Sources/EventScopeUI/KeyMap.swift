import EventScopeCore

/// The one table from keys to commands: dispatch, the hint bar and the help screen all read it.
public struct KeyMap: Sendable {
    public struct Binding: Sendable, Equatable {
        public let key: Key
        public let command: Command
    }

    public private(set) var bindings: [Binding]

    public init(bindings: [Binding]) {
        self.bindings = bindings
    }

    public static let standard = KeyMap(bindings: [
        .init(key: .char("q"), command: .quit),
        .init(key: .char("?"), command: .help),
        .init(key: .tab, command: .nextScreen),
        .init(key: .backTab, command: .previousScreen),
        .init(key: .char("1"), command: .screenOverview),
        .init(key: .char("2"), command: .screenTopics),
        .init(key: .char("3"), command: .screenEventTypes),
        .init(key: .char("4"), command: .screenPrincipals),
        .init(key: .char("5"), command: .screenDecisions),
        .init(key: .char("6"), command: .screenTraces),
        .init(key: .char("7"), command: .screenLive),
        .init(key: .char("8"), command: .screenFindings),
        .init(key: .up, command: .up),
        .init(key: .char("k"), command: .up),
        .init(key: .down, command: .down),
        .init(key: .char("j"), command: .down),
        .init(key: .pageUp, command: .pageUp),
        .init(key: .ctrl("b"), command: .pageUp),
        .init(key: .pageDown, command: .pageDown),
        .init(key: .ctrl("f"), command: .pageDown),
        .init(key: .char("g"), command: .top),
        .init(key: .home, command: .top),
        .init(key: .char("G"), command: .bottom),
        .init(key: .end, command: .bottom),
        .init(key: .enter, command: .open),
        .init(key: .char("l"), command: .open),
        .init(key: .escape, command: .back),
        .init(key: .char("h"), command: .back),
        .init(key: .backspace, command: .back),
        .init(key: .char("p"), command: .pause),
        .init(key: .char("s"), command: .sort),
        .init(key: .char("r"), command: .reverseSort),
        .init(key: .char("/"), command: .filter),
        .init(key: .char("a"), command: .toggleAllowed),
        .init(key: .char("b"), command: .groupBy),
        .init(key: .char("t"), command: .jumpToTrace),
        .init(key: .char("T"), command: .cycleTheme),
        .init(key: .char("n"), command: .nextMatch),
        .init(key: .char("N"), command: .previousMatch),
        .init(key: .char("c"), command: .context),
        .init(key: .char("S"), command: .sources),
        .init(key: .char("f"), command: .follow),
        .init(key: .char("w"), command: .wrap),
        .init(key: .left, command: .scrollLeft),
        .init(key: .right, command: .scrollRight),
        .init(key: .ctrl("c"), command: .quit),
    ])

    public func command(for key: Key) -> Command? {
        bindings.first { $0.key == key }?.command
    }

    /// Keys bound to a command, in binding order.
    public func keys(for command: Command) -> [Key] {
        bindings.filter { $0.command == command }.map(\.key)
    }

    /// Rebinds a command to the given keys (replacing its old keys and taking these keys from
    /// any other command). Returns a one-line error for unknown names instead of guessing.
    public mutating func remap(commandName: String, keyNames: [String]) throws(KeyMapError) {
        guard let command = Command(rawValue: commandName) else { throw .unknownCommand(commandName) }
        var keys: [Key] = []
        for name in keyNames {
            guard let key = Key(name: name) else { throw .unknownKey(name) }
            keys.append(key)
        }
        bindings.removeAll { $0.command == command || keys.contains($0.key) }
        bindings.append(contentsOf: keys.map { Binding(key: $0, command: command) })
    }

    /// `key → label` pairs for the hint bar, first key of each command, in the given order.
    public func hints(for commands: [Command]) -> [(key: String, label: String)] {
        commands.compactMap { command in
            keys(for: command).first.map { (key: $0.symbol, label: command.label) }
        }
    }

    /// Lines for the help screen, generated from the bindings so it can never go stale.
    public func helpLines() -> [(keys: String, summary: String)] {
        Command.allCases.compactMap { command in
            let keys = keys(for: command)
            guard !keys.isEmpty else { return nil }
            return (keys: keys.map(\.name).joined(separator: " "), summary: command.summary)
        }
    }
}

/// Why a key map entry from the config file was rejected.
public enum KeyMapError: Error, Equatable, CustomStringConvertible {
    case unknownCommand(String)
    case unknownKey(String)

    public var description: String {
        switch self {
        // Escaped: the names come from a config file and the message is printed on stderr.
        case .unknownCommand(let name): "unknown command '\(TerminalText.escape(name, limit: 40))' in key map"
        case .unknownKey(let name): "unknown key name '\(TerminalText.escape(name, limit: 40))' in key map"
        }
    }
}
