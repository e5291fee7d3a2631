/// Messages from Google's and Confluent's standard `.proto` files that are shown as the value
/// they stand for rather than as their fields: a Timestamp as ISO-8601 text, a wrapper as its
/// plain value, a Struct as a JSON object, a Decimal as an exact decimal string.
enum ProtobufWellKnownType: UInt8, Sendable {
    case none
    case timestamp
    case duration
    /// DoubleValue, StringValue and the other wrappers: the `value` field alone.
    case wrapper
    /// Struct: its `fields` map as an object.
    case structObject
    /// ListValue: its `values` as an array.
    case listValue
    /// Value: whichever of its oneof members is set, or null.
    case value
    case any
    case confluentDecimal

    init(fullName: String) {
        switch fullName {
        case "google.protobuf.Timestamp": self = .timestamp
        case "google.protobuf.Duration": self = .duration
        case "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue":
            self = .wrapper
        case "google.protobuf.Struct": self = .structObject
        case "google.protobuf.ListValue": self = .listValue
        case "google.protobuf.Value": self = .value
        case "google.protobuf.Any": self = .any
        case "confluent.type.Decimal": self = .confluentDecimal
        default: self = .none
        }
    }

    /// Whether the message is shown as one of its fields' values instead of as an object.
    var unwrapsField: Bool {
        self == .wrapper || self == .structObject || self == .listValue || self == .value
    }

    /// Definitions of the standard files, used when a schema imports one without the registry
    /// supplying it (the registry treats these as built in and registers no reference for them).
    /// Only the messages decoding needs are declared, with their field numbers and types.
    static let builtInFiles: [String: String] = [
        "google/protobuf/timestamp.proto": """
        syntax = "proto3"; package google.protobuf;
        message Timestamp { int64 seconds = 1; int32 nanos = 2; }
        """,
        "google/protobuf/duration.proto": """
        syntax = "proto3"; package google.protobuf;
        message Duration { int64 seconds = 1; int32 nanos = 2; }
        """,
        "google/protobuf/wrappers.proto": """
        syntax = "proto3"; package google.protobuf;
        message DoubleValue { double value = 1; }
        message FloatValue { float value = 1; }
        message Int64Value { int64 value = 1; }
        message UInt64Value { uint64 value = 1; }
        message Int32Value { int32 value = 1; }
        message UInt32Value { uint32 value = 1; }
        message BoolValue { bool value = 1; }
        message StringValue { string value = 1; }
        message BytesValue { bytes value = 1; }
        """,
        "google/protobuf/struct.proto": """
        syntax = "proto3"; package google.protobuf;
        message Struct { map<string, Value> fields = 1; }
        message Value {
          oneof kind {
            NullValue null_value = 1; double number_value = 2; string string_value = 3;
            bool bool_value = 4; Struct struct_value = 5; ListValue list_value = 6;
          }
        }
        enum NullValue { NULL_VALUE = 0; }
        message ListValue { repeated Value values = 1; }
        """,
        "google/protobuf/any.proto": """
        syntax = "proto3"; package google.protobuf;
        message Any { string type_url = 1; bytes value = 2; }
        """,
        "google/protobuf/empty.proto": """
        syntax = "proto3"; package google.protobuf;
        message Empty {}
        """,
        "google/protobuf/field_mask.proto": """
        syntax = "proto3"; package google.protobuf;
        message FieldMask { repeated string paths = 1; }
        """,
        "confluent/type/decimal.proto": """
        syntax = "proto3"; package confluent.type;
        message Decimal { bytes value = 1; uint32 precision = 2; int32 scale = 3; }
        """,
        "confluent/meta.proto": """
        syntax = "proto3"; package confluent;
        message Meta { string doc = 1; map<string, string> params = 2; repeated string tags = 3; }
        """,
    ]
}
