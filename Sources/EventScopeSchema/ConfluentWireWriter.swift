/// Writes values in the Confluent wire format, for the demo's producers and the benchmarks'
/// corpora (evscope itself only reads it).
public enum ConfluentWireWriter {
    /// Magic byte 0 and the big-endian schema id.
    public static func prefix(schemaId: Int32) -> [UInt8] {
        let bits = UInt32(bitPattern: schemaId)
        return [ConfluentFraming.magicByte, UInt8(bits >> 24), UInt8((bits >> 16) & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8(bits & 0xFF)]
    }

    public static func varint(_ value: UInt64, into out: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    /// An Avro int or long: a zig-zag varint.
    public static func avroLong(_ value: Int64, into out: inout [UInt8]) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), into: &out)
    }

    public static func avroString(_ text: String, into out: inout [UInt8]) {
        avroLong(Int64(text.utf8.count), into: &out)
        out.append(contentsOf: text.utf8)
    }

    /// A Protobuf varint field.
    public static func protobufVarint(field: Int, _ value: UInt64, into out: inout [UInt8]) {
        varint(UInt64(field) << 3, into: &out)
        varint(value, into: &out)
    }

    /// A Protobuf length-delimited field (string, bytes or an embedded message).
    public static func protobufBytes(field: Int, _ bytes: [UInt8], into out: inout [UInt8]) {
        varint(UInt64(field) << 3 | 2, into: &out)
        varint(UInt64(bytes.count), into: &out)
        out.append(contentsOf: bytes)
    }

    public static func protobufString(field: Int, _ text: String, into out: inout [UInt8]) {
        protobufBytes(field: field, Array(text.utf8), into: &out)
    }
}
