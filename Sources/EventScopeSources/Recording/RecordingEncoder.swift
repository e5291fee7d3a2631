import EventScopeCore
import Foundation

/// Writes records as kcat `-J` envelope lines, the recording format of `--record`.
///
/// Format (one JSON object per line, fields in kcat's order):
///
///     {"topic":"orders","partition":0,"offset":42,"tstype":"create","ts":1700000000000,
///      "broker":-1,"headers":["name","value","other",null],"key":"k","payload":"{...}"}
///
/// - `tstype`/`ts` are left out when the record had no timestamp (as kcat does).
/// - `headers` is left out when there are none; names and values alternate, a null value stays null.
/// - `key`/`payload` are JSON strings, or null for a null key/value.
/// - Bytes that are not valid UTF-8 cannot be a JSON string: such a key or payload is written in
///   base64 and marked `"key_encoding":"base64"` / `"payload_encoding":"base64"`; header values
///   in base64 are listed by position in `"headers_base64":[1,3]` (indexes into the header list).
/// - Lines from a followed audit file carry `"evscope_origin":"audit-file"`, the file's name as
///   topic, partition -1 and the line number as offset.
/// - Control characters and DEL are always `\u00XX`-escaped, so `cat`ing a recording cannot
///   drive the terminal.
///
/// kcat itself writes non-UTF-8 bytes raw inside its strings; `RecordingLineDecoder` accepts
/// both that and the base64 marking.
public enum RecordingEncoder {
    public static let auditFileOrigin = "audit-file"

    /// The line for one record, including the trailing newline.
    public static func encode(_ line: RecordingLine) -> [UInt8] {
        let record = line.record
        var out: [UInt8] = []
        out.reserveCapacity(96 + (record.value?.count ?? 0) + (record.key?.count ?? 0))
        out.append(contentsOf: Array("{\"topic\":".utf8))
        appendString(Array(record.topic.utf8), to: &out)
        out.append(contentsOf: Array(",\"partition\":\(record.partition),\"offset\":\(record.offset)".utf8))
        if let ts = record.timestampMs {
            out.append(contentsOf: Array(",\"tstype\":\"create\",\"ts\":\(ts)".utf8))
        }
        out.append(contentsOf: Array(",\"broker\":-1".utf8))
        var base64Headers: [Int] = []
        if !record.headers.isEmpty {
            out.append(contentsOf: Array(",\"headers\":[".utf8))
            for (index, header) in record.headers.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(Array(header.name.utf8), to: &out)
                out.append(UInt8(ascii: ","))
                if appendBytes(header.value, to: &out) { base64Headers.append(index) }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: Array(",\"key\":".utf8))
        let keyIsBase64 = appendBytes(record.key, to: &out)
        out.append(contentsOf: Array(",\"payload\":".utf8))
        let payloadIsBase64 = appendBytes(record.value, to: &out)
        if keyIsBase64 { out.append(contentsOf: Array(",\"key_encoding\":\"base64\"".utf8)) }
        if payloadIsBase64 { out.append(contentsOf: Array(",\"payload_encoding\":\"base64\"".utf8)) }
        if !base64Headers.isEmpty {
            out.append(contentsOf: Array(",\"headers_base64\":[\(base64Headers.map(String.init).joined(separator: ","))]".utf8))
        }
        if line.origin == .auditFile {
            out.append(contentsOf: Array(",\"evscope_origin\":\"\(auditFileOrigin)\"".utf8))
        }
        out.append(contentsOf: Array("}\n".utf8))
        return out
    }

    /// Appends null, a JSON string, or a base64 string; returns true when base64 was used.
    private static func appendBytes(_ bytes: [UInt8]?, to out: inout [UInt8]) -> Bool {
        guard let bytes else {
            out.append(contentsOf: Array("null".utf8))
            return false
        }
        if String(validating: bytes, as: UTF8.self) != nil {
            appendString(bytes, to: &out)
            return false
        }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: Array(Data(bytes).base64EncodedString().utf8))
        out.append(UInt8(ascii: "\""))
        return true
    }

    /// Appends valid UTF-8 as a JSON string, escaping quotes, backslashes, controls and DEL.
    private static func appendString(_ utf8: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
