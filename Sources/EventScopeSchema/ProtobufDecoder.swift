/// Decodes Protobuf binary messages into JSON text with a compiled `ProtobufSchema`.
///
/// Choices made for operators reading events and for EventScope's field lookups:
/// - Keys are the field names as written in the `.proto` file (not lowerCamelCase), because
///   those are the names operators see in schemas and write into policy and PII rules.
/// - Fields absent on the wire are omitted, as in Protobuf's own JSON form; the event shows
///   what the producer sent.
/// - Fields are written in declaration order; repeated fields as arrays (packed and unpacked
///   encodings are both accepted), maps as objects, enums by value name (unknown numbers as the
///   number), 64-bit integers as exact JSON numbers, bytes as base64.
/// - Fields the schema does not know, or that arrive with a wire type the schema does not
///   allow, are kept by number (`"#7": value`): varints and fixed values as unsigned numbers,
///   length-delimited values and groups as base64.
/// - When a singular field appears more than once, the last value wins, and of a oneof only the
///   member set last is shown (messages are not merged).
/// - Timestamp is ISO-8601 UTC text, Duration "1.5s", wrappers their plain value, Struct an
///   object, ListValue an array, Value its JSON value, Any `{"@type": url, "value": ...}` with
///   the value decoded when its type is in the schema (else base64), Confluent's Decimal an
///   exact decimal string.
///
/// Hostile data ends in an error, never a trap or unbounded work: lengths are checked against
/// the bytes left, nesting is capped at `maxDepth`, and the scratch space grows only with the
/// number of fields actually present. Decoding is `mutating` because the decoder keeps that
/// scratch space between calls, so a warmed-up decoder allocates nothing but output.
public struct ProtobufDecoder: Sendable {
    /// Messages and groups nested deeper than this are refused.
    public static let maxDepth = 64

    public let schema: ProtobufSchema

    /// One field occurrence found while scanning a message.
    struct Occurrence {
        /// Field slot (declaration index, or past the known fields for unknown numbers) in the
        /// high half and arrival order in the low half, so sorting groups a field's values.
        var sortKey: UInt64
        /// The varint or fixed value, or the start offset of a length-delimited value or group body.
        var value: UInt64
        var length: Int32
        var number: Int32
        /// Index into the schema's fields, or -1 when unknown.
        var field: Int32
        var wireType: UInt8
    }

    private var occurrences: [Occurrence] = []
    private var oneofWinners: [Int32] = []

    public init(schema: ProtobufSchema) {
        self.schema = schema
    }

    /// Appends the JSON text of one message to `output`.
    ///
    /// - Parameters:
    ///   - payload: The Protobuf message bytes (after the prefix and message indexes).
    ///   - messageIndexes: The message-index path from `ProtobufMessageIndexes`.
    ///   - output: A buffer the JSON is appended to; on error it is left as it was.
    /// - Returns: The decoded message's full name (package.Message).
    /// - Throws: `SchemaDecodingError` when the path selects no message or the bytes are malformed.
    @discardableResult
    public mutating func decode(
        _ payload: UnsafeRawBufferPointer, messageIndexes: [Int],
        into output: inout [UInt8]
    ) throws(SchemaDecodingError) -> String {
        let message = try schema.messageIndex(at: messageIndexes)
        try decode(payload, message: message, into: &output)
        return schema.messages[Int(message)].fullName
    }

    @discardableResult
    public mutating func decode(
        _ payload: [UInt8], messageIndexes: [Int],
        into output: inout [UInt8]
    ) throws(SchemaDecodingError) -> String {
        let result = payload.withUnsafeBytes { raw in
            Result { () throws(SchemaDecodingError) -> String in try decode(raw, messageIndexes: messageIndexes, into: &output) }
        }
        return try result.get()
    }

    /// Appends the JSON text of one message selected by full name ("acme.orders.OrderPlaced").
    public mutating func decode(
        _ payload: UnsafeRawBufferPointer, messageNamed fullName: String,
        into output: inout [UInt8]
    ) throws(SchemaDecodingError) {
        guard let message = schema.messageIndex(named: fullName) else {
            throw SchemaDecodingError("protobuf: no message named \(fullName) in the schema")
        }
        try decode(payload, message: message, into: &output)
    }

    private mutating func decode(
        _ payload: UnsafeRawBufferPointer, message: Int32,
        into output: inout [UInt8]
    ) throws(SchemaDecodingError) {
        do throws(SchemaDecodingError) {
            try JSONOutput.write(into: &output, estimate: payload.count * 3 + 256) { (out) throws(SchemaDecodingError) in
                var reader = WireReader(payload, format: "protobuf")
                try self.message(message, reader: &reader, depth: 0, out: &out)
            }
        } catch {
            occurrences.removeAll(keepingCapacity: true)
            oneofWinners.removeAll(keepingCapacity: true)
            throw error
        }
    }

    // MARK: Messages

    /// Decodes the message occupying `reader`'s whole range.
    mutating func message(
        _ index: Int32, reader: inout WireReader, depth: Int,
        out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        guard depth < Self.maxDepth else { throw reader.failure("nesting deeper than \(Self.maxDepth)") }
        let node = schema.messages[Int(index)]
        if node.wellKnown != .none && !node.wellKnown.unwrapsField {
            if try wellKnownValue(node.wellKnown, reader: reader, depth: depth, out: &out) { return }
        }
        let base = occurrences.count
        let oneofBase = oneofWinners.count
        defer {
            occurrences.removeLast(occurrences.count - base)
            oneofWinners.removeLast(oneofWinners.count - oneofBase)
        }
        if node.oneofCount > 0 { oneofWinners.append(contentsOf: repeatElement(-1, count: Int(node.oneofCount))) }
        try scan(node, reader: &reader, depth: depth)
        let end = occurrences.count
        var sorted = true
        var i = base + 1
        while i < end {
            if occurrences[i - 1].sortKey > occurrences[i].sortKey {
                sorted = false
                break
            }
            i += 1
        }
        if !sorted { occurrences[base..<end].sort { $0.sortKey < $1.sortKey } }

        let unwraps = node.wellKnown.unwrapsField
        if !unwraps { out.append(UInt8(ascii: "{")) }
        var isFirst = true
        var wroteValue = false
        i = base
        while i < end {
            let first = occurrences[i]
            let slot = first.sortKey >> 32
            var groupEnd = i + 1
            while groupEnd < end && occurrences[groupEnd].sortKey >> 32 == slot { groupEnd += 1 }
            defer { i = groupEnd }
            if first.field >= 0 {
                let field = schema.fields[Int(first.field)]
                if field.oneof >= 0 && oneofWinners[oneofBase + Int(field.oneof)] != first.field { continue }
                if unwraps {
                    // A wrapper-like message shows only its value field (or, for Value, the oneof member set).
                    guard !wroteValue else { continue }
                    try fieldValue(field, occurrences: i..<groupEnd, reader: reader, depth: depth, out: &out)
                    wroteValue = true
                    continue
                }
                if !isFirst { out.append(UInt8(ascii: ",")) }
                isFirst = false
                appendPooled(field.key, to: &out)
                try fieldValue(field, occurrences: i..<groupEnd, reader: reader, depth: depth, out: &out)
            } else {
                if unwraps { continue }
                if !isFirst { out.append(UInt8(ascii: ",")) }
                isFirst = false
                JSONTextWriter.append("\"#", to: &out)
                JSONTextWriter.appendUInt(UInt64(first.number), to: &out)
                JSONTextWriter.append("\":", to: &out)
                if groupEnd - i > 1 { out.append(UInt8(ascii: "[")) }
                for k in i..<groupEnd {
                    if k > i { out.append(UInt8(ascii: ",")) }
                    appendUnknown(occurrences[k], reader: reader, out: &out)
                }
                if groupEnd - i > 1 { out.append(UInt8(ascii: "]")) }
            }
        }
        if unwraps {
            if !wroteValue { try appendUnwrappedDefault(node, depth: depth, out: &out) }
        } else {
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Records every field occurrence in the reader's range on the scratch stack.
    private mutating func scan(
        _ node: ProtobufSchema.MessageNode, reader: inout WireReader,
        depth: Int
    ) throws(SchemaDecodingError) {
        var sequence: UInt64 = 0
        let knownCount = UInt64(node.fieldsCount)
        while !reader.isAtEnd {
            let tagStart = reader.offset
            let tag = try reader.readVarint()
            let number = tag >> 3
            let wireType = UInt8(tag & 7)
            guard number >= 1 && number <= 536_870_911 else {
                throw reader.failure("invalid field number \(number)", at: tagStart)
            }
            var occurrence = Occurrence(sortKey: 0, value: 0, length: 0, number: Int32(number), field: -1, wireType: wireType)
            switch wireType {
            case 0: occurrence.value = try reader.readVarint()
            case 1: occurrence.value = try reader.readFixed64()
            case 5: occurrence.value = UInt64(try reader.readFixed32())
            case 2:
                let lengthStart = reader.offset
                let length = try reader.readVarint()
                guard length <= UInt64(reader.remaining) else {
                    throw reader.failure(
                        "field \(number) length \(length) exceeds remaining \(reader.remaining) bytes",
                        at: lengthStart)
                }
                occurrence.value = UInt64(reader.offset)
                occurrence.length = Int32(length)
                reader.offset += Int(length)
            case 3:
                let bodyStart = reader.offset
                let bodyEnd = try skipGroup(number: number, reader: &reader, depth: depth + 1)
                occurrence.value = UInt64(bodyStart)
                occurrence.length = Int32(bodyEnd - bodyStart)
            case 4:
                throw reader.failure("end-group for field \(number) without a start", at: tagStart)
            default:
                throw reader.failure("invalid wire type \(wireType) for field \(number)", at: tagStart)
            }
            var slot = knownCount + number
            if let fieldIndex = field(number: Int32(number), in: node) {
                let field = schema.fields[Int(fieldIndex)]
                let expected = field.type.wireType
                if wireType == expected || (wireType == 2 && field.isRepeated && field.type.isPackable) {
                    occurrence.field = fieldIndex
                    slot = UInt64(fieldIndex - node.fieldsStart)
                    if field.oneof >= 0 { oneofWinners[oneofWinners.count - Int(node.oneofCount) + Int(field.oneof)] = fieldIndex }
                }
            }
            occurrence.sortKey = slot << 32 | sequence
            sequence += 1
            occurrences.append(occurrence)
        }
    }

    /// Skips a group's fields up to its end-group tag and returns the offset where that tag begins.
    func skipGroup(number: UInt64, reader: inout WireReader, depth: Int) throws(SchemaDecodingError) -> Int {
        guard depth < Self.maxDepth else { throw reader.failure("nesting deeper than \(Self.maxDepth)") }
        while true {
            let tagStart = reader.offset
            guard !reader.isAtEnd else { throw reader.failure("group \(number) has no end-group") }
            let tag = try reader.readVarint()
            let inner = tag >> 3
            switch tag & 7 {
            case 0: _ = try reader.readVarint()
            case 1: _ = try reader.readFixed64()
            case 5: _ = try reader.readFixed32()
            case 2:
                let lengthStart = reader.offset
                let length = try reader.readVarint()
                guard length <= UInt64(reader.remaining) else {
                    throw reader.failure("field \(inner) length \(length) exceeds remaining \(reader.remaining) bytes", at: lengthStart)
                }
                reader.offset += Int(length)
            case 3: _ = try skipGroup(number: inner, reader: &reader, depth: depth + 1)
            case 4:
                guard inner == number else {
                    throw reader.failure("end-group for field \(inner) inside group \(number)", at: tagStart)
                }
                return tagStart
            default:
                throw reader.failure("invalid wire type \(tag & 7) for field \(inner)", at: tagStart)
            }
        }
    }

    private func field(number: Int32, in node: ProtobufSchema.MessageNode) -> Int32? {
        // Most messages number their fields 1...n, which puts field k at position k - 1.
        if number >= 1 && number <= node.fieldsCount {
            let candidate = schema.fieldsByNumber[Int(node.fieldsStart) + Int(number) - 1]
            if schema.fields[Int(candidate)].number == number { return candidate }
        }
        var low = Int(node.fieldsStart)
        var high = low + Int(node.fieldsCount)
        while low < high {
            let middle = (low + high) / 2
            let candidate = schema.fieldsByNumber[middle]
            let candidateNumber = schema.fields[Int(candidate)].number
            if candidateNumber == number { return candidate }
            if candidateNumber < number { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    // MARK: Field values

    private mutating func fieldValue(
        _ field: ProtobufSchema.FieldNode, occurrences range: Range<Int>,
        reader: WireReader, depth: Int, out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        if field.isMap {
            out.append(UInt8(ascii: "{"))
            for k in range {
                if k > range.lowerBound { out.append(UInt8(ascii: ",")) }
                try mapEntry(field, occurrences[k], reader: reader, depth: depth, out: &out)
            }
            out.append(UInt8(ascii: "}"))
        } else if field.isRepeated {
            out.append(UInt8(ascii: "["))
            var isFirst = true
            for k in range {
                let occurrence = occurrences[k]
                if occurrence.wireType == 2 && field.type.isPackable {
                    var packed = subReader(reader, occurrence)
                    while !packed.isAtEnd {
                        if !isFirst { out.append(UInt8(ascii: ",")) }
                        isFirst = false
                        let raw: UInt64
                        switch field.type.wireType {
                        case 0: raw = try packed.readVarint()
                        case 1: raw = try packed.readFixed64()
                        default: raw = UInt64(try packed.readFixed32())
                        }
                        appendScalar(field, raw, out: &out)
                    }
                } else {
                    if !isFirst { out.append(UInt8(ascii: ",")) }
                    isFirst = false
                    try singleValue(field, occurrence, reader: reader, depth: depth, out: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        } else {
            try singleValue(field, occurrences[range.upperBound - 1], reader: reader, depth: depth, out: &out)
        }
    }

    private func subReader(_ reader: WireReader, _ occurrence: Occurrence) -> WireReader {
        var sub = reader
        sub.offset = Int(occurrence.value)
        sub.end = sub.offset + Int(occurrence.length)
        return sub
    }

    private mutating func singleValue(
        _ field: ProtobufSchema.FieldNode, _ occurrence: Occurrence,
        reader: WireReader, depth: Int, out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        switch field.type {
        case .string:
            JSONTextWriter.appendString(reader.slice(Int(occurrence.value), Int(occurrence.length)), to: &out)
        case .bytes:
            JSONTextWriter.appendBase64(reader.slice(Int(occurrence.value), Int(occurrence.length)), to: &out)
        case .message, .group:
            var sub = subReader(reader, occurrence)
            try message(field.target, reader: &sub, depth: depth + 1, out: &out)
        default:
            appendScalar(field, occurrence.value, out: &out)
        }
    }

    /// Writes a varint or fixed-width value as its declared type.
    private func appendScalar(_ field: ProtobufSchema.FieldNode, _ raw: UInt64, out: inout JSONOutput) {
        switch field.type {
        case .int32, .sfixed32: JSONTextWriter.appendInt(Int64(Int32(truncatingIfNeeded: raw)), to: &out)
        case .int64, .sfixed64: JSONTextWriter.appendInt(Int64(bitPattern: raw), to: &out)
        case .uint32, .fixed32: JSONTextWriter.appendUInt(UInt64(UInt32(truncatingIfNeeded: raw)), to: &out)
        case .uint64, .fixed64: JSONTextWriter.appendUInt(raw, to: &out)
        case .sint32:
            let narrow = UInt32(truncatingIfNeeded: raw)
            JSONTextWriter.appendInt(Int64(Int32(bitPattern: (narrow >> 1) ^ (0 &- (narrow & 1)))), to: &out)
        case .sint64: JSONTextWriter.appendInt(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))), to: &out)
        case .bool: JSONTextWriter.append(raw != 0 ? "true" : "false", to: &out)
        case .float: JSONTextWriter.appendFloat(Float(bitPattern: UInt32(truncatingIfNeeded: raw)), to: &out)
        case .double: JSONTextWriter.appendDouble(Double(bitPattern: raw), to: &out)
        case .enumeration: appendEnum(field.target, Int32(truncatingIfNeeded: raw), out: &out)
        case .string, .bytes, .message, .group: JSONTextWriter.append("null", to: &out)
        }
    }

    private func appendEnum(_ index: Int32, _ number: Int32, out: inout JSONOutput) {
        let node = schema.enums[Int(index)]
        if node.isNullValue {
            JSONTextWriter.append("null", to: &out)
            return
        }
        let start = Int(node.valuesStart)
        for k in start..<(start + Int(node.valuesCount)) where schema.enumValues[k].number == number {
            appendPooled(schema.enumValues[k].name, to: &out)
            return
        }
        JSONTextWriter.appendInt(Int64(number), to: &out)
    }

    /// Writes one map entry as `"key":value`; a missing key or value takes its type's default.
    private mutating func mapEntry(
        _ field: ProtobufSchema.FieldNode, _ occurrence: Occurrence, reader: WireReader,
        depth: Int, out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        let entry = schema.messages[Int(field.target)]
        guard entry.fieldsCount == 2 else { return }
        let keyField = schema.fields[Int(entry.fieldsStart)]
        let valueField = schema.fields[Int(entry.fieldsStart) + 1]
        var sub = subReader(reader, occurrence)
        var key: Occurrence?
        var value: Occurrence?
        while !sub.isAtEnd {
            let tagStart = sub.offset
            let tag = try sub.readVarint()
            let number = tag >> 3
            let wireType = UInt8(tag & 7)
            var found = Occurrence(
                sortKey: 0, value: 0, length: 0, number: Int32(truncatingIfNeeded: number), field: -1,
                wireType: wireType)
            switch wireType {
            case 0: found.value = try sub.readVarint()
            case 1: found.value = try sub.readFixed64()
            case 5: found.value = UInt64(try sub.readFixed32())
            case 2:
                let lengthStart = sub.offset
                let length = try sub.readVarint()
                guard length <= UInt64(sub.remaining) else {
                    throw sub.failure("map entry length \(length) exceeds remaining \(sub.remaining) bytes", at: lengthStart)
                }
                found.value = UInt64(sub.offset)
                found.length = Int32(length)
                sub.offset += Int(length)
            case 3: _ = try skipGroup(number: number, reader: &sub, depth: depth + 1)
            default: throw sub.failure("invalid wire type \(wireType) in map entry", at: tagStart)
            }
            if number == 1 && wireType == keyField.type.wireType { key = found }
            if number == 2 && wireType == valueField.type.wireType { value = found }
        }
        out.append(UInt8(ascii: "\""))
        if let key {
            if keyField.type == .string {
                JSONTextWriter.appendStringContent(reader.slice(Int(key.value), Int(key.length)), to: &out)
            } else {
                appendScalar(keyField, key.value, out: &out)
            }
        } else if keyField.type == .bool {
            JSONTextWriter.append("false", to: &out)
        } else if keyField.type != .string {
            out.append(UInt8(ascii: "0"))
        }
        JSONTextWriter.append("\":", to: &out)
        if let value {
            try singleValue(valueField, value, reader: reader, depth: depth, out: &out)
        } else {
            try appendDefault(valueField, depth: depth, out: &out)
        }
    }

    /// The value a field has when absent: zero, false, empty, the first enum value, or the
    /// message decoded from no bytes (so well-known types get their own defaults).
    private mutating func appendDefault(
        _ field: ProtobufSchema.FieldNode, depth: Int,
        out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        switch field.type {
        case .string, .bytes: JSONTextWriter.append("\"\"", to: &out)
        case .message, .group:
            var empty = WireReader(UnsafeRawBufferPointer(start: nil, count: 0), format: "protobuf")
            try message(field.target, reader: &empty, depth: depth + 1, out: &out)
        case .enumeration:
            let node = schema.enums[Int(field.target)]
            if node.isNullValue || node.valuesCount == 0 {
                appendEnum(field.target, 0, out: &out)
            } else {
                appendPooled(schema.enumValues[Int(node.valuesStart)].name, to: &out)
            }
        default: appendScalar(field, 0, out: &out)
        }
    }

    private mutating func appendUnwrappedDefault(
        _ node: ProtobufSchema.MessageNode, depth: Int,
        out: inout JSONOutput
    ) throws(SchemaDecodingError) {
        switch node.wellKnown {
        case .structObject: JSONTextWriter.append("{}", to: &out)
        case .listValue: JSONTextWriter.append("[]", to: &out)
        case .wrapper where node.fieldsCount == 1:
            try appendDefault(schema.fields[Int(node.fieldsStart)], depth: depth, out: &out)
        default: JSONTextWriter.append("null", to: &out)
        }
    }

    private func appendUnknown(_ occurrence: Occurrence, reader: WireReader, out: inout JSONOutput) {
        switch occurrence.wireType {
        case 2, 3: JSONTextWriter.appendBase64(reader.slice(Int(occurrence.value), Int(occurrence.length)), to: &out)
        default: JSONTextWriter.appendUInt(occurrence.value, to: &out)
        }
    }

    @inline(__always)
    private func appendPooled(_ span: TextSpan, to out: inout JSONOutput) {
        schema.textPool.withUnsafeBufferPointer { pool in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: pool[Int(span.start)..<Int(span.start + span.length)]))
        }
    }
}
