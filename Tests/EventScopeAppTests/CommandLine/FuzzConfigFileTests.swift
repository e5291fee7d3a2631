import EventScopeCore
import EventScopeTestSupport
import EventScopeUI
import Foundation
import Testing

@testable import EventScopeApp

/// Config files: generated valid files parse to exactly what was written (a model built by the
/// generator, not by the parser); mutated files parse or fail with one terminal-safe line that
/// names a real line number and never a secret value.
@Suite struct FuzzConfigFileTests {
    static let path = "/etc/evscope/config"

    static let seeds = FuzzMutator(
        textSeeds: [
            "# evscope settings\nbrokers = a:9092,b:9092\n  theme=light\npolicy = /etc/evscope/policy.json\n\nkafka.security.protocol = SASL_SSL\n",
            "kafka.sasl.username = alice\r\nkafka.sasl.password = pa#ss = word\r\nkeys.quit = x ctrl-q\r\nkeys.next-screen = tab f2\r\n",
            "\t# comment = not a setting\n\tkeys.filter\t=\t/ f12\t\nkafka.client.id=evscope\nbrokers=localhost:9092",
        ],
        tokens: FuzzMutator.hostileTokens
            + ["kafka.", "keys.", "brokers", "theme", "policy", " = ", "#", "\n", "\r\n", "ctrl-", "quit"].map { Array($0.utf8) },
        maxLength: 1024)

    /// Value fragments: anything but line breaks (and never blank at either end, where the parser trims).
    static let fragments =
        FuzzMutator.hostileTokens.map { String(decoding: $0, as: UTF8.self) }.filter { !$0.contains("\n") && !$0.contains("\r") }
        + ["#", "=", " = ", "a b", "\t", "host:9092,host2:9093", "/path/to a/file", "p@ss#word"]

    static func value(_ random: inout FuzzRandom) -> String {
        let letters = Array("abcXYZ019")
        var text = String(letters[random.below(letters.count)])
        for _ in 0..<random.below(4) { text += fragments[random.below(fragments.count)] }
        return text + String(letters[random.below(letters.count)])
    }

    static func blanks(_ random: inout FuzzRandom) -> String {
        ["", " ", "  ", "\t", " \t "][random.below(5)]
    }

    static let keyNames = ["q", "x", "?", "ctrl-q", "CTRL-A", "f1", "F12", "tab", "shift-tab", "space", "enter", "esc", "pgdn", "PageUp", "home", "é", "漢"]
    static let kafkaProperties = ["security.protocol", "sasl.mechanism", "sasl.username", "sasl.password", "client.id", "x", "a.b.c.d"]

    @Test func generatedFilesParseToWhatWasWritten() {
        FuzzSupport.run("ConfigFile.valid") { random in
            var lines: [String] = []
            var brokers: ConfigFile.Entry?
            var theme: ConfigFile.Entry?
            var policy: ConfigFile.Entry?
            var kafka: [ConfigFile.Entry] = []
            var bindings: [ConfigFile.Entry] = []
            for _ in 0..<random.below(14) {
                let number = lines.count + 1
                let (left, right) = (Self.blanks(&random), Self.blanks(&random))
                switch random.below(6) {
                case 0:
                    lines.append(random.oneIn(2) ? Self.blanks(&random) : left + "# " + Self.value(&random))
                case 1:
                    let key = ["brokers", "theme", "policy"][random.below(3)]
                    let value = Self.value(&random)
                    lines.append(left + key + right + "=" + Self.blanks(&random) + value + Self.blanks(&random))
                    let entry = ConfigFile.Entry(key: key, value: value, line: number)
                    switch key {
                    case "brokers": brokers = entry
                    case "theme": theme = entry
                    default: policy = entry
                    }
                case 2, 3:
                    let property = Self.kafkaProperties[random.below(Self.kafkaProperties.count)]
                    let value = random.oneIn(8) ? "" : Self.value(&random)
                    lines.append(left + "kafka." + property + right + "=" + right + value)
                    kafka.append(ConfigFile.Entry(key: property, value: value, line: number))
                default:
                    let command = Command.allCases[random.below(Command.allCases.count)].rawValue
                    let names = (0...random.below(3)).map { _ in Self.keyNames[random.below(Self.keyNames.count)] }
                    lines.append("keys." + command + left + "=" + right + names.joined(separator: random.oneIn(2) ? " " : " \t "))
                    bindings.append(ConfigFile.Entry(key: command, value: names.joined(separator: " "), line: number))
                }
            }
            let text = lines.joined(separator: random.oneIn(3) ? "\r\n" : "\n") + (random.oneIn(2) ? "\n" : "")
            do throws(ConfigFileError) {
                let file = try ConfigFile(text: text, path: Self.path)
                #expect(file.brokers == brokers)
                #expect(file.theme == theme)
                #expect(file.policy == policy)
                #expect(file.kafkaProperties == kafka)
                #expect(file.keyBindings == bindings)
                let map = file.keyMap()
                if let last = bindings.last {
                    for name in last.value.split(separator: " ") {
                        #expect(Key(name: String(name)).flatMap(map.command(for:))?.rawValue == last.key)
                    }
                }
            } catch {
                Issue.record("valid file rejected: \(error) in \(TerminalText.escape(text))")
            }
        }
    }

    @Test func mutatedFilesParseOrFailOnOneSafeLine() {
        FuzzSupport.run("ConfigFile.mutated") { random in
            let before = Self.seeds.text(&random)
            let after = Self.seeds.text(&random)
            let secret = "S3CRET-" + String(random.next(), radix: 36)
            let secretLine = before.utf8.filter { $0 == 0x0A }.count + 2
            let text = before + "\n" + Self.blanks(&random) + "kafka.sasl.password = " + secret + "\n" + after
            let lineCount = text.utf8.filter { $0 == 0x0A }.count + 1
            do throws(ConfigFileError) {
                let file = try ConfigFile(text: text, path: Self.path)
                #expect(file.kafkaProperties.contains(ConfigFile.Entry(key: "sasl.password", value: secret, line: secretLine)))
                let entries = [file.brokers, file.theme, file.policy].compactMap { $0 } + file.kafkaProperties + file.keyBindings
                #expect(entries.count <= lineCount)
                let sourceLines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                for entry in entries {
                    #expect((1...lineCount).contains(entry.line))
                    #expect(!entry.value.utf8.contains(0x0A) && !entry.key.isEmpty)
                }
                for entry in [file.brokers, file.theme, file.policy].compactMap({ $0 }) + file.kafkaProperties where (1...lineCount).contains(entry.line) {
                    #expect(Self.contains(sourceLines[entry.line - 1], Array(entry.value.utf8)), "value not on its line")
                }
                for list in [file.kafkaProperties, file.keyBindings] { #expect(zip(list, list.dropFirst()).allSatisfy { $0.line < $1.line }) }
                _ = file.keyMap()
            } catch {
                let message = error.description
                #expect(error.path == Self.path)
                #expect((1...lineCount).contains(error.line))
                #expect(message.hasPrefix("\(Self.path):\(error.line): "))
                #expect(FuzzSupport.isTerminalSafe(message), "raw control in \(Array(message.unicodeScalars.map(\.value)))")
                #expect(message.unicodeScalars.count <= Self.path.count + 250)
                #expect(!message.contains(secret), "config error reveals a secret value")
                // The secret line itself is valid, so parsing stopped before it or after it.
                #expect(error.line != secretLine)
            }
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
