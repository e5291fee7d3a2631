/// Decodes Avro binary data into JSON text with a compiled `AvroSchema`.
///
/// The output is written for operators and for EventScope's JSON envelope scanner rather than
/// in Avro's own JSON encoding:
/// - A union value is written plainly, not wrapped as `{"type": value}`: a field reads the same
///   whether or not the schema made it optional, so field paths (`payload.user.id`) and policy
///   rules work unchanged, and the branch's type name is schema noise to someone reading events.
/// - `bytes` and `fixed` are base64 strings: compact, unambiguous and familiar, where Avro's
///   one-code-point-per-byte strings would be six times longer and look like garbled text.
/// - Timestamps are ISO-8601 strings (UTC with "Z"; local timestamps without a zone), dates
///   "YYYY-MM-DD", times of day "HH:MM:SS.fff", decimals exact decimal strings, durations
///   `{"months":m,"days":d,"milliseconds":ms}`, and NaN and infinities the strings
///   "NaN", "Infinity", "-Infinity".
///
/// Hostile data ends in an error, never a trap or unbounded work: lengths and counts are checked
/// against the bytes left before use, nesting is capped at `maxDepth`, and items that take no
/// bytes (nulls, empty records) draw on a budget proportional to the input size.
public struct AvroDecoder: Sendable {
    /// Records, arrays and maps nested deeper than this are refused.
    public static let maxDepth = 64

    public let schema: AvroSchema

    public init(schema: AvroSchema) {
        self.schema = schema
    }

    /// Appends the JSON text of one Avro datum to `output`.
    ///
    /// - Parameters:
    ///   - payload: The Avro binary datum (after the Confluent prefix), all of which must be used.
    ///   - output: A buffer the JSON is appended to; on error it is left as it was.
    /// - Returns: The full name of the record decoded at the top level (resolving a top-level
    ///   union to the branch present), or nil when the datum is not a named type.
    /// - Throws: `SchemaDecodingError` when the bytes do not match the schema.
    @discardableResult
    public func decode(_ payload: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(SchemaDecodingError) -> String? {
        let decodedNode = try JSONOutput.write(into: &output, estimate: payload.count * 3 + 256) {
            (out) throws(SchemaDecodingError) -> Int32 in
            var reader = WireReader(payload, format: "avro")
            var budget = ItemBudget(payloadCount: payload.count)
            var decodedNode = schema.root
            let rootNode = schema.nodes[Int(schema.root)]
            if rootNode.kind == .union {
                decodedNode = try unionBranch(rootNode, reader: &reader)
            }
            try value(decodedNode, reader: &reader, budget: &budget, depth: 0, out: &out)
            guard reader.isAtEnd else {
                throw reader.failure("\(reader.remaining) trailing bytes after the datum")
            }
            return decodedNode
        }
        return schema.fullName(ofNode: decodedNode)
    }

    @discardableResult
    public func decode(_ payload: [UInt8], into output: inout [UInt8]) throws(SchemaDecodingError) -> String? {
        let result = payload.withUnsafeBytes { raw in
            Result { () throws(SchemaDecodingError) -> String? in try decode(raw, into: &output) }
        }
        return try result.get()
    }

    /// A cap on items that consume no input bytes, so a count of 2^62 nulls cannot hang.
    struct ItemBudget {
        var remaining: Int
        init(payloadCount: Int) { remaining = 1024 + payloadCount * 8 }
    }

    private func unionBranch(_ node: AvroNode, reader: inout WireReader) throws(SchemaDecodingError) -> Int32 {
        let start = reader.offset
        let index = try reader.readZigZag()
        guard index >= 0 && index < Int64(node.count) else {
            throw reader.failure("union branch \(index) outside 0..<\(node.count)", at: start)
        }
        return schema.branches[Int(node.first) + Int(index)]
    }

    private func readLength(_ reader: inout WireReader, what: StaticString) throws(SchemaDecodingError) -> Int {
        let start = reader.offset
        let length = try reader.readZigZag()
        guard length >= 0 else { throw reader.failure("negative \(what) length \(length)", at: start) }
        guard length <= Int64(reader.remaining) else {
            throw reader.failure("\(what) length \(length) exceeds remaining \(reader.remaining) bytes", at: start)
        }
        return Int(length)
    }

    private func readInt(_ reader: inout WireReader) throws(SchemaDecodingError) -> Int64 {
        let start = reader.offset
        let value = try reader.readZigZag()
        guard value >= Int64(Int32.min) && value <= Int64(Int32.max) else {
            throw reader.failure("int \(value) out of 32-bit range", at: start)
        }
        return value
    }

    private func value(
        _ index: Int32, reader: inout WireReader, budget: inout ItemBudget, depth: Int,
        out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        let node = schema.nodes[Int(index)]
        switch node.kind {
        case .null:
            JSONTextWriter.append("null", to: &out)
        case .boolean:
            let start = reader.offset
            let b = try reader.readByte()
            guard b <= 1 else { throw reader.failure("boolean byte \(b) is neither 0 nor 1", at: start) }
            JSONTextWriter.append(b == 1 ? "true" : "false", to: &out)
        case .int:
            let v = try readInt(&reader)
            switch node.logical {
            case .date: UTCTimeText.appendDate(days: v, to: &out)
            case .timeMillis: UTCTimeText.appendTimeOfDay(v, unitsPerSecond: 1000, to: &out)
            default: JSONTextWriter.appendInt(v, to: &out)
            }
        case .long:
            let v = try reader.readZigZag()
            switch node.logical {
            case .timeMicros: UTCTimeText.appendTimeOfDay(v, unitsPerSecond: 1_000_000, to: &out)
            case .timestampMillis: UTCTimeText.appendEpochCount(v, unitsPerSecond: 1000, to: &out)
            case .timestampMicros: UTCTimeText.appendEpochCount(v, unitsPerSecond: 1_000_000, to: &out)
            case .timestampNanos: UTCTimeText.appendEpochCount(v, unitsPerSecond: 1_000_000_000, to: &out)
            case .localTimestampMillis: UTCTimeText.appendEpochCount(v, unitsPerSecond: 1000, inUTC: false, to: &out)
            case .localTimestampMicros: UTCTimeText.appendEpochCount(v, unitsPerSecond: 1_000_000, inUTC: false, to: &out)
            case .localTimestampNanos:
                UTCTimeText.appendEpochCount(v, unitsPerSecond: 1_000_000_000, inUTC: false, to: &out)
            default: JSONTextWriter.appendInt(v, to: &out)
            }
        case .float:
            JSONTextWriter.appendFloat(Float(bitPattern: try reader.readFixed32()), to: &out)
        case .double:
            JSONTextWriter.appendDouble(Double(bitPattern: try reader.readFixed64()), to: &out)
        case .string:
            let length = try readLength(&reader, what: "string")
            let start = try reader.skip(length, what: "string")
            JSONTextWriter.appendString(reader.slice(start, length), to: &out)
        case .bytes:
            let length = try readLength(&reader, what: "bytes")
            let start = try reader.skip(length, what: "bytes")
            try appendBytes(reader.slice(start, length), node: node, reader: reader, at: start, out: &out)
        case .fixed:
            let length = Int(node.count)
            let start = try reader.skip(length, what: "fixed")
            try appendBytes(reader.slice(start, length), node: node, reader: reader, at: start, out: &out)
        case .enumeration:
            let start = reader.offset
            let symbol = try reader.readZigZag()
            guard symbol >= 0 && symbol < Int64(node.count) else {
                throw reader.failure("enum index \(symbol) outside 0..<\(node.count)", at: start)
            }
            let span = schema.symbols[Int(node.first) + Int(symbol)]
            appendPooled(span, to: &out)
        case .union:
            let branch = try unionBranch(node, reader: &reader)
            try value(branch, reader: &reader, budget: &budget, depth: depth, out: &out)
        case .record:
            guard depth < Self.maxDepth else { throw reader.failure("nesting deeper than \(Self.maxDepth)") }
            out.append(UInt8(ascii: "{"))
            let first = Int(node.first)
            for fieldIndex in first..<(first + Int(node.count)) {
                let field = schema.fields[fieldIndex]
                if fieldIndex != first { out.append(UInt8(ascii: ",")) }
                appendPooled(field.key, to: &out)
                try value(field.node, reader: &reader, budget: &budget, depth: depth + 1, out: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array, .map:
            guard depth < Self.maxDepth else { throw reader.failure("nesting deeper than \(Self.maxDepth)") }
            try blocks(node, reader: &reader, budget: &budget, depth: depth, out: &out)
        }
    }

    /// Arrays and maps are sequences of blocks, each a count (negative when followed by the
    /// block's byte size) and that many items, ending with a zero count.
    private func blocks(
        _ node: AvroNode, reader: inout WireReader, budget: inout ItemBudget, depth: Int,
        out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        let isMap = node.kind == .map
        let itemConsumesBytes = isMap || schema.nodes[Int(node.first)].consumesBytes
        out.append(isMap ? UInt8(ascii: "{") : UInt8(ascii: "["))
        var isFirst = true
        while true {
            let start = reader.offset
            var count = try reader.readZigZag()
            if count == 0 { break }
            if count < 0 {
                guard count != Int64.min else { throw reader.failure("invalid block count \(count)", at: start) }
                count = -count
                let sizeStart = reader.offset
                let size = try reader.readZigZag()
                guard size >= 0 && size <= Int64(reader.remaining) else {
                    throw reader.failure("block size \(size) exceeds remaining \(reader.remaining) bytes", at: sizeStart)
                }
            }
            if itemConsumesBytes {
                guard count <= Int64(reader.remaining) else {
                    throw reader.failure(
                        "\(isMap ? "map" : "array") count \(count) exceeds remaining \(reader.remaining) bytes",
                        at: start)
                }
            } else {
                guard count <= Int64(budget.remaining) else {
                    throw reader.failure("array of \(count) empty items exceeds the item budget", at: start)
                }
                budget.remaining -= Int(count)
            }
            for _ in 0..<count {
                if !isFirst { out.append(UInt8(ascii: ",")) }
                isFirst = false
                if isMap {
                    let length = try readLength(&reader, what: "map key")
                    let keyStart = try reader.skip(length, what: "map key")
                    JSONTextWriter.appendString(reader.slice(keyStart, length), to: &out)
                    out.append(UInt8(ascii: ":"))
                }
                try value(node.first, reader: &reader, budget: &budget, depth: depth + 1, out: &out)
            }
        }
        out.append(isMap ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    private func appendBytes(
        _ bytes: UnsafeRawBufferPointer, node: AvroNode, reader: WireReader, at start: Int,
        out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        switch node.logical {
        case .decimal:
            guard bytes.count <= DecimalText.maxBytes else {
                throw reader.failure("decimal of \(bytes.count) bytes exceeds \(DecimalText.maxBytes)", at: start)
            }
            DecimalText.append(unscaled: bytes, scale: Int(node.scale), to: &out)
        case .uuid:
            out.append(UInt8(ascii: "\""))
            for (i, b) in bytes.enumerated() {
                if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
                out.append(JSONTextWriter.hexDigit(Int(b >> 4)))
                out.append(JSONTextWriter.hexDigit(Int(b & 0x0F)))
            }
            out.append(UInt8(ascii: "\""))
        case .duration:
            func littleEndian32(_ offset: Int) -> UInt64 {
                (0..<4).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
            }
            JSONTextWriter.append("{\"months\":", to: &out)
            JSONTextWriter.appendUInt(littleEndian32(0), to: &out)
            JSONTextWriter.append(",\"days\":", to: &out)
            JSONTextWriter.appendUInt(littleEndian32(4), to: &out)
            JSONTextWriter.append(",\"milliseconds\":", to: &out)
            JSONTextWriter.appendUInt(littleEndian32(8), to: &out)
            out.append(UInt8(ascii: "}"))
        default:
            JSONTextWriter.appendBase64(bytes, to: &out)
        }
    }

    @inline(__always)
    private func appendPooled(_ span: TextSpan, to out: inout JSONOutput) {
        schema.textPool.withUnsafeBufferPointer { pool in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: pool[Int(span.start)..<Int(span.start + span.length)]))
        }
    }
}
