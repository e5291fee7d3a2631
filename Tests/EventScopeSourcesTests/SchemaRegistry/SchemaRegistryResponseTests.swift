import EventScopeCore
import EventScopeTestSupport
import Testing

@testable import EventScopeSources

/// The registry's REST answers, well-formed and hostile: a schema with its references, the
/// registry's error bodies, and mutated answers that must end in an error with a safe reason.
@Suite struct SchemaRegistryResponseTests {
    static let schemaAnswer =
        #"{"schema":"syntax = \"proto3\";\nmessage A { string x = 1; }","schemaType":"PROTOBUF","references":[{"name":"shop/common.proto","subject":"shop/common.proto","version":1}]}"#

    @Test func readsASchemaWithItsReferences() throws {
        let schema = try SchemaRegistryResponse.schema(from: Array(Self.schemaAnswer.utf8), id: 8)
        #expect(schema.id == 8)
        #expect(schema.format == .protobuf)
        #expect(schema.references == [RegisteredSchema.Reference(name: "shop/common.proto", subject: "shop/common.proto", version: 1)])
    }

    @Test func avroIsTheFormatWhenTheRegistryNamesNone() throws {
        let schema = try SchemaRegistryResponse.schema(from: Array(#"{"subject":"s","version":2,"id":5,"schema":"\"string\""}"#.utf8), id: nil)
        #expect(schema.format == .avro && schema.id == 5 && schema.subject == "s" && schema.version == 2)
    }

    @Test func errorBodiesGiveTheRegistryCodeAndKind() {
        let notFound = SchemaRegistryResponse.failure(status: 404, body: Array(#"{"error_code":40403,"message":"Schema 7 not found"}"#.utf8))
        #expect(notFound == SchemaFetchError(.notFound, "HTTP 404: Schema 7 not found, error 40403"))
        #expect(SchemaRegistryResponse.failure(status: 401, body: []).kind == .unreachable)
        #expect(SchemaRegistryResponse.failure(status: 503, body: Array("<html>".utf8)) == SchemaFetchError(.unreachable, "HTTP 503"))
    }

    @Test func readsTheFirstSubjectAndVersion() {
        let found = SchemaRegistryResponse.firstSubjectVersion(from: Array(#"[{"subject":"orders-value","version":3}]"#.utf8))
        #expect(found?.subject == "orders-value" && found?.version == 3)
        #expect(SchemaRegistryResponse.firstSubjectVersion(from: Array("{}".utf8)) == nil)
    }

    static let seeds = FuzzMutator(
        textSeeds: [
            schemaAnswer,
            #"{"subject":"s","version":2,"id":5,"schema":"{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}"}"#,
            #"{"error_code":40403,"message":"Schema \u001b[31m7 not found"}"#,
            #"[{"subject":"a","version":1},{"subject":"b","version":99999999999}]"#,
        ],
        tokens: FuzzMutator.hostileTokens + [#""schemaType":"JSON""#, #""references":["#, #""version":-1"#, #""id":2147483648"#].map { Array($0.utf8) },
        maxLength: 4096)

    @Test func hostileAnswersEndInAnErrorWithATerminalSafeReason() {
        FuzzSupport.run("SchemaRegistryResponse") { random in
            let body = Self.seeds.input(&random)
            do throws(SchemaFetchError) {
                let schema = try SchemaRegistryResponse.schema(from: body, id: 1)
                #expect(schema.text.utf8.count <= body.count)
            } catch {
                #expect(!error.reason.isEmpty && FuzzSupport.isTerminalSafe(error.reason))
            }
            let failure = SchemaRegistryResponse.failure(status: 404, body: body)
            #expect(FuzzSupport.isTerminalSafe(failure.reason))
            _ = SchemaRegistryResponse.firstSubjectVersion(from: body)
        }
    }
}
