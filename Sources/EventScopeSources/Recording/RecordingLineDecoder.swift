import EventScopeCore
import Foundation

/// Reads one recording line (our own `--record` output or `kcat -C -J` output) back into a record.
///
/// Lenient where kcat is sloppy and strict where it matters: kcat writes non-UTF-8 bytes raw
/// inside its JSON strings, so string contents are taken as bytes (escapes decoded, other
/// bytes kept verbatim) instead of rejecting the line; Avro-decoded keys and payloads (JSON
/// objects rather than strings) are kept as their JSON text; headers may be an array of
/// alternating names and values or kcat's `-J` header map. Nesting is capped and the caller
/// caps the line length, so no input can make it recurse or allocate without bound.
public enum RecordingLineDecoder {
    /// Deepest nesting accepted inside one line (an Avro payload is a JSON document).
    public static let maxDepth = 64

    /// Decodes one line (without its newline).
    public static func decode(_ line: [UInt8]) -> Result<RecordingLine, RecordingLineError> {
        var cursor = LenientJSONCursor(bytes: line, maxDepth: maxDepth)
        do throws(RecordingLineError) {
            var fields: [String: LenientJSON] = [:]
            var texts: [String: Range<Int>] = [:]
            for member in try cursor.parseTopLevelObject() {
                fields[member.key] = member.value
                texts[member.key] = member.text
            }
            let jsonText = { (name: String) -> [UInt8] in texts[name].map { Array(line[$0]) } ?? [] }
            return .success(try build(fields, jsonText: jsonText))
        } catch {
            return .failure(error)
        }
    }

    private static func build(_ fields: [String: LenientJSON], jsonText: (String) -> [UInt8]) throws(RecordingLineError) -> RecordingLine {
        guard case .string(let topicBytes)? = fields["topic"] else { throw .missingField("topic") }
        guard let partition = fields["partition"]?.integer.flatMap(Int32.init(exactly:)) else { throw .missingField("partition") }
        guard let offset = fields["offset"]?.integer else { throw .missingField("offset") }
        var timestamp: Int64?
        if let ts = fields["ts"] {
            guard let value = ts.integer else { throw .malformed("ts is not an integer") }
            timestamp = value
        }
        if case .string(let type)? = fields["tstype"], type == Array("none".utf8) || type == Array("notavailable".utf8) {
            timestamp = nil
        }
        var headers = try headerList(fields["headers"])
        if let indexes = fields["headers_base64"] {
            guard case .array(let list) = indexes else { throw .malformed("headers_base64 is not an array") }
            for entry in list {
                guard let index = entry.integer.flatMap(Int.init(exactly:)), headers.indices.contains(index) else {
                    throw .malformed("headers_base64 names a header that does not exist")
                }
                guard let value = headers[index].value else { continue }
                headers[index] = RecordHeader(name: headers[index].name, value: try base64(value, field: "header"))
            }
        }
        var key = try bytes(fields["key"], field: "key", jsonText: jsonText)
        var value = try bytes(fields["payload"], field: "payload", jsonText: jsonText)
        if isBase64Marker(fields["key_encoding"]), let encoded = key { key = try base64(encoded, field: "key") }
        if isBase64Marker(fields["payload_encoding"]), let encoded = value { value = try base64(encoded, field: "payload") }
        var origin = RecordingLine.Origin.kafka
        if case .string(let text)? = fields["evscope_origin"], text == Array(RecordingEncoder.auditFileOrigin.utf8) {
            origin = .auditFile
        }
        let record = Record(
            topic: String(decoding: topicBytes, as: UTF8.self), partition: partition, offset: offset,
            timestampMs: timestamp, key: key, headers: headers, value: value)
        return RecordingLine(record: record, origin: origin)
    }

    private static func isBase64Marker(_ value: LenientJSON?) -> Bool {
        if case .string(let text)? = value { return text == Array("base64".utf8) }
        return false
    }

    private static func base64(_ text: [UInt8], field: String) throws(RecordingLineError) -> [UInt8] {
        guard let data = Data(base64Encoded: Data(text)) else { throw .badBase64(field) }
        return [UInt8](data)
    }

    /// A key or payload: null, a string's bytes, or (Avro-decoded by kcat) the value's JSON text.
    private static func bytes(_ value: LenientJSON?, field: String, jsonText: (String) -> [UInt8]) throws(RecordingLineError) -> [UInt8]? {
        switch value {
        case nil, .null?: return nil
        case .string(let bytes)?: return bytes
        case .object?, .array?: return jsonText(field)
        default: throw .malformed("\(field) is neither a string, JSON object nor null")
        }
    }

    private static func headerList(_ value: LenientJSON?) throws(RecordingLineError) -> [RecordHeader] {
        switch value {
        case nil, .null?: return []
        case .array(let items)?:
            guard items.count % 2 == 0 else { throw .malformed("headers array has an odd length") }
            var headers: [RecordHeader] = []
            headers.reserveCapacity(items.count / 2)
            var index = 0
            while index < items.count {
                guard case .string(let name) = items[index] else { throw .malformed("header name is not a string") }
                headers.append(RecordHeader(name: String(decoding: name, as: UTF8.self), value: try headerValue(items[index + 1])))
                index += 2
            }
            return headers
        case .object(let members)?:
            // kcat's header map: {"name": ["v1", null], ...}.
            var headers: [RecordHeader] = []
            for member in members {
                let values: [LenientJSON] = if case .array(let list) = member.value { list } else { [member.value] }
                for item in values { headers.append(RecordHeader(name: member.key, value: try headerValue(item))) }
            }
            return headers
        default:
            throw .malformed("headers is neither an array nor an object")
        }
    }

    private static func headerValue(_ value: LenientJSON) throws(RecordingLineError) -> [UInt8]? {
        switch value {
        case .null: return nil
        case .string(let bytes): return bytes
        default: throw .malformed("header value is neither a string nor null")
        }
    }
}

/// Why a recording line was skipped (counted, never fatal).
public enum RecordingLineError: Error, Equatable, CustomStringConvertible {
    case notAnObject
    case malformed(String)
    case missingField(String)
    case badBase64(String)
    case tooDeep
    case overlong(limit: Int)

    public var description: String {
        switch self {
        case .notAnObject: "not a JSON object"
        case .malformed(let why): "malformed: \(why)"
        case .missingField(let name): "missing or invalid \(name)"
        case .badBase64(let field): "\(field) marked base64 is not valid base64"
        case .tooDeep: "nested too deeply"
        case .overlong(let limit): "line longer than \(limit) bytes"
        }
    }
}
