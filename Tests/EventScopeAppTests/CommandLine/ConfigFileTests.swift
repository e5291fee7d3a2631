import EventScopeUI
import Testing

@testable import EventScopeApp

@Suite("Config file")
struct ConfigFileTests {
    static let sample = """
        # evscope settings
        brokers = a:9092,b:9092
          theme=light
        policy = /etc/evscope/policy.yaml

        kafka.security.protocol = SASL_SSL
        kafka.sasl.username = alice
        kafka.sasl.password = pa#ss = word
        keys.quit = x ctrl-q
        """

    @Test("parses settings with their line numbers; values keep '#' and '='")
    func parses() throws {
        let file = try ConfigFile(text: Self.sample, path: "/c")
        #expect(file.brokers == .init(key: "brokers", value: "a:9092,b:9092", line: 2))
        #expect(file.theme?.value == "light")
        #expect(file.policy?.line == 4)
        #expect(file.kafkaProperties.map(\.key) == ["security.protocol", "sasl.username", "sasl.password"])
        #expect(file.kafkaProperties.last == .init(key: "sasl.password", value: "pa#ss = word", line: 8))
        let keys = file.keyMap()
        #expect(keys.command(for: .char("x")) == .quit)
        #expect(keys.command(for: .ctrl("q")) == .quit)
        #expect(keys.command(for: .char("q")) == nil)
    }

    @Test("the command line wins over the file's defaults")
    func precedence() throws {
        let file = try ConfigFile(text: Self.sample, path: "/c")
        var options = WatchOptions()
        options.themeName = "dark"
        let merged = file.applyDefaults(to: options)
        #expect(merged.themeName == "dark")
        #expect(merged.brokers == "a:9092,b:9092")
        #expect(merged.policyPath == "/etc/evscope/policy.yaml")
    }

    static let errors: [(String, String)] = [
        ("brokers = a\njust-a-password-like-S3CRET\n", "/c:2: expected key = value"),
        ("= value\n", "/c:1: missing key before '='"),
        ("theme =\n", "/c:1: theme needs a value"),
        ("colour = red\n", "/c:1: unknown setting 'colour' (brokers, theme, policy, kafka.<property>, keys.<command>, schema.registry.*)"),
        ("\n\nkafka. = x\n", "/c:3: kafka. needs a property name, e.g. kafka.sasl.username"),
        ("keys.quit =\n", "/c:1: keys.quit needs at least one key name"),
        ("keys.fly = x\n", "/c:1: unknown command 'fly' in key map"),
        ("keys.quit = nosuchkey\n", "/c:1: unknown key name 'nosuchkey' in key map"),
    ]

    @Test("bad lines report file:line and never the value", arguments: errors)
    func badLines(text: String, message: String) {
        do {
            _ = try ConfigFile(text: text, path: "/c")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains("S3CRET"))
        }
    }

    @Test("warns about a secret-holding file others can read, only then")
    func permissionWarning() throws {
        let isSecret: (String) -> Bool = { $0.contains("password") }
        let secret = try ConfigFile(text: "kafka.sasl.password = p\n", path: "/c")
        let harmless = try ConfigFile(text: "kafka.client.id = x\n", path: "/c")
        #expect(secret.permissionWarning(mode: 0o644, isSecret: isSecret) == "warning: /c holds secrets and is readable by others (mode 644); run chmod 600 /c")
        #expect(secret.permissionWarning(mode: 0o640, isSecret: isSecret) != nil)
        #expect(secret.permissionWarning(mode: 0o600, isSecret: isSecret) == nil)
        #expect(harmless.permissionWarning(mode: 0o644, isSecret: isSecret) == nil)
    }

    @Test(
        "location: EVSCOPE_CONFIG, then XDG_CONFIG_HOME, then HOME",
        arguments: [
            (["EVSCOPE_CONFIG": "/x/c", "XDG_CONFIG_HOME": "/xdg", "HOME": "/h"], "/x/c", true),
            (["XDG_CONFIG_HOME": "/xdg", "HOME": "/h"], "/xdg/evscope/config", false),
            (["XDG_CONFIG_HOME": "relative", "HOME": "/h"], "/h/.config/evscope/config", false),
            (["HOME": "/h"], "/h/.config/evscope/config", false),
        ])
    func location(environment: [String: String], path: String, explicit: Bool) {
        let found = ConfigFile.location(environment: environment)
        #expect(found?.path == path)
        #expect(found?.explicit == explicit)
    }

    @Test("an unknown setting whose name hides a secret shows only the name")
    func unknownSecretSettingIsMasked() {
        #expect {
            _ = try ConfigFile(text: "sasl.password: hunter2 = x\n", path: "/c")
        } throws: { error in
            let text = "\(error)"
            return text.contains("/c:1: unknown setting 'sasl.password'") && !text.contains("hunter2")
        }
    }
}
