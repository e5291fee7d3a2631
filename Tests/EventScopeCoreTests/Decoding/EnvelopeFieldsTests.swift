import Testing

@testable import EventScopeCore

@Suite struct EnvelopeFieldsTests {
    @Test(arguments: [
        ("eventType", ["eventType"]), ("payload.kind", ["payload", "kind"]), ("a.b.c.d.e.f.g.h", ["a", "b", "c", "d", "e", "f", "g", "h"]),
    ])
    func parsesPaths(text: String, segments: [String]) {
        #expect(FieldPath(text)?.segments == segments)
        #expect(FieldPath(text)?.description == text)
    }

    @Test(arguments: ["", ".", "a.", ".a", "a..b", "a.b.c.d.e.f.g.h.i", String(repeating: "x", count: 300)])
    func rejectsBadPaths(text: String) {
        #expect(FieldPath(text) == nil)
    }

    @Test func parsesCommandLineOptions() throws {
        let (fields, remaining) = try EnvelopeFields.parse([
            "-b", "localhost:9092", "--type-field", "payload.kind", "--id-field=meta.uuid,id", "-t", "orders",
        ])
        #expect(fields.type == [FieldPath("payload.kind")!])
        #expect(fields.id == [FieldPath("meta.uuid")!, FieldPath("id")!])
        #expect(fields.source == EnvelopeFields.default.source)
        #expect(remaining == ["-b", "localhost:9092", "-t", "orders"])
    }

    @Test func reportsBadOptionValues() {
        #expect(throws: EnvelopeFields.OptionError.missingValue(option: "--type-field")) {
            try EnvelopeFields.parse(["--type-field"])
        }
        #expect(throws: EnvelopeFields.OptionError.invalidPath(option: "--source-field", value: "a..b")) {
            try EnvelopeFields.parse(["--source-field", "a..b"])
        }
        #expect(throws: EnvelopeFields.OptionError.missingValue(option: "--time-field")) {
            try EnvelopeFields.parse(["--time-field="])
        }
    }

    @Test func unknownOptionIsLeftForTheCaller() throws {
        var fields = EnvelopeFields.default
        #expect(try fields.apply(option: "--brokers", value: "x") == false)
        #expect(fields == .default)
    }
}
