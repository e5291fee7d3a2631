import Foundation
import Testing

@testable import EventScopeSchema

/// Decodes bytes written by Confluent's own Python serializers (confluent-kafka with fastavro
/// and protobuf, through a registry) and compares them with what those libraries read back.
///
/// The expected files use tagged conventions for values JSON cannot carry plainly
/// (`{"$decimal": "1.50"}`, `{"$timestamp": ..., "epochMicros": n}`, Protobuf int64 as
/// strings); `FixtureComparison` compares by meaning, so the decoder's own choices (plain
/// strings, exact numbers, milliseconds shown with three digits) are checked for the value.
@Suite("Real serializer fixtures")
struct RealSerializerFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/SchemaRegistry")

    struct Fixture: CustomTestStringConvertible, Sendable {
        let name: String
        let format: String
        let schemaID: UInt32
        let fullName: String?
        let title: String?
        let messageIndexes: [Int]?
        let bin: String
        let expected: String
        let schemaFile: String
        /// Referenced schemas' served files, keyed by reference name.
        let references: [String: String]
        var testDescription: String { name }
    }

    static func loadManifest() -> [Fixture] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("manifest.json").path),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = manifest["cases"] as? [[String: Any]],
            let registrations = manifest["registrations"] as? [[String: Any]]
        else { return [] }
        func servedFile(subject: String, version: Int) -> String? {
            for registration in registrations {
                let subjects = registration["subjects"] as? [[String: Any]] ?? []
                if subjects.contains(where: { $0["subject"] as? String == subject && $0["version"] as? Int == version }) {
                    return registration["servedFile"] as? String
                }
            }
            return nil
        }
        return cases.compactMap { entry in
            guard let name = entry["name"] as? String, let format = entry["format"] as? String,
                let schemaID = entry["schemaId"] as? Int, let bin = entry["bin"] as? String,
                let expected = entry["expected"] as? String, let schemaFile = entry["schemaFile"] as? String
            else { return nil }
            var references: [String: String] = [:]
            for reference in entry["references"] as? [[String: Any]] ?? [] {
                if let referenceName = reference["name"] as? String, let subject = reference["subject"] as? String,
                    let version = reference["version"] as? Int, let file = servedFile(subject: subject, version: version)
                {
                    references[referenceName] = file
                }
            }
            return Fixture(
                name: name, format: format, schemaID: UInt32(schemaID), fullName: entry["fullName"] as? String,
                title: entry["title"] as? String, messageIndexes: entry["messageIndexes"] as? [Int], bin: bin,
                expected: expected, schemaFile: schemaFile, references: references)
        }
    }

    static let fixtures = loadManifest()

    static func read(_ file: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(file))
    }

    static func text(_ file: String) throws -> String {
        String(decoding: try read(file), as: UTF8.self)
    }

    @Test func fixturesArePresent() {
        #expect(Self.fixtures.count >= 14)
        #expect(Set(Self.fixtures.map(\.format)) == ["AVRO", "PROTOBUF", "JSON"])
    }

    @Test(arguments: fixtures)
    func decodesLikeTheWriterReadsBack(_ fixture: Fixture) throws {
        let value = [UInt8](try Self.read(fixture.bin))
        let framing = try ConfluentFraming(parsing: value)
        #expect(framing.schemaID == fixture.schemaID)
        var out: [UInt8] = []
        switch fixture.format {
        case "AVRO":
            let references = try fixture.references.values.sorted().map { file throws in try AvroSchema(parsing: try Self.text(file)) }
            let schema = try AvroSchema(parsing: try Self.text(fixture.schemaFile), references: references)
            let name = try AvroDecoder(schema: schema).decode(Array(value[framing.payloadOffset...]), into: &out)
            #expect(name == fixture.fullName)
        case "PROTOBUF":
            var imports: [String: String] = [:]
            for (importPath, file) in fixture.references { imports[importPath] = try Self.text(file) }
            let schema = try ProtobufSchema(parsing: try Self.text(fixture.schemaFile), imports: imports)
            let indexes = try ProtobufMessageIndexes(parsing: value)
            #expect(indexes.indexes == fixture.messageIndexes)
            var decoder = ProtobufDecoder(schema: schema)
            let name = try decoder.decode(Array(value[indexes.payloadOffset...]), messageIndexes: indexes.indexes, into: &out)
            #expect(name == fixture.fullName)
        default:
            let range = try JSONSchemaFraming.bodyRange(of: value)
            out = Array(value[range])
            #expect(JSONSchemaFraming.title(ofSchema: try Self.text(fixture.schemaFile)) == fixture.title)
        }
        #expect(isValidJSON(out), "not JSON: \(String(decoding: out, as: UTF8.self))")
        let actual = try JSONSerialization.jsonObject(with: Data(out), options: [.fragmentsAllowed])
        let expected = try JSONSerialization.jsonObject(with: try Self.read(fixture.expected), options: [.fragmentsAllowed])
        let mismatch = FixtureComparison.mismatch(expected: expected, actual: actual, path: "$")
        #expect(mismatch == nil, "\(mismatch ?? "")\n\(String(decoding: out, as: UTF8.self))")
    }

    @Test func comparisonNoticesDifferences() {
        #expect(FixtureComparison.mismatch(expected: ["a": 1], actual: ["a": 2], path: "$") != nil)
        #expect(FixtureComparison.mismatch(expected: ["a": "64"], actual: ["a": 65], path: "$") != nil)
        #expect(
            FixtureComparison.mismatch(
                expected: ["$timestamp": "x", "epochMicros": 1_000_000], actual: "1970-01-01T00:00:01.001Z",
                path: "$") != nil)
        #expect(
            FixtureComparison.mismatch(
                expected: ["$timestamp": "x", "epochMicros": 1_000_000], actual: "1970-01-01T00:00:01.000Z",
                path: "$") == nil)
        #expect(
            FixtureComparison.mismatch(
                expected: ["$localTimestamp": "x", "epochMicros": 0], actual: "1970-01-01T00:00:00Z",
                path: "$") != nil)
        #expect(FixtureComparison.mismatch(expected: [1, 2], actual: [1], path: "$") != nil)
        #expect(FixtureComparison.mismatch(expected: ["a": 1], actual: ["a": 1, "b": 2], path: "$") != nil)
    }
}
