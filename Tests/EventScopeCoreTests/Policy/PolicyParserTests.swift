import Testing

@testable import EventScopeCore

@Suite struct PolicyParserTests {
    @Test func exampleParsesAndResolvesServices() throws {
        let policy = try PolicyParser().parse(PolicyExample.text).get()
        #expect(policy.eventTypeNames == ["ItemAddedToCart", "OrderItemShipped"])
        let shipped = try #require(policy.rule(for: "OrderItemShipped"))
        #expect(shipped.producerPrincipals == ["User:CN=shipping-service,OU=logistics,O=Shop,C=US", "User:shipping-service"])
        #expect(shipped.encryptionRequired)
        #expect(shipped.sensitiveFields == ["shippingAddress", "trackingNumber"])
        let added = try #require(policy.rule(for: "ItemAddedToCart"))
        #expect(added.schema?.property("quantity")?.maximum == 99)
        #expect(added.schema?.additionalProperties == .forbidden)
        #expect(added.schema?.property("userId")?.pattern?.matches("user-42") == true)
        #expect(policy.typesByTopic["orders"] == ["ItemAddedToCart"])
    }

    @Test func bareNamesBecomeUserPrincipalsAndStarAllowsAnyone() throws {
        let policy = try PolicyParser().parse(#"{"eventTypes":{"A":{"producers":["svc","User:x"],"consumers":["*"]}}}"#).get()
        let rule = try #require(policy.rule(for: "A"))
        #expect(rule.producerPrincipals == ["User:svc", "User:x"])
        #expect(rule.consumerPrincipals == nil)
        #expect(rule.allowsConsumer("User:anyone"))
        #expect(rule.allowsTopic("any-topic"))
    }

    @Test(arguments: [
        (
            #"{"eventTypes":{"OrderItemShipped":{"schema":{"properties":{"zip":{"type":"strng"}}}}}}"#,
            #"$.eventTypes.OrderItemShipped.schema.properties.zip.type: unknown type "strng" (expected string, integer, number, boolean, object, array or null)"#
        ),
        (#"{"eventTypes":{"A":{"topcs":["x"]}}}"#, #"$.eventTypes.A.topcs: unknown key "topcs""#),
        (#"{"eventTypes":{"A":{"topics":"orders"}}}"#, "$.eventTypes.A.topics: expected an array of strings, got string"),
        (#"{"eventTypes":{"A":{"producers":[1]}}}"#, "$.eventTypes.A.producers[0]: expected a string, got integer"),
        (#"{"eventTypes":{"A":{"encryptionRequired":"yes"}}}"#, "$.eventTypes.A.encryptionRequired: expected true or false, got string"),
        (#"{"eventTypes":{"A":{"sensitiveFields":["a..b"]}}}"#, #"$.eventTypes.A.sensitiveFields[0]: not a dotted field path: "a..b""#),
        (#"{"eventTypes":{"A":{"schema":{"pattern":"(a"}}}}"#, "$.eventTypes.A.schema.pattern: unsupported pattern: missing ')' at position 2"),
        (#"{"eventTypes":{"A":{"schema":{"minimum":5,"maximum":1}}}}"#, "$.eventTypes.A.schema: minimum 5 is above maximum 1"),
        (#"{"eventTypes":{"A":{"schema":{"oneOf":[]}}}}"#, #"$.eventTypes.A.schema.oneOf: unknown or unsupported schema keyword "oneOf""#),
        (#"{"eventTypes":{"odd key":{"topics":[true]}}}"#, #"$.eventTypes["odd key"].topics[0]: expected a string, got boolean"#),
        (#"{"services":{"s":[]},"eventTypes":{}}"#, "$.services.s: expected at least one principal"),
        (#"{"version":2,"eventTypes":{}}"#, "$.version: unsupported version (this evscope reads version 1)"),
        (#"{}"#, #"$.eventTypes: missing: the policy needs an "eventTypes" object"#),
        (#"[]"#, #"$: expected an object with "eventTypes", got array"#),
        (#"{"eventTypes":"#, "$: not valid JSON: unexpected end of input"),
    ])
    func errorsCarryTheirJSONPath(text: String, expected: String) {
        guard case .failure(let failure) = PolicyParser().parse(text) else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(failure.errors.map { "\($0.path): \($0.message)" }.contains { $0.hasPrefix(expected) }, "\(failure.errors)")
    }

    @Test func reportsEveryErrorNotJustTheFirst() {
        let text = #"{"eventTypes":{"A":{"topics":1,"producers":2},"B":{"schema":{"type":"strng","items":5}}},"extra":0}"#
        guard case .failure(let failure) = PolicyParser().parse(text) else {
            Issue.record("accepted")
            return
        }
        #expect(
            Set(failure.errors.map(\.path)) == [
                "$.eventTypes.A.topics", "$.eventTypes.A.producers", "$.eventTypes.B.schema.type", "$.eventTypes.B.schema.items", "$.extra",
            ])
    }

    @Test func hostileFilesAreRefusedWithErrors() {
        let deepJSON = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        var deepSchema = #"{"type":"object"}"#
        for _ in 0..<40 { deepSchema = #"{"items":"# + deepSchema + "}" }
        let manyErrors = "{\"eventTypes\":{" + (0..<1_000).map { "\"T\($0)\":{\"bad\":1}" }.joined(separator: ",") + "}}"
        let cases: [(String, String)] = [
            (deepJSON, "nesting deeper"),
            (#"{"eventTypes":{"A":{"schema":"# + deepSchema + "}}}", "schema nested deeper"),
            (#"{"eventTypes":{"A":{"schema":{"pattern":"# + "\"" + String(repeating: "a{1000}", count: 10) + "\"" + "}}}}", "pattern"),
            ("\u{1B}[2J", "not valid JSON"),
        ]
        for (text, needle) in cases {
            guard case .failure(let failure) = PolicyParser().parse(text) else {
                Issue.record("accepted hostile input")
                continue
            }
            #expect(failure.errors.contains { $0.message.contains(needle) }, "\(failure.errors.prefix(2))")
        }
        guard case .failure(let capped) = PolicyParser().parse(manyErrors) else {
            Issue.record("accepted")
            return
        }
        #expect(capped.errors.count == PolicyParser.maxReportedErrors)
        #expect(capped.unreported == 800)
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: PolicyParser.maxBytes + 1)
        guard case .failure(let tooBig) = PolicyParser().parse(huge) else {
            Issue.record("accepted")
            return
        }
        #expect(tooBig.errors.first?.message.contains("exceeds") == true)
        #expect(PolicyError(path: "$", message: "bad \u{1B}[2J").description == "$: bad \\e[2J")
    }
}
