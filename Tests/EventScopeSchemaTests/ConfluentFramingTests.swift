import Testing

@testable import EventScopeSchema

@Suite("ConfluentFraming")
struct ConfluentFramingTests {
    @Test func readsTheSchemaID() throws {
        let framing = try ConfluentFraming(parsing: [0, 0x00, 0x01, 0x02, 0x03, 0xAA])
        #expect(framing.schemaID == 0x0001_0203)
        #expect(framing.payloadOffset == 5)
        #expect(try ConfluentFraming(parsing: WireBytes.confluentPrefix(UInt32.max)).schemaID == UInt32.max)
    }

    @Test(arguments: [
        ([UInt8](), "confluent: 0 bytes is shorter than the 5-byte wire format prefix"),
        ([0, 0, 0, 1], "confluent: 4 bytes is shorter than the 5-byte wire format prefix"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0x7D], "confluent: magic byte is 123, expected 0"),
    ])
    func rejectsOtherBytes(_ bytes: [UInt8], _ reason: String) {
        #expect(throws: SchemaDecodingError(reason)) { try ConfluentFraming(parsing: bytes) }
    }

    @Test(arguments: [
        ([UInt8]([0x00]), [0], 6),
        ([0x02, 0x02], [1], 7),
        ([0x04, 0x02, 0x06], [1, 3], 8),
        ([0x02, 0x00], [0], 7),
        ([0x06, 0x00, 0x00, 0x80, 0x01], [0, 0, 64], 10),
    ])
    func readsProtobufMessageIndexes(_ indexBytes: [UInt8], _ indexes: [Int], _ payloadOffset: Int) throws {
        let bytes = WireBytes.confluentPrefix(9) + indexBytes + [0x08, 0x01]
        let parsed = try ProtobufMessageIndexes(parsing: bytes)
        #expect(parsed.indexes == indexes)
        #expect(parsed.payloadOffset == payloadOffset)
    }

    @Test(arguments: [
        ([UInt8](), "protobuf message indexes: varint truncated at offset 0"),
        ([0x01, 0x00], "protobuf message indexes: negative count -1 at offset 0"),
        ([0x82, 0x01], "protobuf message indexes: count 65 exceeds 64 at offset 0"),
        ([0x08, 0x02], "protobuf message indexes: count 4 exceeds remaining 1 bytes at offset 0"),
        ([0x02, 0x03], "protobuf message indexes: invalid index -2 at offset 1"),
    ])
    func rejectsBadMessageIndexes(_ indexBytes: [UInt8], _ reason: String) {
        let bytes = WireBytes.confluentPrefix(9) + indexBytes
        #expect(throws: SchemaDecodingError(reason)) { try ProtobufMessageIndexes(parsing: bytes) }
    }

    @Test func messageIndexVarintOverflowIsAnError() {
        let bytes = WireBytes.confluentPrefix(9) + [0x02] + Array(repeating: 0xFF, count: 11) + [0x01]
        #expect(throws: SchemaDecodingError("protobuf message indexes: varint overflows 64 bits at offset 1")) {
            try ProtobufMessageIndexes(parsing: bytes)
        }
    }
}
