import Testing

@testable import EventScopeCore

@Suite struct JSONValueRenderingTests {
    @Test func prettyPrintsWithIndentAndOrder() throws {
        let value = try JSONParser().parse(#"{"b":[1,{"c":null}],"a":{},"e":[],"s":"x"}"#)
        #expect(
            value.pretty(indent: 2) == """
                {
                  "b": [
                    1,
                    {
                      "c": null
                    }
                  ],
                  "a": {},
                  "e": [],
                  "s": "x"
                }
                """)
    }

    @Test func masksExactAndWildcardPaths() throws {
        let value = try JSONParser().parse(
            #"{"user":{"password":"hunter2","name":"bo"},"headers":[{"name":"Authorization","value":"t0k"},{"name":"Host","value":"h"}]}"#)
        let text = value.compactText()
        #expect(text.contains("hunter2"))
        let masked = value.pretty(indent: 0, maskedPaths: ["user.password", "headers.*.value"])
        #expect(!masked.contains("hunter2"))
        #expect(!masked.contains("t0k"))
        #expect(masked.contains("\"name\": \"bo\""))
        #expect(masked.ranges(of: JSONValue.maskText).count == 3)
    }

    @Test func escapesControlCharactersInOutput() throws {
        let value = JSONValue.object([(key: "k\u{1B}", value: .string("a\u{1B}[2J\u{9B}\"\\\n"))])
        #expect(value.compactText() == #"{"k\u001b":"a\u001b[2J\u009b\"\\\n"}"#)
        #expect(try JSONParser().parse(value.compactText()) == .object([(key: "k\u{1B}", value: .string("a\u{1B}[2J\u{9B}\"\\\n"))]))
    }

    @Test func roundTripsNumbers() throws {
        let value = try JSONParser().parse("[1.5,-0.25,1e21,7,-3]")
        #expect(value.compactText() == "[1.5,-0.25,1e+21,7,-3]")
    }
}
