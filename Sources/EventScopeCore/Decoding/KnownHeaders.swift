/// The record headers the event decoder and trace parser look at, found in one pass.
///
/// Names compare ASCII case-insensitively; when a name repeats, the last one wins (as in
/// `Record.header(_:)`), because producers that overwrite a header append a new one.
/// CloudEvents attributes are accepted with the Kafka binding's `ce_` prefix and the HTTP
/// binding's `ce-`, since bridges copy HTTP headers onto Kafka records unchanged.
///
/// Values are borrowed, never copied: a lent record's headers point into the client library's
/// buffers, and a copied record's are pinned for the duration of `with(_:_:)`. Holding only
/// addresses and lengths (in SIMD vectors) makes building and passing this free of allocation
/// and reference counting, either of which would cost more per event than finding the headers.
struct KnownHeaders {
    /// Address of each `Name`'s value; meaningful only where `lengths` is not negative.
    private var addresses = SIMD32<Int>(repeating: 0)
    /// Length of each `Name`'s value, or -1 when the header is absent or has a null value.
    private var lengths = SIMD32<Int32>(repeating: -1)

    var contentType: UnsafeBufferPointer<UInt8>? { value(.contentType) }
    var ceType: UnsafeBufferPointer<UInt8>? { value(.ceType) }
    var ceSource: UnsafeBufferPointer<UInt8>? { value(.ceSource) }
    var ceId: UnsafeBufferPointer<UInt8>? { value(.ceId) }
    var ceTime: UnsafeBufferPointer<UInt8>? { value(.ceTime) }
    var ceTraceparent: UnsafeBufferPointer<UInt8>? { value(.ceTraceparent) }
    var traceparent: UnsafeBufferPointer<UInt8>? { value(.traceparent) }
    var b3: UnsafeBufferPointer<UInt8>? { value(.b3) }
    var b3TraceId: UnsafeBufferPointer<UInt8>? { value(.b3TraceId) }
    var b3SpanId: UnsafeBufferPointer<UInt8>? { value(.b3SpanId) }
    var b3ParentSpanId: UnsafeBufferPointer<UInt8>? { value(.b3ParentSpanId) }
    var uberTraceId: UnsafeBufferPointer<UInt8>? { value(.uberTraceId) }
    var eventType: UnsafeBufferPointer<UInt8>? { value(.eventType) }
    var encryption: UnsafeBufferPointer<UInt8>? { value(.encryption) }
    var encrypted: UnsafeBufferPointer<UInt8>? { value(.encrypted) }
    var contentEncoding: UnsafeBufferPointer<UInt8>? { value(.contentEncoding) }
    /// The CloudEvents correlation extension in binary mode: the cascade's root and the event that caused this one.
    var ceCorrelationId: UnsafeBufferPointer<UInt8>? { value(.ceCorrelationId) }
    var ceCausationId: UnsafeBufferPointer<UInt8>? { value(.ceCausationId) }
    /// Whether a `ce_type` header is present, even with a null value (CloudEvents binary mode).
    private(set) var hasCloudEventsType = false
    /// Whether `content-type` names CloudEvents structured mode; computed once.
    private(set) var isCloudEventsContentType = false

    private enum Name: Int, CaseIterable {
        case contentType, ceType, ceSource, ceId, ceTime, ceTraceparent, traceparent, b3, b3TraceId, b3SpanId
        case b3ParentSpanId, uberTraceId, eventType, encryption, encrypted, contentEncoding, ceCorrelationId, ceCausationId
    }

    /// Lower-case spellings, each with the field it fills.
    private static let table: [(name: [UInt8], field: Name)] =
        ([
            ("content-type", .contentType), ("ce_type", .ceType), ("ce-type", .ceType), ("ce_source", .ceSource),
            ("ce-source", .ceSource), ("ce_id", .ceId), ("ce-id", .ceId), ("ce_time", .ceTime), ("ce-time", .ceTime),
            ("ce_traceparent", .ceTraceparent), ("ce-traceparent", .ceTraceparent), ("traceparent", .traceparent),
            ("b3", .b3), ("x-b3-traceid", .b3TraceId), ("x-b3-spanid", .b3SpanId), ("x-b3-parentspanid", .b3ParentSpanId),
            ("uber-trace-id", .uberTraceId), ("eventtype", .eventType), ("event-type", .eventType),
            ("event_type", .eventType), ("type", .eventType), ("encryption", .encryption), ("encrypted", .encrypted),
            ("content-encoding", .contentEncoding), ("ce_correlationid", .ceCorrelationId), ("ce-correlationid", .ceCorrelationId),
            ("ce_causationid", .ceCausationId), ("ce-causationid", .ceCausationId),
        ] as [(String, Name)]).map { (Array($0.0.utf8), $0.1) }

    /// The table grouped by name length, so a header name is compared only with names as long as it.
    private static let tableByLength: [[(name: [UInt8], field: Name)]] = {
        var groups = [[(name: [UInt8], field: Name)]](repeating: [], count: (table.map(\.name.count).max() ?? 0) + 1)
        for entry in table { groups[entry.name.count].append(entry) }
        return groups
    }()

    private init() {}

    /// Finds the known headers of a borrowed record; valid as long as the views' buffers are.
    init(_ views: UnsafeBufferPointer<HeaderView>) {
        for view in views {
            guard let field = Self.field(named: view.name) else { continue }
            set(field, view.value)
        }
        finish()
    }

    /// Calls `body` with the known headers of a copied record. Their values are copied into one
    /// scratch buffer for the call (a few dozen bytes, on the stack), which is cheaper than
    /// pinning each array: closures nested per header copied the caller's captures each time.
    /// Inlined so `body` is too: an outlined call materialised its context, copying the
    /// caller's captured decoder (a retain and release per array it holds) on every record.
    @inline(__always)
    static func with<Result>(_ headers: [RecordHeader], _ body: (KnownHeaders) -> Result) -> Result {
        // Which header fills each field (the last one wins), and how many bytes their values take.
        var positions = SIMD32<Int32>(repeating: -1)
        for (index, header) in headers.enumerated() where index <= Int(Int32.max) {
            var name = header.name
            guard let field = name.withUTF8(Self.field(named:)) else { continue }
            positions[field.rawValue] = Int32(index)
        }
        var total = 0
        for field in 0..<Name.allCases.count where positions[field] >= 0 {
            total += headers[Int(positions[field])].value?.count ?? 0
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, total)) { scratch in
            var known = KnownHeaders()
            var used = 0
            for field in Name.allCases where positions[field.rawValue] >= 0 {
                guard let value = headers[Int(positions[field.rawValue])].value else {
                    known.set(field, nil)  // present without a value (it still marks binary mode)
                    continue
                }
                let target = UnsafeMutableBufferPointer(rebasing: scratch[used..<(used + value.count)])
                _ = target.initialize(from: value)
                known.set(field, UnsafeBufferPointer(target))
                used += value.count
            }
            known.finish()
            return body(known)
        }
    }

    private mutating func set(_ field: Name, _ value: UnsafeBufferPointer<UInt8>?) {
        if field == .ceType { hasCloudEventsType = true }
        guard let value, value.count <= Int(Int32.max) else {
            lengths[field.rawValue] = -1
            return
        }
        addresses[field.rawValue] = Int(bitPattern: value.baseAddress)
        lengths[field.rawValue] = Int32(value.count)
    }

    private mutating func finish() {
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
                if b != entry.name[k] {
                    same = false
                    break
                }
            }
            if same { return entry.field }
        }
        return nil
    }

    private func value(_ name: Name) -> UnsafeBufferPointer<UInt8>? {
        let length = lengths[name.rawValue]
        guard length >= 0 else { return nil }
        return UnsafeBufferPointer(start: UnsafePointer(bitPattern: addresses[name.rawValue]), count: Int(length))
    }

    /// True when a content type names CloudEvents structured mode (`application/cloudevents+json`, any parameters).
    private static func namesCloudEvents(_ contentType: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let contentType else { return false }
        let prefix: StaticString = "application/cloudevents"
        let prefixCount = prefix.utf8CodeUnitCount
        guard contentType.count >= prefixCount else { return false }
        for k in 0..<prefixCount {
            var b = contentType[k]
            if b >= UInt8(ascii: "A"), b <= UInt8(ascii: "Z") { b += 32 }
            if b != prefix.utf8Start[k] { return false }
        }
        // Not `application/cloudevents-batch+json`: a batch holds many events, not one.
        let batch: StaticString = "-batch"
        return !contentType.dropFirst(prefixCount).starts(with: UnsafeBufferPointer(start: batch.utf8Start, count: batch.utf8CodeUnitCount))
    }

    /// True when a header declares the body encrypted.
    var declaresEncryption: Bool {
        declares(.encryption) || declares(.encrypted) || declares(.contentEncoding)
    }

    private func declares(_ field: Name) -> Bool {
        guard let marker = value(field) else { return false }
        return EncryptionDetector.declaresEncryption(marker)
    }

    /// A header value's meaningful bytes: surrounding whitespace trimmed and one pair of double
    /// quotes removed, because Spring's JSON header mapper writes string headers JSON-encoded
    /// (`"com.example.Created"`); capped; nil when nothing is left.
    static func kept(_ value: UnsafeBufferPointer<UInt8>?) -> UnsafeBufferPointer<UInt8>? {
        guard let value else { return nil }
        var start = 0
        var end = value.count
        while start < end, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
        while end > start, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
        if end - start >= 2, value[start] == UInt8(ascii: "\""), value[end - 1] == UInt8(ascii: "\"") {
            start += 1
            end -= 1
        }
        guard end > start else { return nil }
        return UnsafeBufferPointer(rebasing: value[start..<min(end, start + JSONString.maxExtractedBytes)])
    }

    /// `kept(_:)` as an id: packed straight from the header's bytes when it packs.
    static func identifier(_ value: UnsafeBufferPointer<UInt8>?) -> TraceIdentifier? {
        kept(value).map(TraceIdentifier.init(wireBytes:))
    }

    /// `kept(_:)` for a header that names something (a type, a source): short names come from
    /// `names`, so repeated ones share one string.
    static func name(_ value: UnsafeBufferPointer<UInt8>?, _ names: inout NameInterner) -> String? {
        guard let kept = kept(value) else { return nil }
        guard kept.count <= NameInterner.maxNameBytes else { return String(decoding: kept, as: UTF8.self) }
        return names.name(kept)
    }
}
