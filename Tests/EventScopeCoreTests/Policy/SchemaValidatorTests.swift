import Testing

@testable import EventScopeCore

@Suite struct SchemaValidatorTests {
    static func schema(_ text: String) throws -> JSONSchema {
        let policy = try PolicyParser().parse(#"{"eventTypes":{"T":{"schema":"# + text + "}}}").get()
        return try #require(policy.rule(for: "T")?.schema)
    }

    @Test(
        arguments: [
            (#"{"type":"integer"}"#, #""2""#, "$.payload: expected integer, got string"),
            (#"{"type":"integer"}"#, "2.5", "$.payload: expected integer, got number"),
            (#"{"type":"integer"}"#, "2.0", nil),
            (#"{"type":["string","null"]}"#, "null", nil),
            (#"{"type":["string","null"]}"#, "1", "$.payload: expected string or null, got integer"),
            (#"{"type":"number","minimum":1,"maximum":10}"#, "0", "$.payload: 0 is below the minimum 1"),
            (#"{"type":"number","minimum":1,"maximum":10}"#, "10.5", "$.payload: 10.5 is above the maximum 10"),
            (#"{"type":"number","minimum":1,"maximum":10}"#, "10", nil),
            (#"{"enum":["a","b",1]}"#, #""c""#, "$.payload: value not in enum"),
            (#"{"enum":["a","b",1]}"#, "1.0", nil),
            (#"{"type":"string","pattern":"^[A-Z]{2}-\\d{3}$"}"#, #""AB-123""#, nil),
            (#"{"type":"string","pattern":"^[A-Z]{2}-\\d{3}$"}"#, #""AB-12""#, #"$.payload: does not match pattern ^[A-Z]{2}-\d{3}$"#),
            (#"{"type":"string","minLength":2,"maxLength":3}"#, #""abcd""#, "$.payload: string longer than 3"),
            (#"{"type":"object","required":["a","b"]}"#, #"{"a":1}"#, "$.payload.b: required property missing"),
            (#"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"#, #"{"a":"x","z":1}"#, "$.payload.z: property not allowed"),
            (#"{"type":"object","additionalProperties":{"type":"integer"}}"#, #"{"a":1,"b":"x"}"#, "$.payload.b: expected integer, got string"),
            (
                #"{"type":"array","items":{"type":"object","properties":{"sku":{"type":"string"}}}}"#, #"[{"sku":"a"},{"sku":3}]"#,
                "$.payload[1].sku: expected string, got integer"
            ),
            (
                #"{"type":"object","properties":{"quantity":{"type":"integer"}},"required":["cartId"]}"#, #"{"quantity":"two"}"#,
                "$.payload.quantity: expected integer, got string"
            ),
        ] as [(String, String, String?)])
    func keywords(schemaText: String, payload: String, expected: String?) throws {
        let value = try JSONParser().parse(payload)
        let violation = SchemaValidator().validate(value, against: try Self.schema(schemaText), path: "$.payload")
        #expect(violation?.description == expected)
    }

    @Test func workIsBoundedOnHugeArrays() throws {
        let schema = try Self.schema(#"{"type":"array","items":{"type":"integer"}}"#)
        let big = JSONValue.array(Array(repeating: .integer(1), count: 50_000) + [.string("late")])
        // The violation sits beyond the visit budget: validation stops and reports nothing.
        #expect(SchemaValidator(maxVisitedValues: 1_000).validate(big, against: schema) == nil)
        #expect(SchemaValidator(maxVisitedValues: 100_000).validate(big, against: schema)?.path == "$[50000]")
    }
}
