import Foundation
import Testing

@testable import EventScopeApp
@testable import EventScopeCore

@Suite struct PolicyCommandsTests {
    @Test func exampleChecksClean() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evscope-policy-\(UUID().uuidString).json").path
        try PolicyCommands.example().write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = PolicyCommands.check(path: path)
        #expect(result.exitCode == 0)
        #expect(result.output.contains("policy OK: 2 event types (2 with a schema, 1 requiring encryption), 2 topics, 4 services"))
    }

    @Test func badFileListsEveryErrorAndExitsFour() {
        let result = PolicyCommands.check(bytes: Array(#"{"eventTypes":{"A":{"topics":1,"schema":{"type":"strng"}}}}"#.utf8), name: "p.json")
        #expect(result.exitCode == 4)
        #expect(result.output.contains("p.json: 2 error(s)"))
        #expect(result.output.contains("$.eventTypes.A.topics: expected an array of strings, got integer"))
        #expect(result.output.contains(#"$.eventTypes.A.schema.type: unknown type "strng""#))
        #expect(PolicyCommands.check(path: "/nonexistent/policy.json").exitCode == 4)
    }
}
