import Testing

@testable import EventScopeSchema

@Suite("ProtobufDecoder")
struct ProtobufDecoderTests {
    static let ordersProto = """
        syntax = "proto3";
        package acme.orders;

        import "google/protobuf/timestamp.proto";
        import "google/protobuf/wrappers.proto";
        import public "google/protobuf/struct.proto";
        import "google/protobuf/any.proto";
        import "google/protobuf/duration.proto";
        import "common/money.proto";

        option java_package = "com.acme.orders";
        option (acme.file_meta) = { owner: "payments" tags: ["a", "b"] };

        /* An order was placed. */
        message OrderPlaced {
          option (acme.msg) = { a: 1 b: "x;y" };
          string order_id = 1;
          int64 amount_cents = 2 [json_name = "amountCents", deprecated = true];
          Status status = 3;
          repeated string tags = 4;
          repeated int32 quantities = 5;
          map<string, int32> counts = 6;
          Customer customer = 7;
          oneof payment {
            option (acme.oneof_opt) = true;
            string card = 8;
            string iban = 9;
          }
          google.protobuf.Timestamp placed_at = 10;
          google.protobuf.StringValue note = 11;
          bytes signature = 12;
          double ratio = 13;
          float weight = 14;
          sint32 delta = 15;
          sint64 big_delta = 16;
          fixed32 f32 = 17;
          fixed64 f64 = 18;
          sfixed32 sf32 = 19;
          sfixed64 sf64 = 20;
          bool gift = 21;
          uint32 u32 = 22;
          uint64 u64 = 23;
          google.protobuf.Struct attributes = 24;
          google.protobuf.Any extra = 25;
          google.protobuf.Duration took = 26;
          acme.common.Money total = 27;
          map<int64, Customer> by_id = 28;
          .google.protobuf.Int64Value seq = 29;
          reserved 100 to 110, 200;
          reserved "old_field";
          enum Status { STATUS_UNKNOWN = 0; PLACED = 1; SHIPPED = 2 [deprecated = true]; }
          message Customer {
            string name = 1;
            Address address = 2;
            message Address { string city = 1; }
          }
        }

        enum Region { option allow_alias = true; REGION_UNKNOWN = 0; EU = 1; EUROPE = 1; }

        message OrderCancelled {
          string order_id = 1;
          Region region = 2;
          OrderPlaced.Status last_status = 3;
          optional string reason = 4;
        }

        service Orders { rpc Place(OrderPlaced) returns (OrderCancelled) { option deprecated = true; } }
        """

    static let moneyProto = """
        syntax = "proto3";
        package acme.common;
        message Money { string currency = 1; int64 units = 2; }
        """

    static func ordersSchema() throws -> ProtobufSchema {
        try ProtobufSchema(parsing: ordersProto, imports: ["common/money.proto": moneyProto])
    }

    static func decode(_ bytes: [UInt8], _ indexes: [Int] = [0], schema: ProtobufSchema? = nil) throws -> String {
        var decoder = ProtobufDecoder(schema: try schema ?? ordersSchema())
        var out: [UInt8] = []
        try decoder.decode(bytes, messageIndexes: indexes, into: &out)
        #expect(isValidJSON(out), "not valid JSON: \(String(decoding: out, as: UTF8.self))")
        return String(decoding: out, as: UTF8.self)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let indexes: [Int]
        let payload: [UInt8]
        let json: String
        var testDescription: String { label }
        init(_ label: String, path indexes: [Int] = [0], _ payload: [UInt8], _ json: String) {
            self.label = label
            self.indexes = indexes
            self.payload = payload
            self.json = json
        }
    }

    typealias W = WireBytes

    static let cases: [Case] = [
        Case("empty message", [], "{}"),
        Case("string and negative int64", W.pbString(1, "o-1") + W.pbInt(2, -5), #"{"order_id":"o-1","amount_cents":-5}"#),
        Case("declaration order", W.pbInt(2, 7) + W.pbString(1, "x"), #"{"order_id":"x","amount_cents":7}"#),
        Case("enum by name", W.pbVarint(3, 1), #"{"status":"PLACED"}"#),
        Case("unknown enum number", W.pbVarint(3, 7), #"{"status":7}"#),
        Case(
            "repeated strings", W.pbString(4, "a") + W.pbString(1, "id") + W.pbString(4, "b"),
            #"{"order_id":"id","tags":["a","b"]}"#),
        Case(
            "packed and unpacked", W.pbLength(5, W.varint(1) + W.varint(2) + W.varint(300)) + W.pbInt(5, -1),
            #"{"quantities":[1,2,300,-1]}"#),
        Case(
            "map", W.pbLength(6, W.pbString(1, "a") + W.pbVarint(2, 1)) + W.pbLength(6, W.pbString(1, "b\"") + W.pbVarint(2, 2)),
            #"{"counts":{"a":1,"b\"":2}}"#),
        Case("map entry missing value", W.pbLength(6, W.pbString(1, "a")), #"{"counts":{"a":0}}"#),
        Case(
            "map with int keys and message values",
            W.pbLength(28, W.pbVarint(1, 42) + W.pbLength(2, W.pbString(1, "Ann"))) + W.pbLength(28, W.pbVarint(1, 7)),
            #"{"by_id":{"42":{"name":"Ann"},"7":{}}}"#),
        Case(
            "nested messages", W.pbLength(7, W.pbString(1, "Ann") + W.pbLength(2, W.pbString(1, "Oslo"))),
            #"{"customer":{"name":"Ann","address":{"city":"Oslo"}}}"#),
        Case("oneof last member wins", W.pbString(8, "4111") + W.pbString(9, "NO93"), #"{"iban":"NO93"}"#),
        Case("oneof same member twice", W.pbString(9, "x") + W.pbString(8, "1") + W.pbString(8, "2"), #"{"card":"2"}"#),
        Case("singular last wins", W.pbString(1, "first") + W.pbString(1, "second"), #"{"order_id":"second"}"#),
        Case(
            "timestamp", W.pbLength(10, W.pbVarint(1, 1_704_067_200) + W.pbVarint(2, 5_000_000)),
            #"{"placed_at":"2024-01-01T00:00:00.005Z"}"#),
        Case("timestamp whole seconds", W.pbLength(10, W.pbVarint(1, 1_704_067_200)), #"{"placed_at":"2024-01-01T00:00:00Z"}"#),
        Case("timestamp nanos", W.pbLength(10, W.pbVarint(2, 1)), #"{"placed_at":"1970-01-01T00:00:00.000000001Z"}"#),
        Case(
            "timestamp out of range nanos", W.pbLength(10, W.pbVarint(2, 2_000_000_000)),
            #"{"placed_at":{"nanos":2000000000}}"#),
        Case("string wrapper", W.pbLength(11, W.pbString(1, "hi")), #"{"note":"hi"}"#),
        Case("empty string wrapper", W.pbLength(11, []), #"{"note":""}"#),
        Case("int64 wrapper", W.pbLength(29, W.pbInt(1, -9)), #"{"seq":-9}"#),
        Case("bytes", W.pbLength(12, [0xDE, 0xAD, 0xBE, 0xEF]), #"{"signature":"3q2+7w=="}"#),
        Case(
            "double and float", W.pbFixed64(13, (0.25 as Double).bitPattern) + W.pbFixed32(14, (1.5 as Float).bitPattern),
            #"{"ratio":0.25,"weight":1.5}"#),
        Case(
            "zigzag", W.pbVarint(15, W.zigZag(-3)) + W.pbVarint(16, W.zigZag(Int64.min)),
            #"{"delta":-3,"big_delta":-9223372036854775808}"#),
        Case(
            "fixed",
            W.pbFixed32(17, UInt32.max) + W.pbFixed64(18, UInt64.max) + W.pbFixed32(19, UInt32.max)
                + W.pbFixed64(20, UInt64.max - 1),
            #"{"f32":4294967295,"f64":18446744073709551615,"sf32":-1,"sf64":-2}"#),
        Case(
            "bool and unsigned", W.pbVarint(21, 1) + W.pbVarint(22, 0x1_0000_0005) + W.pbVarint(23, UInt64.max),
            #"{"gift":true,"u32":5,"u64":18446744073709551615}"#),
        Case(
            "struct",
            W.pbLength(
                24,
                W.pbLength(1, W.pbString(1, "k") + W.pbLength(2, W.pbString(3, "v")))
                    + W.pbLength(1, W.pbString(1, "n") + W.pbLength(2, W.pbFixed64(2, (1.5 as Double).bitPattern)))
                    + W.pbLength(1, W.pbString(1, "z") + W.pbLength(2, W.pbVarint(1, 0)))
                    + W.pbLength(1, W.pbString(1, "l") + W.pbLength(2, W.pbLength(6, W.pbLength(1, W.pbVarint(4, 1)))))
                    + W.pbLength(1, W.pbString(1, "o") + W.pbLength(2, W.pbLength(5, [])))
                    + W.pbLength(1, W.pbString(1, "e") + W.pbLength(2, []))),
            #"{"attributes":{"k":"v","n":1.5,"z":null,"l":[true],"o":{},"e":null}}"#),
        Case(
            "any with known type",
            W.pbLength(
                25,
                W.pbString(1, "type.googleapis.com/acme.common.Money")
                    + W.pbLength(2, W.pbString(1, "EUR") + W.pbInt(2, 5))),
            #"{"extra":{"@type":"type.googleapis.com/acme.common.Money","value":{"currency":"EUR","units":5}}}"#),
        Case(
            "any with unknown type", W.pbLength(25, W.pbString(1, "type.googleapis.com/x.Y") + W.pbLength(2, [1, 2])),
            #"{"extra":{"@type":"type.googleapis.com/x.Y","value":"AQI="}}"#),
        Case(
            "any with bad value", W.pbLength(25, W.pbString(1, "x/acme.common.Money") + W.pbLength(2, [0x0A, 0x09])),
            #"{"extra":{"@type":"x/acme.common.Money","value":"Cgk="}}"#),
        Case("duration", W.pbLength(26, W.pbVarint(1, 1) + W.pbVarint(2, 500_000_000)), #"{"took":"1.500s"}"#),
        Case("negative duration", W.pbLength(26, W.pbInt(1, -1) + W.pbInt(2, -1000)), #"{"took":"-1.000001s"}"#),
        Case("zero duration", W.pbLength(26, []), #"{"took":"0s"}"#),
        Case(
            "imported message", W.pbLength(27, W.pbString(1, "NOK") + W.pbInt(2, 100)),
            #"{"total":{"currency":"NOK","units":100}}"#),
        Case(
            "unknown fields by number", W.pbVarint(99, 7) + W.pbString(98, "x") + W.pbVarint(99, 8) + W.pbFixed32(97, 1),
            ##"{"#97":1,"#98":"eA==","#99":[7,8]}"##),
        Case("wire type mismatch kept by number", W.pbVarint(1, 5), ##"{"#1":5}"##),
        Case("unknown group", W.tag(50, 3) + W.pbVarint(1, 1) + W.tag(50, 4), ##"{"#50":"CAE="}"##),
        Case(
            "cancelled", path: [1], W.pbString(1, "o") + W.pbVarint(2, 1) + W.pbVarint(3, 2) + W.pbString(4, ""),
            #"{"order_id":"o","region":"EU","last_status":"SHIPPED","reason":""}"#),
        Case("nested path", path: [0, 2], W.pbString(1, "Ann"), #"{"name":"Ann"}"#),
        Case("deeper path", path: [0, 2, 0], W.pbString(1, "Oslo"), #"{"city":"Oslo"}"#),
        Case("map entry path", path: [0, 0], W.pbString(1, "k") + W.pbVarint(2, 3), #"{"key":"k","value":3}"#),
        Case("invalid utf8 string", W.pbLength(1, [0x66, 0xFF, 0x0A]), "{\"order_id\":\"f\u{FFFD}\\u000a\"}"),
    ]

    @Test(arguments: cases)
    func decodes(_ testCase: Case) throws {
        #expect(try Self.decode(testCase.payload, testCase.indexes) == testCase.json)
    }

    @Test func reportsMessageFullNames() throws {
        let schema = try Self.ordersSchema()
        #expect(schema.topLevelMessageNames == ["acme.orders.OrderPlaced", "acme.orders.OrderCancelled"])
        #expect(try schema.messageFullName(at: [0, 2, 0]) == "acme.orders.OrderPlaced.Customer.Address")
        // Map fields declare entry messages where they stand, before Customer here, as protoc does.
        #expect(try schema.messageFullName(at: [0, 1]) == "acme.orders.OrderPlaced.ByIdEntry")
        #expect(try schema.messageFullName(at: [0, 0]) == "acme.orders.OrderPlaced.CountsEntry")
        var decoder = ProtobufDecoder(schema: schema)
        var out: [UInt8] = []
        #expect(try decoder.decode([], messageIndexes: [1], into: &out) == "acme.orders.OrderCancelled")
    }

    @Test func decodesAConfluentFramedValue() throws {
        let value = WireBytes.confluentPrefix(42) + [0x02, 0x02] + WireBytes.pbString(1, "o-9")
        let framing = try ConfluentFraming(parsing: value)
        let indexes = try ProtobufMessageIndexes(parsing: value)
        var decoder = ProtobufDecoder(schema: try Self.ordersSchema())
        var out: [UInt8] = []
        let name = try decoder.decode(Array(value[indexes.payloadOffset...]), messageIndexes: indexes.indexes, into: &out)
        #expect(framing.schemaID == 42)
        #expect(name == "acme.orders.OrderCancelled")
        #expect(String(decoding: out, as: UTF8.self) == #"{"order_id":"o-9"}"#)
    }

    static let proto2 = """
        syntax = "proto2";
        package legacy;
        message Search {
          required string query = 1;
          optional int32 page = 2 [default = 1];
          repeated group Result = 3 { required string url = 4; optional string title = 5; }
          repeated int32 ids = 6 [packed = true];
          optional Kind kind = 7 [default = WEB];
          enum Kind { WEB = 1; IMAGES = 2; }
          extensions 100 to max;
        }
        extend Search { optional int32 extra = 100; }
        message Empty {}
        """

    @Test func decodesProto2WithGroups() throws {
        let schema = try ProtobufSchema(parsing: Self.proto2)
        let payload =
            W.pbString(1, "q") + W.tag(3, 3) + W.pbString(4, "u1") + W.tag(3, 4)
            + W.tag(3, 3) + W.pbString(5, "t") + W.pbString(4, "u2") + W.tag(3, 4)
            + W.pbVarint(6, 1) + W.pbVarint(6, 2) + W.pbVarint(7, 2) + W.pbVarint(100, 9)
        #expect(
            try Self.decode(payload, schema: schema)
                == ##"{"query":"q","result":[{"url":"u1"},{"url":"u2","title":"t"}],"ids":[1,2],"kind":"IMAGES","#100":9}"##)
        #expect(try schema.messageFullName(at: [0, 0]) == "legacy.Search.Result")
        #expect(try schema.messageFullName(at: [1]) == "legacy.Empty")
    }

    @Test func confluentDecimalIsAnExactString() throws {
        let schema = try ProtobufSchema(
            parsing: """
                syntax = "proto3"; package p; import "confluent/type/decimal.proto"; import "confluent/meta.proto";
                message Price { confluent.type.Decimal amount = 1 [(confluent.field_meta) = { params: [ { key: "precision", value: "8" } ] }]; }
                """)
        let payload = W.pbLength(1, W.pbLength(1, [0xCF, 0xC7]) + W.pbVarint(2, 8) + W.pbVarint(3, 2))
        #expect(try Self.decode(payload, schema: schema) == #"{"amount":"-123.45"}"#)
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        let label: String
        let indexes: [Int]
        let payload: [UInt8]
        let reason: String
        var testDescription: String { label }
        init(_ label: String, path indexes: [Int] = [0], _ payload: [UInt8], _ reason: String) {
            self.label = label
            self.indexes = indexes
            self.payload = payload
            self.reason = reason
        }
    }

    static let failures: [Failure] = [
        Failure(
            "length beyond the end", W.tag(1, 2) + W.varint(100) + [1, 2, 3],
            "protobuf: field 1 length 100 exceeds remaining 3 bytes at offset 1"),
        Failure("huge length", W.tag(1, 2) + W.varint(UInt64.max), "protobuf: field 1 length 18446744073709551615 exceeds remaining 0 bytes at offset 1"),
        Failure("varint overflow", [0x10] + Array(repeating: 0xFF, count: 10) + [0x01], "protobuf: varint overflows 64 bits at offset 1"),
        Failure("truncated varint", [0x10, 0x80], "protobuf: varint truncated at offset 1"),
        Failure("truncated fixed64", [0x69, 1, 2], "protobuf: 8-byte value truncated (2 bytes left) at offset 1"),
        Failure("field number zero", [0x00, 0x01], "protobuf: invalid field number 0 at offset 0"),
        Failure("wire type 7", [0x0F], "protobuf: invalid wire type 7 for field 1 at offset 0"),
        Failure("end-group without start", [0x0C], "protobuf: end-group for field 1 without a start at offset 0"),
        Failure("group without end", W.tag(50, 3) + W.pbVarint(1, 1), "protobuf: group 50 has no end-group at offset 4"),
        Failure("mismatched end-group", W.tag(50, 3) + W.tag(51, 4), "protobuf: end-group for field 51 inside group 50 at offset 2"),
        Failure("truncated nested", W.pbLength(7, [0x0A, 0x05, 0x41]), "protobuf: field 1 length 5 exceeds remaining 1 bytes at offset 3"),
        Failure("truncated packed", W.pbLength(5, [0x80]), "protobuf: varint truncated at offset 2"),
        Failure("message index", path: [5], [], "protobuf: message index 5 outside the 2 top-level messages"),
        Failure("nested index", path: [0, 9], [], "protobuf: message index 9 outside the 3 messages nested in acme.orders.OrderPlaced"),
    ]

    @Test(arguments: failures)
    func reportsReadableErrors(_ failure: Failure) throws {
        #expect(throws: SchemaDecodingError(failure.reason)) { try Self.decode(failure.payload, failure.indexes) }
    }

    @Test func deepNestingStopsAtTheDepthCap() throws {
        let schema = try ProtobufSchema(parsing: "syntax = \"proto3\"; message Node { Node child = 1; int32 v = 2; }")
        var payload = W.pbVarint(2, 1)
        for _ in 0..<10 { payload = W.pbLength(1, payload) }
        #expect(try Self.decode(payload, schema: schema).hasPrefix(#"{"child":{"child":"#))
        var deep: [UInt8] = []
        for _ in 0..<200 { deep = W.pbLength(1, deep) }
        #expect(throws: SchemaDecodingError.self) { try Self.decode(deep, schema: schema) }
        var groups: [UInt8] = []
        for _ in 0..<200 { groups = W.tag(9, 3) + groups + W.tag(9, 4) }
        #expect(throws: SchemaDecodingError.self) { try Self.decode(groups, schema: schema) }
    }

    @Test func decoderIsReusableAfterAnError() throws {
        var decoder = ProtobufDecoder(schema: try Self.ordersSchema())
        var out = Array("x".utf8)
        #expect(throws: SchemaDecodingError.self) {
            try decoder.decode(W.pbLength(7, W.pbString(1, "a")) + [0x0F], messageIndexes: [0], into: &out)
        }
        #expect(out == Array("x".utf8))
        try decoder.decode(W.pbString(1, "a"), messageIndexes: [0], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"x{"order_id":"a"}"#)
    }

    static let badSchemas: [(String, String)] = [
        ("syntax = \"proto3\"; message A { B b = 1; }", #"protobuf schema: unknown type "B" for field "b" in A"#),
        (
            "syntax = \"proto3\"; import \"x/y.proto\"; message A { x.Y b = 1; }",
            #"protobuf schema: unknown type "x.Y" for field "b" in A (imports not supplied: x/y.proto)"#
        ),
        ("message A { int32 a = 1; int32 b = 1; }", "protobuf schema: field number 1 is used twice in A"),
        ("message A { int32 a = 0; }", #"protobuf schema: field "a" in A has invalid number 0"#),
        ("message A { int32 a = 1 }", #"protobuf schema: expected ';' at line 1 near "}""#),
        ("message A { int32 a = 1;", #"protobuf schema: unterminated message "A" at end of text"#),
        ("message A {} message A {}", #"protobuf schema: "A" is declared twice"#),
        ("/* open", "protobuf schema: unterminated comment at line 1"),
        ("frobnicate;", #"protobuf schema: unexpected "frobnicate" at line 1 near "frobnicate""#),
        (String(repeating: "message A { ", count: 100), #"protobuf schema: messages nested deeper than 64 at line 1 near "A""#),
        ("option x = { a: { b: 1 }", "protobuf schema: unterminated statement at end of text"),
    ]

    @Test(arguments: badSchemas)
    func rejectsBadSchemas(_ text: String, _ reason: String) {
        #expect(throws: SchemaDecodingError(reason)) { try ProtobufSchema(parsing: text) }
    }

    @Test func mapEntryNamesFollowProtoc() {
        #expect(ProtoTextParser.mapEntryName(for: "tag_counts") == "TagCountsEntry")
        #expect(ProtoTextParser.mapEntryName(for: "x") == "XEntry")
    }
}
