extension ProtobufDecoder {
    /// The last value of fields 1 to 3 of a small well-known message; other fields are skipped.
    struct LeadingFields {
        var values: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var lengths: (Int, Int, Int) = (0, 0, 0)
        /// Wire type seen per field, 255 when absent.
        var wireTypes: (UInt8, UInt8, UInt8) = (255, 255, 255)

        func wireType(_ number: Int) -> UInt8 {
            number == 1 ? wireTypes.0 : (number == 2 ? wireTypes.1 : wireTypes.2)
        }

        func value(_ number: Int) -> UInt64 {
            number == 1 ? values.0 : (number == 2 ? values.1 : values.2)
        }

        func length(_ number: Int) -> Int {
            number == 1 ? lengths.0 : (number == 2 ? lengths.1 : lengths.2)
        }

        /// Whether field `number` is absent or arrived with `expected` wire type.
        func isAbsentOr(_ number: Int, _ expected: UInt8) -> Bool {
            let seen = wireType(number)
            return seen == 255 || seen == expected
        }
    }

    func leadingFields(_ reader: WireReader, depth: Int) throws(SchemaDecodingError) -> LeadingFields {
        var fields = LeadingFields()
        var sub = reader
        while !sub.isAtEnd {
            let tagStart = sub.offset
            let tag = try sub.readVarint()
            let number = tag >> 3
            let wireType = UInt8(tag & 7)
            var value: UInt64 = 0
            var length = 0
            switch wireType {
            case 0: value = try sub.readVarint()
            case 1: value = try sub.readFixed64()
            case 5: value = UInt64(try sub.readFixed32())
            case 2:
                let lengthStart = sub.offset
                let declared = try sub.readVarint()
                guard declared <= UInt64(sub.remaining) else {
                    throw sub.failure("field \(number) length \(declared) exceeds remaining \(sub.remaining) bytes", at: lengthStart)
                }
                value = UInt64(sub.offset)
                length = Int(declared)
                sub.offset += length
            case 3: _ = try skipGroup(number: number, reader: &sub, depth: depth + 1)
            default: throw sub.failure("invalid wire type \(wireType) for field \(number)", at: tagStart)
            }
            switch number {
            case 1:
                fields.values.0 = value
                fields.lengths.0 = length
                fields.wireTypes.0 = wireType
            case 2:
                fields.values.1 = value
                fields.lengths.1 = length
                fields.wireTypes.1 = wireType
            case 3:
                fields.values.2 = value
                fields.lengths.2 = length
                fields.wireTypes.2 = wireType
            default: break
            }
        }
        return fields
    }

    /// Writes a well-known message as the value it stands for; false when its fields are out of
    /// range (a nanos of two billion, say), so the caller shows the plain fields instead.
    mutating func wellKnownValue(
        _ kind: ProtobufWellKnownType, reader: WireReader, depth: Int,
        out: inout JSONOutput
    ) throws(SchemaDecodingError) -> Bool {
        let fields = try leadingFields(reader, depth: depth)
        switch kind {
        case .timestamp:
            guard fields.isAbsentOr(1, 0) && fields.isAbsentOr(2, 0) else { return false }
            let seconds = Int64(bitPattern: fields.value(1))
            let nanos = Int64(Int32(truncatingIfNeeded: fields.value(2)))
            guard nanos >= 0 && nanos < 1_000_000_000 else { return false }
            UTCTimeText.appendTimestamp(seconds: seconds, nanoseconds: nanos, fractionDigits: nil, to: &out)
            return true
        case .duration:
            guard fields.isAbsentOr(1, 0) && fields.isAbsentOr(2, 0) else { return false }
            let seconds = Int64(bitPattern: fields.value(1))
            let nanos = Int64(Int32(truncatingIfNeeded: fields.value(2)))
            guard nanos > -1_000_000_000 && nanos < 1_000_000_000 else { return false }
            guard (seconds >= 0 && nanos >= 0) || (seconds <= 0 && nanos <= 0) else { return false }
            out.append(UInt8(ascii: "\""))
            if seconds < 0 || nanos < 0 { out.append(UInt8(ascii: "-")) }
            JSONTextWriter.appendUInt(seconds.magnitude, to: &out)
            var fraction = nanos.magnitude
            if fraction != 0 {
                var digits = 9
                while fraction % 1000 == 0 && digits > 3 {
                    fraction /= 1000
                    digits -= 3
                }
                out.append(UInt8(ascii: "."))
                JSONTextWriter.appendPadded(Int64(fraction), width: digits, to: &out)
            }
            JSONTextWriter.append("s\"", to: &out)
            return true
        case .any:
            guard fields.isAbsentOr(1, 2) && fields.isAbsentOr(2, 2) else { return false }
            let typeURL = reader.slice(Int(fields.value(1)), fields.length(1))
            JSONTextWriter.append("{\"@type\":", to: &out)
            JSONTextWriter.appendString(typeURL, to: &out)
            JSONTextWriter.append(",\"value\":", to: &out)
            var valueReader = reader
            valueReader.offset = Int(fields.value(2))
            valueReader.end = valueReader.offset + fields.length(2)
            let typeName = String(decoding: typeURL.split(separator: UInt8(ascii: "/")).last ?? [], as: UTF8.self)
            let before = out.count
            var decoded = false
            if let target = schema.messageIndex(named: typeName) {
                do throws(SchemaDecodingError) {
                    try message(target, reader: &valueReader, depth: depth + 1, out: &out)
                    decoded = true
                } catch {
                    out.truncate(to: before)
                }
            }
            if !decoded {
                JSONTextWriter.appendBase64(reader.slice(Int(fields.value(2)), fields.length(2)), to: &out)
            }
            out.append(UInt8(ascii: "}"))
            return true
        case .confluentDecimal:
            guard fields.isAbsentOr(1, 2) && fields.isAbsentOr(3, 0), fields.length(1) <= DecimalText.maxBytes else { return false }
            let scale = Int32(truncatingIfNeeded: fields.value(3))
            guard scale >= 0 && scale <= 1000 else { return false }
            DecimalText.append(unscaled: reader.slice(Int(fields.value(1)), fields.length(1)), scale: Int(scale), to: &out)
            return true
        case .none, .wrapper, .structObject, .listValue, .value:
            return false
        }
    }
}
