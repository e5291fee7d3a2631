import EventScopeCore
import Foundation
import Synchronization

/// The registry registrations recorded with the Confluent-serializer fixtures, served in memory,
/// counting every request so tests can check each id is fetched once.
final class FixtureSchemaSource: SchemaSource {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/SchemaRegistry")

    struct Case: Sendable {
        let name: String
        let schemaId: Int32
        let format: String
        let subject: String
        let fullName: String?
        let bytes: [UInt8]
    }

    private let byId: [Int32: RegisteredSchema]
    private let bySubject: [String: RegisteredSchema]
    let cases: [Case]
    private let requests = Mutex<[String: Int]>([:])
    /// When set, every id is answered as unreachable, to play a registry that is down.
    let down = SchemaResolverTests.Locked<Bool>(false)

    init() {
        var byId: [Int32: RegisteredSchema] = [:]
        var bySubject: [String: RegisteredSchema] = [:]
        var cases: [Case] = []
        let manifestPath = Self.directory.appendingPathComponent("manifest.json").path
        if let data = FileManager.default.contents(atPath: manifestPath),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            for registration in manifest["registrations"] as? [[String: Any]] ?? [] {
                guard let id = registration["id"] as? Int, let served = registration["servedFile"] as? String,
                    let text = try? String(contentsOf: Self.directory.appendingPathComponent(served), encoding: .utf8),
                    let format = SchemaFormat(registryType: registration["schemaType"] as? String)
                else { continue }
                let references = (registration["references"] as? [[String: Any]] ?? []).compactMap { reference -> RegisteredSchema.Reference? in
                    guard let name = reference["name"] as? String, let subject = reference["subject"] as? String,
                        let version = reference["version"] as? Int
                    else { return nil }
                    return RegisteredSchema.Reference(name: name, subject: subject, version: version)
                }
                let subject = registration["subject"] as? String
                let schema = RegisteredSchema(id: Int32(id), format: format, text: text, references: references, subject: subject, version: 1)
                byId[Int32(id)] = schema
                for entry in registration["subjects"] as? [[String: Any]] ?? [] {
                    if let name = entry["subject"] as? String { bySubject[name] = schema }
                }
            }
            for entry in manifest["cases"] as? [[String: Any]] ?? [] {
                guard let name = entry["name"] as? String, let id = entry["schemaId"] as? Int, let bin = entry["bin"] as? String,
                    let subject = entry["subject"] as? String, let format = entry["format"] as? String,
                    let bytes = FileManager.default.contents(atPath: Self.directory.appendingPathComponent(bin).path)
                else { continue }
                cases.append(
                    Case(name: name, schemaId: Int32(id), format: format, subject: subject, fullName: entry["fullName"] as? String, bytes: Array(bytes)))
            }
        }
        self.byId = byId
        self.bySubject = bySubject
        self.cases = cases
    }

    func requestCount(_ key: String) -> Int { requests.withLock { $0[key] ?? 0 } }

    func schema(id: Int32) throws(SchemaFetchError) -> RegisteredSchema {
        requests.withLock { $0["id \(id)", default: 0] += 1 }
        if down.withLock({ $0 }) { throw SchemaFetchError(.unreachable, "connection refused") }
        guard let schema = byId[id] else { throw SchemaFetchError(.notFound, "schema \(id) not found (40403)") }
        return schema
    }

    func schema(subject: String, version: Int) throws(SchemaFetchError) -> RegisteredSchema {
        requests.withLock { $0["subject \(subject)", default: 0] += 1 }
        guard let schema = bySubject[subject] else { throw SchemaFetchError(.notFound, "subject \(subject) not found (40401)") }
        return schema
    }
}
