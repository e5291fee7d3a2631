/// Decodes records into events, trying the event forms and remembering which matched.
///
/// Precedence when a record fits several forms: explicit protocol markers beat the envelope
/// heuristic, because a CloudEvents producer declares itself while any JSON with a `type` field
/// looks like an envelope — CloudEvents structured (`content-type: application/cloudevents+json`,
/// or `specversion` + `type` in the body), then CloudEvents binary (`ce_type` header; the body is
/// the data, whose own `type` field must not be taken for the event's), then the JSON envelope,
/// then an event type from a header, then opaque. Nothing is dropped: a record that fits no form
/// is an opaque event.
///
/// The decoder is a value with no mutable state, so one instance can be shared by any threads.
public struct EventDecoder: Sendable {
    public let fields: EnvelopeFields
    private let scanner: JSONFieldScanner
    private let slots: Slots

    /// Scanner slot indices of each role (several candidates for the configurable ones).
    private struct Slots: Sendable {
        var type: [Int] = [], id: [Int] = [], source: [Int] = [], time: [Int] = []
        var correlationId: [Int] = [], causationId: [Int] = [], payload: [Int] = []
        var specversion = 0, ceType = 0, ceSource = 0, ceId = 0, ceTime = 0, ceData = 0, ceDataBase64 = 0
        var traceparent = 0, encrypted = 0, encryption = 0
    }

    public init(fields: EnvelopeFields = .default) {
        self.fields = fields
        var paths: [(path: FieldPath, inspect: Bool)] = []
        var known: [FieldPath: Int] = [:]
        func slot(_ path: FieldPath, inspect: Bool = false) -> Int {
            if let existing = known[path] {
                if inspect { paths[existing].inspect = true }
                return existing
            }
            paths.append((path, inspect))
            known[path] = paths.count - 1
            return paths.count - 1
        }
        func slot(_ name: String, inspect: Bool = false) -> Int {
            slot(FieldPath(topLevel: name), inspect: inspect)
        }
        var slots = Slots()
        slots.type = fields.type.map { slot($0) }
        slots.id = fields.id.map { slot($0) }
        slots.source = fields.source.map { slot($0) }
        slots.time = fields.time.map { slot($0) }
        slots.correlationId = fields.correlationId.map { slot($0) }
        slots.causationId = fields.causationId.map { slot($0) }
        slots.payload = fields.payload.map { slot($0, inspect: true) }
        slots.specversion = slot("specversion")
        slots.ceType = slot("type")
        slots.ceSource = slot("source")
        slots.ceId = slot("id")
        slots.ceTime = slot("time")
        slots.ceData = slot("data", inspect: true)
        slots.ceDataBase64 = slot("data_base64")
        slots.traceparent = slot("traceparent")
        slots.encrypted = slot("encrypted")
        slots.encryption = slot("encryption")
        self.slots = slots
        self.scanner = JSONFieldScanner(paths: paths)
    }

    /// Decodes one record; never fails (an undecodable record is an `.opaque` event).
    ///
    /// With `names`, event types and sources come from that interner, so repeated ones share
    /// one string instead of allocating per event (the ingest path keeps one per thread).
    public func decode(_ record: Record, names: UnsafeMutablePointer<NameInterner>? = nil) -> Event {
        guard let names else {
            var unshared = NameInterner.disabled
            return decode(record, names: &unshared)
        }
        var event = Event(
            topic: record.topic, partition: record.partition, offset: record.offset, timeMs: record.timestampMs,
            type: nil, id: nil, source: nil, format: .opaque, bytes: record.value?.count ?? 0)
        KnownHeaders.with(record.headers) { headers in
            guard let value = record.value else {
                decodeBody(UnsafeBufferPointer(start: nil, count: 0), headers, names: &names.pointee, into: &event)
                return
            }
            value.withUnsafeBufferPointer { decodeBody($0, headers, names: &names.pointee, into: &event) }
        }
        if let schema = record.schema { apply(schema, to: &event) }
        return event
    }

    /// Marks an event whose value a `SchemaResolver` saw: decoded values take the schema's format,
    /// and the schema's type name when the payload names no type of its own; undecoded ones
    /// stay opaque with the reason.
    private func apply(_ schema: RecordSchema, to event: inout Event) {
        let description = schema.description
        event.schemaId = description.id
        event.schema = description
        guard description.isDecoded, let format = description.format else { return }
        event.bytes = schema.wireBytes
        event.format = EventFormat(format)
        if event.type == nil { event.type = description.typeName }
    }

    /// Decodes a record lent by the client library, exactly as `decode(_:names:)` decodes its copy.
    public func decode(_ view: RecordView, names: UnsafeMutablePointer<NameInterner>) -> Event {
        let headers = KnownHeaders(view.headers)
        var event = Event(
            topic: view.topic, partition: view.partition, offset: view.offset, timeMs: view.timestampMs,
            type: nil, id: nil, source: nil, format: .opaque, bytes: view.value?.count ?? 0)
        decodeBody(view.value ?? UnsafeBufferPointer(start: nil, count: 0), headers, names: &names.pointee, into: &event)
        return event
    }

    private func decodeBody(
        _ body: UnsafeBufferPointer<UInt8>, _ headers: KnownHeaders, names: inout NameInterner, into event: inout Event
    ) {
        if !decodeJSON(body, headers, names: &names, into: &event) {
            decodeNonJSON(body, headers, names: &names, into: &event)
        }
    }

    /// The JSON forms; false when the body is not a single well-formed JSON object.
    private func decodeJSON(
        _ body: UnsafeBufferPointer<UInt8>, _ headers: KnownHeaders, names: inout NameInterner, into event: inout Event
    ) -> Bool {
        let start = JSONFieldScanner.skipWhitespace(body, 0)
        guard start < body.count, body[start] == UInt8(ascii: "{") else { return false }
        return withUnsafeTemporaryAllocation(of: JSONFieldScanner.Span.self, capacity: scanner.slotCount) { spans in
            spans.initialize(repeating: JSONFieldScanner.Span())
            defer { spans.deinitialize() }
            var tally = JSONFieldScanner.CiphertextTally()
            let binaryMode = headers.hasCloudEventsType && !headers.isCloudEventsContentType
            guard scanner.scan(body, into: spans, inspectAll: binaryMode, tally: &tally) else { return false }
            let structured =
                headers.isCloudEventsContentType
                || (spans[slots.specversion].kind == .string && spans[slots.ceType].kind == .string)
            var payload: JSONFieldScanner.Span?
            var payloadIsBase64Data = false
            var fieldStyle = TraceStyle.w3c
            if structured {
                event.format = .cloudEventsStructured
                event.type = name(body, spans[slots.ceType], &names)
                event.packedId = packedIdentifier(body, spans[slots.ceId])
                event.source = name(body, spans[slots.ceSource], &names)
                if let declared = time(body, spans[slots.ceTime]) { event.timeMs = declared }
                if spans[slots.ceData].isPresent {
                    payload = spans[slots.ceData]
                } else if spans[slots.ceDataBase64].isPresent {
                    payload = spans[slots.ceDataBase64]
                    payloadIsBase64Data = true
                }
                fieldStyle = .cloudEvents
            } else if binaryMode {
                decodeBinaryHeaders(headers, names: &names, into: &event)
                payload = JSONFieldScanner.Span(kind: .object, start: 0, end: body.count)
            } else {
                let type = first(slots.type, in: spans) { name(body, $0, &names) }
                let id = first(slots.id, in: spans) { packedIdentifier(body, $0) }
                if type != nil || id != nil {
                    event.format = .envelope
                    event.type = type
                } else if let headerType = KnownHeaders.name(headers.eventType, &names) {
                    event.format = .header
                    event.type = headerType
                } else {
                    event.format = .opaque
                }
                event.packedId = id
                event.source = first(slots.source, in: spans) { name(body, $0, &names) }
                if let declared = first(slots.time, in: spans, { time(body, $0) }) { event.timeMs = declared }
                payload = slots.payload.lazy.map { spans[$0] }.first { $0.isPresent }
            }
            if let payload, payload.isPresent {
                // String payloads exclude their quotes; report the whole JSON value.
                event.payloadRange = payload.kind == .string ? (payload.start - 1)..<(payload.end + 1) : payload.range
            }
            TraceContextParser.parse(
                headers, traceparentField: rawBytes(body, spans[slots.traceparent]), fieldStyle: fieldStyle,
                into: &event.trace)
            if binaryMode {
                // The correlation extension's headers describe the event; the body is only its data.
                event.trace.packedCorrelationId =
                    KnownHeaders.identifier(headers.ceCorrelationId)
                    ?? first(slots.correlationId, in: spans) { packedIdentifier(body, $0) }
                event.trace.packedCausationId =
                    KnownHeaders.identifier(headers.ceCausationId)
                    ?? first(slots.causationId, in: spans) { packedIdentifier(body, $0) }
            } else {
                event.trace.packedCorrelationId = first(slots.correlationId, in: spans) { packedIdentifier(body, $0) }
                event.trace.packedCausationId = first(slots.causationId, in: spans) { packedIdentifier(body, $0) }
            }
            event.encryption = encryptionState(
                body, spans, payload: payload, isBase64Data: payloadIsBase64Data,
                headers: headers, tally: tally)
            return true
        }
    }

    /// Bodies that are not a JSON object: CloudEvents binary, event type from a header, or opaque.
    private func decodeNonJSON(
        _ body: UnsafeBufferPointer<UInt8>, _ headers: KnownHeaders, names: inout NameInterner, into event: inout Event
    ) {
        if headers.hasCloudEventsType {
            decodeBinaryHeaders(headers, names: &names, into: &event)
            if !body.isEmpty { event.payloadRange = 0..<body.count }
        } else if let headerType = KnownHeaders.name(headers.eventType, &names) {
            event.format = .header
            event.type = headerType
        } else {
            event.format = .opaque
        }
        // Confluent wire format: magic byte 0, then the schema registry id as a big-endian Int32.
        if body.count >= 5, body[0] == 0 {
            event.schemaId = Int32(bitPattern: UInt32(body[1]) << 24 | UInt32(body[2]) << 16 | UInt32(body[3]) << 8 | UInt32(body[4]))
        }
        TraceContextParser.parse(headers, traceparentField: nil, fieldStyle: .w3c, into: &event.trace)
        if headers.hasCloudEventsType {
            event.trace.packedCorrelationId = KnownHeaders.identifier(headers.ceCorrelationId)
            event.trace.packedCausationId = KnownHeaders.identifier(headers.ceCausationId)
        }
        if headers.declaresEncryption {
            event.encryption = .encrypted
        } else if event.schemaId != nil || body.isEmpty {
            event.encryption = .unknown  // schema-encoded bytes: field-level encryption inside is invisible here
        } else if EncryptionDetector.looksLikeEncryptedBody(body) {
            event.encryption = .encrypted
        } else if isReadableText(body) {
            event.encryption = .plaintext
        } else {
            event.encryption = .unknown
        }
    }

    private func decodeBinaryHeaders(_ headers: KnownHeaders, names: inout NameInterner, into event: inout Event) {
        event.format = .cloudEventsBinary
        event.type = KnownHeaders.name(headers.ceType, &names)
        event.packedId = KnownHeaders.identifier(headers.ceId)
        event.source = KnownHeaders.name(headers.ceSource, &names)
        if let time = KnownHeaders.kept(headers.ceTime), let ms = Timestamp.parseMs(time) { event.timeMs = ms }
    }

    /// Declared markers win; otherwise the share of ciphertext bytes in the payload decides:
    /// none → plaintext, at least three quarters → encrypted (an encrypted payload wrapped with a
    /// little plaintext metadata such as a key id), anything between → partially encrypted.
    private func encryptionState(
        _ body: UnsafeBufferPointer<UInt8>, _ spans: UnsafeMutableBufferPointer<JSONFieldScanner.Span>,
        payload: JSONFieldScanner.Span?, isBase64Data: Bool, headers: KnownHeaders, tally: JSONFieldScanner.CiphertextTally
    ) -> EncryptionState {
        if headers.declaresEncryption { return .encrypted }
        let encrypted = spans[slots.encrypted]
        let encryption = spans[slots.encryption]
        if encrypted.kind == .trueValue || encryption.kind == .trueValue || encryption.kind == .object { return .encrypted }
        for marker in [encrypted, encryption] where marker.kind == .string {
            if EncryptionDetector.declaresEncryption(UnsafeBufferPointer(rebasing: body[marker.range])) { return .encrypted }
        }
        // CloudEvents `data_base64` is binary data of any kind (Avro, images), so base64 there proves nothing.
        if isBase64Data { return .unknown }
        let flagged: Int
        let size: Int
        if let payload {
            flagged = tally.bytes
            size = payload.end - payload.start
        } else {
            // No payload field: the whole object is the data, so look at all of it (a second pass,
            // paid only by envelopes without a payload).
            var whole = JSONFieldScanner.CiphertextTally()
            _ = withUnsafeTemporaryAllocation(of: JSONFieldScanner.Span.self, capacity: scanner.slotCount) { scratch in
                scratch.initialize(repeating: JSONFieldScanner.Span())
                return scanner.scan(body, into: scratch, inspectAll: true, tally: &whole)
            }
            flagged = whole.bytes
            size = body.count
        }
        if flagged == 0 { return .plaintext }
        return flagged * 4 >= size * 3 ? .encrypted : .partial
    }

    private func first<T>(_ candidates: [Int], in spans: UnsafeMutableBufferPointer<JSONFieldScanner.Span>, _ read: (JSONFieldScanner.Span) -> T?) -> T? {
        for slot in candidates where spans[slot].isPresent {
            if let value = read(spans[slot]) { return value }
        }
        return nil
    }

    /// A string field that names something (a type, a source), interned when short and unescaped.
    private func name(_ body: UnsafeBufferPointer<UInt8>, _ span: JSONFieldScanner.Span, _ names: inout NameInterner) -> String? {
        guard span.kind == .string else { return nil }
        guard !span.escaped, span.end - span.start <= NameInterner.maxNameBytes else { return JSONString.text(body, span) }
        return names.name(UnsafeBufferPointer(rebasing: body[span.range]))
    }

    /// An id (the event's, or one of the trace context's), packed straight from the body unless
    /// it needs unescaping; ids may be numbers in some envelopes (`"id": 1042`), kept as their digits.
    private func packedIdentifier(_ body: UnsafeBufferPointer<UInt8>, _ span: JSONFieldScanner.Span) -> TraceIdentifier? {
        switch span.kind {
        case .string where !span.escaped && span.end - span.start <= JSONString.maxExtractedBytes, .number:
            return TraceIdentifier(wireBytes: UnsafeBufferPointer(rebasing: body[span.range]))
        case .string: return TraceIdentifier(wire: JSONString.text(body, span))
        default: return nil
        }
    }

    private func rawBytes(_ body: UnsafeBufferPointer<UInt8>, _ span: JSONFieldScanner.Span) -> UnsafeBufferPointer<UInt8>? {
        guard span.kind == .string, !span.escaped else { return nil }
        return UnsafeBufferPointer(rebasing: body[span.range])
    }

    /// RFC 3339 text, or epoch milliseconds / seconds as a number or a digit string.
    private func time(_ body: UnsafeBufferPointer<UInt8>, _ span: JSONFieldScanner.Span) -> Int64? {
        switch span.kind {
        case .string where !span.escaped:
            let text = UnsafeBufferPointer(rebasing: body[span.range])
            return Timestamp.parseMs(text) ?? EpochNumber.milliseconds(text)
        case .number:
            return EpochNumber.milliseconds(UnsafeBufferPointer(rebasing: body[span.range]))
        default:
            return nil
        }
    }

    /// Valid UTF-8 without control characters other than whitespace: text a person could read.
    private func isReadableText(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        guard String(validating: body, as: UTF8.self) != nil else { return false }
        return !body.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
    }
}
