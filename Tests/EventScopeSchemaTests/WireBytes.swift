import Foundation

@testable import EventScopeSchema

/// Hand-written encoders for building test payloads from the wire format rules, so tests say
/// what they encode (`WireBytes.long(-1)`) instead of listing opaque byte arrays.
enum WireBytes {
    static func varint(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
        return out
    }

    static func zigZag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Avro int and long.
    static func long(_ value: Int64) -> [UInt8] { varint(zigZag(value)) }

    static func string(_ text: String) -> [UInt8] { bytes(Array(text.utf8)) }

    /// Avro bytes and string: a long length, then the bytes.
    static func bytes(_ raw: [UInt8]) -> [UInt8] { long(Int64(raw.count)) + raw }

    static func float(_ value: Float) -> [UInt8] { littleEndian(UInt64(value.bitPattern), count: 4) }
    static func double(_ value: Double) -> [UInt8] { littleEndian(value.bitPattern, count: 8) }

    static func littleEndian(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// The Confluent prefix for a schema id.
    static func confluentPrefix(_ id: UInt32) -> [UInt8] {
        [0, UInt8(id >> 24), UInt8(truncatingIfNeeded: id >> 16), UInt8(truncatingIfNeeded: id >> 8), UInt8(truncatingIfNeeded: id)]
    }

    // Protobuf

    static func tag(_ field: Int, _ wireType: Int) -> [UInt8] { varint(UInt64(field << 3 | wireType)) }
    static func pbVarint(_ field: Int, _ value: UInt64) -> [UInt8] { tag(field, 0) + varint(value) }
    static func pbInt(_ field: Int, _ value: Int64) -> [UInt8] { pbVarint(field, UInt64(bitPattern: value)) }
    static func pbLength(_ field: Int, _ payload: [UInt8]) -> [UInt8] {
        tag(field, 2) + varint(UInt64(payload.count)) + payload
    }
    static func pbString(_ field: Int, _ text: String) -> [UInt8] { pbLength(field, Array(text.utf8)) }
    static func pbFixed32(_ field: Int, _ value: UInt32) -> [UInt8] { tag(field, 5) + littleEndian(UInt64(value), count: 4) }
    static func pbFixed64(_ field: Int, _ value: UInt64) -> [UInt8] { tag(field, 1) + littleEndian(value, count: 8) }
}

/// Checks decoder output with Foundation's parser, independently of the decoder's own writer.
func isValidJSON(_ bytes: [UInt8]) -> Bool {
    (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
}

func decodeAvro(_ schemaText: String, _ payload: [UInt8], references: [AvroSchema] = []) throws -> (json: String, name: String?) {
    let schema = try AvroSchema(parsing: schemaText, references: references)
    var out: [UInt8] = []
    let name = try AvroDecoder(schema: schema).decode(payload, into: &out)
    return (String(decoding: out, as: UTF8.self), name)
}
