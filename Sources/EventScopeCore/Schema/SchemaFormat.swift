/// How a Confluent wire-format payload is serialised, as the registry's `schemaType` says.
public enum SchemaFormat: String, Sendable, CaseIterable {
    case avro
    case protobuf
    case jsonSchema = "json-schema"

    /// The format named by the registry's `schemaType` field; the registry omits it for Avro.
    public init?(registryType: String?) {
        switch registryType?.uppercased() {
        case nil, "AVRO": self = .avro
        case "PROTOBUF": self = .protobuf
        case "JSON": self = .jsonSchema
        default: return nil
        }
    }

    /// The registry's own name for the format (`schemaType`).
    public var registryType: String {
        switch self {
        case .avro: "AVRO"
        case .protobuf: "PROTOBUF"
        case .jsonSchema: "JSON"
        }
    }
}
