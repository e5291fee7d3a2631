/// The wire-level type of a Protobuf field, which decides how its bytes are read and shown.
enum ProtobufFieldType: UInt8, Sendable {
    case double, float, int64, uint64, int32, fixed64, fixed32, bool, string, group, message, bytes
    case uint32, enumeration, sfixed32, sfixed64, sint32, sint64

    static let scalars: [String: ProtobufFieldType] = [
        "double": .double, "float": .float, "int64": .int64, "uint64": .uint64, "int32": .int32,
        "fixed64": .fixed64, "fixed32": .fixed32, "bool": .bool, "string": .string, "bytes": .bytes,
        "uint32": .uint32, "sfixed32": .sfixed32, "sfixed64": .sfixed64, "sint32": .sint32, "sint64": .sint64,
    ]

    /// The wire type a single value of this type is written with.
    var wireType: UInt8 {
        switch self {
        case .int64, .uint64, .int32, .bool, .uint32, .enumeration, .sint32, .sint64: return 0
        case .double, .fixed64, .sfixed64: return 1
        case .string, .message, .bytes: return 2
        case .group: return 3
        case .float, .fixed32, .sfixed32: return 5
        }
    }

    /// Whether repeated values of this type may arrive packed into one length-delimited value.
    var isPackable: Bool {
        wireType == 0 || wireType == 1 || wireType == 5
    }
}
