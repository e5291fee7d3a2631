import EventScopeApp
import EventScopeCore
import EventScopeTestSupport
import EventScopeUI
import Foundation
import Testing

/// Mutated theme files and key-map names (both come from user files and are echoed in error
/// messages on stderr): parsing never traps and no error message carries a raw control.
@Suite struct FuzzThemeKeyMapTests {
    static let themeSeeds = FuzzMutator(
        textSeeds: [
            "# comment\nnormal = default default\nselection = black cyan bold reverse\nheader = bright-white 236 bold # tail\ndenied = #ff0000 default underline dim\n",
            "title = bright-cyan none\r\nmuted=8 0\n\n  granted\t=\tgreen\tdefault\n",
        ], maxLength: 1024)

    @Test func themeFilesParseOrFailWithSafeMessages() {
        FuzzSupport.run("Theme.parse") { random in
            let text = Self.themeSeeds.text(&random)
            do {
                let theme = try Theme.parse(text, name: "fuzz", file: "fuzz.theme")
                for role in Role.allCases { _ = theme.style(for: role) }
            } catch {
                #expect(FuzzSupport.isTerminalSafe("\(error)"), "raw control in \(Array("\(error)".unicodeScalars.map(\.value)))")
            }
            // A theme name (not a path) that matches no file is reported by name.
            let name = text.replacingOccurrences(of: "/", with: "")
            if !name.hasSuffix(".theme"), name != "dark", name != "monochrome" {
                #expect(throws: ThemeError.self) { try Theme.load(nameOrPath: name, searchDirectories: []) }
                do { _ = try Theme.load(nameOrPath: name, searchDirectories: []) } catch { #expect(FuzzSupport.isTerminalSafe("\(error)")) }
            }
        }
    }

    static let keySeeds = FuzzMutator(textSeeds: ["quit", "ctrl-c", "f12", "pgdn", "shift-tab", "space", "x", "é", "nextScreen", "F0"], maxLength: 32)

    @Test func keyMapRemapsOrFailsWithSafeMessages() {
        FuzzSupport.run("KeyMap.remap") { random in
            var map = KeyMap.standard
            let command = random.oneIn(2) ? Command.allCases[random.below(Command.allCases.count)].rawValue : Self.keySeeds.text(&random)
            let keys = (0..<random.below(4)).map { _ in Self.keySeeds.text(&random) }
            do throws(KeyMapError) {
                try map.remap(commandName: command, keyNames: keys)
                for key in keys { #expect(map.command(for: Key(name: key) ?? .escape) != nil) }
                _ = map.helpLines()
            } catch {
                #expect(FuzzSupport.isTerminalSafe(error.description), "raw control in \(Array(error.description.unicodeScalars.map(\.value)))")
            }
        }
    }
}
