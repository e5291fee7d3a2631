/// The record headers the event decoder and trace parser look at, found in one pass.
///
/// Names compare ASCII case-insensitively; when a name repeats, the last one wins (as in
/// `Record.header(_:)`), because producers that overwrite a header append a new one.
/// CloudEvents attributes are accepted with the Kafka binding's `ce_` prefix and the HTTP
/// binding's `ce-`, since bridges copy HTTP headers onto Kafka records unchanged.
struct KnownHeaders {
    /// The record's headers; the fields below index into it.
    private let headers: [RecordHeader]
    /// Index of the header filling each `Name`, or -1. A SIMD vector rather than optional arrays,
    /// so building and passing this around costs no reference counting on the hot path.
    private var positions = SIMD16<Int32>(repeating: -1)

    var contentType: [UInt8]? { value(.contentType) }
    var ceType: [UInt8]? { value(.ceType) }
    var ceSource: [UInt8]? { value(.ceSource) }
    var ceId: [UInt8]? { value(.ceId) }
    var ceTime: [UInt8]? { value(.ceTime) }
    var ceTraceparent: [UInt8]? { value(.ceTraceparent) }
    var traceparent: [UInt8]? { value(.traceparent) }
    var b3: [UInt8]? { value(.b3) }
    var b3TraceId: [UInt8]? { value(.b3TraceId) }
    var b3SpanId: [UInt8]? { value(.b3SpanId) }
    var b3ParentSpanId: [UInt8]? { value(.b3ParentSpanId) }
    var uberTraceId: [UInt8]? { value(.uberTraceId) }
    var eventType: [UInt8]? { value(.eventType) }
    var encryption: [UInt8]? { value(.encryption) }
    var encrypted: [UInt8]? { value(.encrypted) }
    var contentEncoding: [UInt8]? { value(.contentEncoding) }
    /// Whether a `ce_type` header is present (CloudEvents binary mode).
    var hasCloudEventsType: Bool { positions[Name.ceType.rawValue] >= 0 }
    /// Whether `content-type` names CloudEvents structured mode; computed once in `init`.
    private(set) var isCloudEventsContentType = false

    private enum Name: Int, CaseIterable {
        case contentType, ceType, ceSource, ceId, ceTime, ceTraceparent, traceparent, b3, b3TraceId, b3SpanId
        case b3ParentSpanId, uberTraceId, eventType, encryption, encrypted, contentEncoding
    }

    /// Lower-case spellings, each with the field it fills.
    private static let table: [(name: [UInt8], field: Name)] = ([
        ("content-type", .contentType), ("ce_type", .ceType), ("ce-type", .ceType), ("ce_source", .ceSource),
        ("ce-source", .ceSource), ("ce_id", .ceId), ("ce-id", .ceId), ("ce_time", .ceTime), ("ce-time", .ceTime),
        ("ce_traceparent", .ceTraceparent), ("ce-traceparent", .ceTraceparent), ("traceparent", .traceparent),
        ("b3", .b3), ("x-b3-traceid", .b3TraceId), ("x-b3-spanid", .b3SpanId), ("x-b3-parentspanid", .b3ParentSpanId),
        ("uber-trace-id", .uberTraceId), ("eventtype", .eventType), ("event-type", .eventType),
        ("event_type", .eventType), ("type", .eventType), ("encryption", .encryption), ("encrypted", .encrypted),
        ("content-encoding", .contentEncoding),
    ] as [(String, Name)]).map { (Array($0.0.utf8), $0.1) }

    /// The table grouped by name length, so a header name is compared only with names as long as it.
    private static let tableByLength: [[(name: [UInt8], field: Name)]] = {
        var groups = [[(name: [UInt8], field: Name)]](repeating: [], count: (table.map(\.name.count).max() ?? 0) + 1)
        for entry in table { groups[entry.name.count].append(entry) }
        return groups
    }()

    init(_ headers: [RecordHeader]) {
        self.headers = headers
        for (index, header) in headers.enumerated() where index <= Int(Int32.max) {
            var name = header.name
            guard let field = name.withUTF8(Self.field(named:)) else { continue }
            positions[field.rawValue] = Int32(index)
        }
        isCloudEventsContentType = Self.namesCloudEvents(contentType)
    }

    /// Finds the known headers of a borrowed record, copying only their values.
    init(_ views: UnsafeBufferPointer<HeaderView>) {
        var kept: [RecordHeader] = []
        var positions = SIMD16<Int32>(repeating: -1)
        for view in views {
            guard let field = Self.field(named: view.name) else { continue }
            positions[field.rawValue] = Int32(kept.count)
            kept.append(RecordHeader(name: "", value: view.value.map(Array.init)))
        }
        headers = kept
        self.positions = positions
        isCloudEventsContentType = Self.namesCloudEvents(contentType)
    }

    /// The field a header name fills (ASCII case-insensitively), or nil for any other header.
    private static func field(named bytes: UnsafeBufferPointer<UInt8>) -> Name? {
        let length = bytes.count
        let byLength = tableByLength
        guard length < byLength.count else { return nil }
        for entry in byLength[length] {
            var same = true
            for k in 0..<length {
                var b = bytes[k]
                if b >= UInt8(ascii: "A"), b <= UInt8(ascii: "Z") { b += 32 }
                if b != entry.name[k] { same = false; break }
            }
            if same { return entry.field }
        }
        return nil
    }

    private func value(_ name: Name) -> [UInt8]? {
        let index = positions[name.rawValue]
        return index >= 0 ? headers[Int(index)].value : nil
    }

    /// True when a content type names CloudEvents structured mode (`application/cloudevents+json`, any parameters).
    private static func namesCloudEvents(_ contentType: [UInt8]?) -> Bool {
        guard let contentType else { return false }
        let prefix = Array("application/cloudevents".utf8)
        guard contentType.count >= prefix.count else { return false }
        for k in 0..<prefix.count {
            var b = contentType[k]
            if b >= UInt8(ascii: "A"), b <= UInt8(ascii: "Z") { b += 32 }
            if b != prefix[k] { return false }
        }
        // Not `application/cloudevents-batch+json`: a batch holds many events, not one.
        return !contentType.dropFirst(prefix.count).starts(with: Array("-batch".utf8))
    }

    /// True when a header declares the body encrypted.
    var declaresEncryption: Bool {
        for marker in [encryption, encrypted, contentEncoding] {
            if let marker, EncryptionDetector.declaresEncryption(marker) { return true }
        }
        return false
    }

    /// A header value as text: surrounding whitespace trimmed and one pair of double quotes removed,
    /// because Spring's JSON header mapper writes string headers JSON-encoded (`"com.example.Created"`).
    static func text(_ value: [UInt8]?) -> String? {
        guard let value, let range = textRange(value) else { return nil }
        return String(decoding: value[range], as: UTF8.self)
    }

    /// `text(_:)` for a header that names something (a type, a source): short names come from
    /// `names`, so repeated ones share one string.
    static func name(_ value: [UInt8]?, _ names: inout NameInterner) -> String? {
        guard let value, let range = textRange(value) else { return nil }
        guard range.count <= NameInterner.maxNameBytes else { return String(decoding: value[range], as: UTF8.self) }
        return value.withUnsafeBufferPointer { names.name(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The bytes `text(_:)` keeps: trimmed, unquoted and capped; nil when nothing is left.
    private static func textRange(_ value: [UInt8]) -> Range<Int>? {
        var start = 0, end = value.count
        while start < end, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
        while end > start, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
        if end - start >= 2, value[start] == UInt8(ascii: "\""), value[end - 1] == UInt8(ascii: "\"") {
            start += 1
            end -= 1
        }
        guard end > start else { return nil }
        return start..<min(end, start + JSONString.maxExtractedBytes)
    }
}
