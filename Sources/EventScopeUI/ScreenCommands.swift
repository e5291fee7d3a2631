/// The commands each place offers, in hint order. Dispatch refuses any other command with a
/// message, and the hint bar shows these, so the two can never disagree.
public enum ScreenCommands {
    static let navigation: [Command] = [.up, .down, .pageUp, .pageDown, .top, .bottom]
    static let screens: [Command] = [
        .screenOverview, .screenTopics, .screenEventTypes, .screenPrincipals, .screenDecisions,
        .screenTraces, .screenLive, .screenFindings, .nextScreen, .previousScreen,
    ]

    /// Everything that works where the operator is now; the first ones matter most.
    public static func commands(for state: AppState) -> [Command] {
        // Help and quit first: they must survive the narrowest hint bar.
        if state.showHelp { return [.help, .quit, .back] + navigation }
        var commands: [Command] = [.help, .quit]
        if !state.details.isEmpty {
            commands.append(.back)
            if !isTrace(state.details.last) { commands.append(.jumpToTrace) }
            if state.filter != nil { commands += [.nextMatch, .previousMatch] }
            commands.append(.wrap)
            if !state.wrapDetails { commands += [.scrollRight, .scrollLeft] }
            commands.append(.filter)
            commands += navigation
        } else {
            commands += [.nextScreen, .open]
            switch state.screen {
            case .overview:
                break
            case .decisions:
                commands += [.filter, .sort, .reverseSort, .toggleAllowed, .groupBy, .jumpToTrace]
            case .live:
                commands += [.filter, .jumpToTrace, .context, .follow]
            case .traces, .topics:
                commands += [.filter, .sort, .reverseSort, .jumpToTrace]
            case .eventTypes, .principals, .findings:
                commands += [.filter, .sort, .reverseSort]
            }
            if state.screen != .live, state.screen != .overview { commands.append(.follow) }
            if state.screen != .overview { commands += [.scrollRight, .scrollLeft] }
            if !state.trail.isEmpty || state.filter != nil { commands.append(.back) }
            commands += navigation
        }
        commands += [.pause, .sources, .cycleTheme, .previousScreen] + screens
        var seen = Set<Command>()
        return commands.filter { seen.insert($0).inserted }
    }

    /// Why `command` does nothing here, for the status line.
    public static func refusal(_ command: Command, state: AppState, keyName: String) -> String {
        if state.showHelp { return "\(keyName): close help first (esc or ?)" }
        switch command {
        case .toggleAllowed, .groupBy:
            return "\(keyName) (\(command.label)) works on the Decisions screen (5)"
        case .context:
            return "\(keyName) (\(command.label)) works on the Live screen with a filter (7, /)"
        case .jumpToTrace:
            return "\(keyName): already on a trace"
        case .nextMatch, .previousMatch:
            return "\(keyName): no filter to match in this detail (/ sets one)"
        case .sort, .reverseSort, .filter, .follow:
            return "\(keyName) (\(command.label)) works on the list screens (2-8)"
        case .open:
            return "\(keyName): nothing to open here"
        case .wrap:
            return "\(keyName) (\(command.label)) works in a detail pane (enter opens one)"
        case .scrollLeft, .scrollRight:
            return state.details.isEmpty
                ? "\(keyName): the Overview's panels show their screen's first columns (2-8 open them)"
                : "\(keyName): wrapped lines need no sideways scroll (w turns wrapping off)"
        default:
            return "\(keyName) (\(command.label)) does nothing here"
        }
    }

    static func isTrace(_ target: DetailTarget?) -> Bool {
        if case .trace = target { return true }
        return false
    }
}
