import EventScopeCore
import EventScopeTestSupport
import Testing

/// Mutated policy files (the example policy and our own small ones as seeds): every input is a
/// policy or a bounded list of one-line, terminal-safe errors located by JSON path; an accepted
/// policy satisfies the documented limits and survives a render → parse → render round trip.
@Suite struct FuzzPolicyParserTests {
    static let seeds = FuzzMutator(
        textSeeds: [
            PolicyExample.text,
            #"{"eventTypes":{}}"#,
            #"{"version":1,"services":{"s":["User:a","User:CN=b,O=c"],"t":"User:t"},"eventTypes":{"A":{"topics":["x","y"],"producers":["s","*"],"consumers":["t","User:z"]}}}"#,
            #"{"eventTypes":{"B":{"schema":{"type":["object","null"],"properties":{"n":{"type":"number","minimum":-1.5,"maximum":1e300},"s":{"type":"string","minLength":0,"maxLength":2147483647,"pattern":"^(a|b)+[^\\d]{2,5}$"}},"required":["n"],"additionalProperties":{"type":"integer"}}}}}"#,
            #"{"eventTypes":{"C":{"schema":{"type":"array","items":{"type":"object","properties":{"k":{"enum":["a",1,2.5,null,true,{"x":[1]}]}},"additionalProperties":false}},"title":"t","format":"f"},"sensitiveFields":["a.b","items.*.sku"],"encryptionRequired":true,"$comment":"c"}}}"#,
            #"{"description":"d","$comment":"c","eventTypes":{"D":{"schema":{"properties":{"a":{"properties":{"b":{"properties":{"c":{"items":{"items":{"type":"string"}}}}}}}}}}}}"#,
        ],
        tokens: FuzzMutator.hostileTokens
            + [
                #""schema":{"#, #""properties":{"a":"#, #""items":"#, #""additionalProperties":"#, #""pattern":""#, #""enum":["#,
                #""required":["#, #""type":"#, #""minimum":"#, #""maximum":"#, #""minLength":"#, #""maxLength":"#, #""topics":["#,
                #""producers":["#, #""consumers":["#, #""sensitiveFields":["#, #""encryptionRequired":"#, #""services":{"#,
                #""eventTypes":{"#, "(a*)*", "[^", "{1,9999}", "\\\\d", "a..b", ".*", "\"*\"",
            ].map { Array($0.utf8) },
        maxLength: 8192)

    /// Payloads each accepted schema is run against (validation must stay bounded and located).
    static let payloads: [JSONValue] = [
        #"{"userId":"user-1","itemId":"i","quantity":3,"cartId":"c","n":1,"s":"ab","k":"a","a":{"b":{"c":[["x"]]}}}"#,
        #"[{"k":1},{"k":{"x":[1]}},{"z":true}]"#, #"null"#, #""\u001b]0;x\u0007""#, #"-1e300"#,
    ].compactMap { try? JSONParser().parse($0) }

    @Test func parsesOrReportsBoundedSafeErrors() {
        let parser = PolicyParser()
        let validator = SchemaValidator(maxVisitedValues: 1_000)
        var (inputs, accepted) = (0, 0)
        FuzzSupport.run("PolicyParser") { random in
            inputs += 1
            let input = Self.seeds.input(&random)
            switch parser.parse(input) {
            case .failure(let failure):
                #expect(!failure.errors.isEmpty)
                #expect(failure.errors.count <= PolicyParser.maxReportedErrors)
                #expect(failure.unreported == 0 || failure.errors.count == PolicyParser.maxReportedErrors)
                // Every error is tied to something in the file (a member, an element or the file itself).
                #expect(failure.errors.count + failure.unreported <= input.count + 2)
                for error in failure.errors {
                    #expect(error.path.hasPrefix("$"))
                    let line = error.description
                    #expect(FuzzSupport.isTerminalSafe(line), "raw control in \(Array(line.unicodeScalars.map(\.value)))")
                    #expect(line.unicodeScalars.count <= 1_100)
                }
            case .success(let policy):
                accepted += 1
                Self.checkLimits(policy)
                Self.checkRoundTrip(policy, parser: parser)
                for name in policy.eventTypeNames {
                    guard let schema = policy.rule(for: name)?.schema else { continue }
                    for payload in Self.payloads {
                        if let violation = validator.validate(payload, against: schema) {
                            #expect(violation.path.hasPrefix("$"))
                        }
                    }
                }
            }
        }
        // Unmutated seeds are one input in sixteen: a long run that accepts nothing never reached the checks above.
        if inputs >= 500 { #expect(accepted > 0) }
    }

    /// The limits `PolicyParser` documents, checked on what it accepted.
    static func checkLimits(_ policy: Policy) {
        #expect(policy.eventTypeNames.count == Set(policy.eventTypeNames).count)
        #expect(policy.eventTypeNames.count == policy.eventTypes.count)
        #expect(policy.eventTypeNames.count <= PolicyParser.maxEventTypes)
        for service in policy.serviceNames {
            #expect(!service.isEmpty)
            #expect(!(policy.services[service] ?? []).isEmpty)
            #expect(!(policy.services[service] ?? []).contains(""))
        }
        for name in policy.eventTypeNames {
            #expect(!name.isEmpty)
            guard let rule = policy.rule(for: name) else {
                Issue.record("listed event type has no rule")
                continue
            }
            #expect(rule.name == name)
            for list in [rule.topics, rule.producers, rule.consumers, rule.sensitiveFields] { #expect(!list.contains("")) }
            for field in rule.sensitiveFields {
                #expect(field.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty })
            }
            if let schema = rule.schema { checkSchema(schema, depth: 0) }
        }
    }

    static func checkSchema(_ schema: JSONSchema, depth: Int) {
        #expect(depth < PolicyParser.maxSchemaDepth)
        if let minimum = schema.minimum, let maximum = schema.maximum { #expect(minimum <= maximum) }
        #expect((schema.minLength ?? 0) >= 0 && (schema.maxLength ?? 0) >= 0)
        #expect(schema.types.map { !$0.isEmpty } ?? true)
        #expect(schema.enumValues.map { !$0.isEmpty } ?? true)
        #expect(schema.items.count <= 1)
        for child in schema.properties.map(\.schema) + schema.items { checkSchema(child, depth: depth + 1) }
        if case .schema(let extra) = schema.additionalProperties { checkSchema(extra, depth: depth + 1) }
    }

    /// Renders an accepted policy as a policy file, parses it again and renders that: the two
    /// renderings must agree (nothing accepted is lost or changed by reading it back).
    static func checkRoundTrip(_ policy: Policy, parser: PolicyParser) {
        let first = render(policy)
        guard case .success(let reparsed) = parser.parse(first) else {
            Issue.record("rendered policy does not parse: \(TerminalText.escape(String(first.prefix(300))))")
            return
        }
        #expect(reparsed.eventTypeNames == policy.eventTypeNames)
        #expect(reparsed.serviceNames == policy.serviceNames)
        #expect(render(reparsed) == first)
    }

    static func render(_ policy: Policy) -> String {
        let services = policy.serviceNames.map { name in
            (key: name, value: JSONValue.array((policy.services[name] ?? []).map(JSONValue.string)))
        }
        let rules = policy.eventTypeNames.compactMap(policy.rule(for:)).map { rule in
            var members: [(key: String, value: JSONValue)] = [
                ("topics", .array(rule.topics.map(JSONValue.string))), ("producers", .array(rule.producers.map(JSONValue.string))),
                ("consumers", .array(rule.consumers.map(JSONValue.string))),
                ("sensitiveFields", .array(rule.sensitiveFields.map(JSONValue.string))), ("encryptionRequired", .bool(rule.encryptionRequired)),
            ]
            if let schema = rule.schema { members.append(("schema", schema.jsonValue)) }
            if let description = rule.description { members.append(("description", .string(description))) }
            return (key: rule.name, value: JSONValue.object(members))
        }
        return JSONValue.object([("version", .integer(1)), ("services", .object(services)), ("eventTypes", .object(rules))]).compactText()
    }
}
