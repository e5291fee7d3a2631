import EventScopeApp
import EventScopeUI
import Foundation
import Testing

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path
    static let shipped = ["dark", "light", "high-contrast", "monochrome", "solarized-dark"]

    @Test(arguments: shipped)
    func everyShippedThemeLoadsAndCoversEveryRole(name: String) throws {
        let text = try String(contentsOfFile: "\(Self.themesDirectory)/\(name).theme", encoding: .utf8)
        let theme = try Theme.load(nameOrPath: name, searchDirectories: [Self.themesDirectory])
        #expect(theme.name == name)
        // Every role is spelled out in the shipped files, not just inherited.
        for role in Role.allCases {
            #expect(text.contains("\n\(role.themeKey) "), "\(name) lacks \(role.themeKey)")
        }
        #expect(theme.style(for: .selection) != theme.style(for: .normal))
        #expect(theme.style(for: .denied) != theme.style(for: .normal))
    }

    @Test(arguments: shipped)
    func builtinCopyMatchesTheShippedFile(name: String) throws {
        #expect(Theme.builtinNames.contains(name))
        #expect(try Theme.load(path: "\(Self.themesDirectory)/\(name).theme") == Theme.builtin(named: name))
        // An installed binary finds every shipped theme without the folder.
        #expect(try Theme.load(nameOrPath: name, searchDirectories: ["/nonexistent"]) == Theme.builtin(named: name))
    }

    @Test func themeKeyCyclesThroughEveryThemeAndAFileOverridesItsBuiltinName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evscope-themes-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "normal = red default\n".write(toFile: folder + "/light.theme", atomically: true, encoding: .utf8)
        let cycle = Theme.cycle(from: .dark, environment: [:], searchDirectories: [folder])
        #expect(cycle.map(\.name) == ["dark", "light", "high-contrast", "monochrome", "solarized-dark"])
        #expect(cycle[1] != Theme.builtin(named: "light"))
        #expect(cycle[1].style(for: .normal) == (try Theme.parse("normal = red default\n", name: "light", file: "x")).style(for: .normal))
        let light = try #require(Theme.builtin(named: "light"))
        #expect(Theme.cycle(from: light, environment: [:], searchDirectories: []).first == light)
    }

    @Test func noColorKeepsTheCycleToMonochrome() {
        #expect(Theme.cycle(from: .monochrome, environment: ["NO_COLOR": "1"], searchDirectories: []) == [.monochrome])
        #expect(Theme.cycle(from: .monochrome, environment: ["NO_COLOR": ""], searchDirectories: []).count == Theme.builtinNames.count)
    }

    @Test func monochromeUsesAttributesOnlyAndReverseForSelection() {
        let theme = Theme.monochrome
        for role in Role.allCases {
            #expect(theme.style(for: role).foreground == .default)
            #expect(theme.style(for: role).background == .default)
        }
        #expect(theme.style(for: .selection).attributes.contains(.reverse))
        #expect(theme.style(for: .denied).attributes.contains(.bold))
    }

    @Test func parsesColoursAttributesCommentsAndInheritsNormal() throws {
        let theme = try Theme.parse(
            """
            # comment
            normal = white black   # trailing comment
            denied = bright-red default bold underline
            accent = #ff8000 236 reverse dim
            """, name: "t", file: "t.theme")
        #expect(theme.style(for: .normal) == Style(foreground: .ansi(7), background: .ansi(0)))
        #expect(theme.style(for: .denied) == Style(foreground: .ansi(9), background: .default, attributes: [.bold, .underline]))
        #expect(theme.style(for: .accent) == Style(foreground: .rgb(255, 128, 0), background: .indexed(236), attributes: [.reverse, .dim]))
        #expect(theme.style(for: .muted) == theme.style(for: .normal))
    }

    @Test(arguments: [
        ("normal = red\n", 1, "needs a foreground and a background"),
        ("\n\nbogus = red blue\n", 3, "unknown role 'bogus'"),
        ("normal = red #12345\n", 1, "bad colour '#12345'"),
        ("normal = red #12345g\n", 1, "bad colour '#12345g'"),
        ("normal = 256 red\n", 1, "bad colour '256'"),
        ("normal = red blue blink\n", 1, "unknown attribute 'blink'"),
        ("normal red blue\n", 1, "expected 'role = foreground"),
        ("normal = red blue\nnormal = red blue\n", 2, "given twice"),
        ("normal = \u{1b}[31m blue\n", 1, "bad colour '\\e[31m'"),
        ("normal = red blue\n# only a comment\n  #indented comment\nmuted = red #0000ff #comment\n", 4, "unknown attribute '#comment'"),
    ])
    func errorsCarryFileAndLine(text: String, line: Int, message: String) {
        do {
            _ = try Theme.parse(text, name: "bad", file: "bad.theme")
            Issue.record("expected an error for \(text)")
        } catch {
            let description = String(describing: error)
            #expect(description.hasPrefix("bad.theme:\(line): "), "\(description)")
            #expect(description.contains(message), "\(description)")
        }
    }

    @Test func noColorWinsAndEmptyNoColorIsIgnored() throws {
        let dirs = [Self.themesDirectory]
        #expect(try Theme.resolve(nameOrPath: "light", environment: ["NO_COLOR": "1"], searchDirectories: dirs) == .monochrome)
        #expect(try Theme.resolve(nameOrPath: "light", environment: ["NO_COLOR": ""], searchDirectories: dirs).name == "light")
        #expect(try Theme.resolve(nameOrPath: nil, environment: [:], searchDirectories: []) == .dark)
    }

    @Test func lookupByNameAndPathAndMissingNames() throws {
        #expect(try Theme.load(nameOrPath: "\(Self.themesDirectory)/light.theme", searchDirectories: []).name == "light")
        #expect(try Theme.load(nameOrPath: "monochrome", searchDirectories: ["/nonexistent"]) == .monochrome)
        #expect(throws: ThemeError.notFound(name: "nord", searched: ["/nonexistent"])) {
            try Theme.load(nameOrPath: "nord", searchDirectories: ["/nonexistent"])
        }
        #expect(throws: ThemeError.self) { try Theme.load(path: "/nonexistent/x.theme") }
    }

    @Test func searchDirectoriesPreferUserConfig() {
        let dirs = Theme.defaultSearchDirectories(
            environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"], executablePath: "/opt/evscope/bin/evscope", currentDirectory: "/work")
        #expect(dirs == ["/cfg/evscope/themes", "/opt/evscope/bin/themes", "/work/themes"])
        let fallback = Theme.defaultSearchDirectories(environment: ["HOME": "/home/u"], executablePath: nil, currentDirectory: "/work")
        #expect(fallback == ["/home/u/.config/evscope/themes", "/work/themes"])
    }
}

@Suite struct ColorTests {
    @Test(arguments: [
        ("default", Color.default), ("red", .ansi(1)), ("bright-white", .ansi(15)), ("BLUE", .ansi(4)),
        ("0", .indexed(0)), ("255", .indexed(255)), ("#00ff80", .rgb(0, 255, 128)),
    ])
    func parsesThemeValues(text: String, expected: Color) {
        #expect(Color(themeValue: text) == expected)
    }

    @Test(arguments: ["", "-1", "256", "bright-", "#fff", "#gggggg", "rouge", "١٢"])
    func rejectsBadValues(text: String) {
        #expect(Color(themeValue: text) == nil)
    }

    @Test func reducesToTheTerminalsDepth() {
        #expect(Color.rgb(255, 0, 0).number(for: .full256) == 196)
        #expect(Color.rgb(255, 0, 0).number(for: .sixteen) == 9)
        #expect(Color.rgb(255, 0, 0).number(for: .eight) == 1)
        #expect(Color.rgb(128, 128, 128).number(for: .full256) == 244)
        #expect(Color.indexed(236).number(for: .full256) == 236)
        #expect(Color.indexed(236).number(for: .eight) == 0)
        #expect(Color.indexed(12).number(for: .eight) == 4)
        #expect(Color.ansi(9).number(for: .eight) == 1)
        #expect(Color.ansi(9).number(for: .sixteen) == 9)
        #expect(Color.ansi(9).number(for: .none) == -1)
        #expect(Color.default.number(for: .full256) == -1)
    }

    @Test func depthFromColourCount() {
        #expect(ColorDepth(colorCount: 0) == ColorDepth.none)
        #expect(ColorDepth(colorCount: 8) == .eight)
        #expect(ColorDepth(colorCount: 16) == .sixteen)
        #expect(ColorDepth(colorCount: 88) == .sixteen)
        #expect(ColorDepth(colorCount: 16_777_216) == .full256)
    }
}
