/// Which way a record was decoded into an event (the forms are tried in the order listed).
public enum EventFormat: String, Sendable, CaseIterable {
    case envelope
    case cloudEventsStructured = "cloudevents-structured"
    case cloudEventsBinary = "cloudevents-binary"
    case header
    case opaque
    /// Confluent wire format decoded with the schema from a registry.
    case avro
    case protobuf
    case jsonSchema = "json-schema"

    /// The event format of a value decoded with a registry schema of this format.
    public init(_ schemaFormat: SchemaFormat) {
        switch schemaFormat {
        case .avro: self = .avro
        case .protobuf: self = .protobuf
        case .jsonSchema: self = .jsonSchema
        }
    }
}

/// Whether an event's body (or its sensitive fields) travels as ciphertext.
public enum EncryptionState: String, Sendable, CaseIterable {
    case plaintext
    case encrypted
    case partial = "partially-encrypted"
    case unknown
}

/// The header convention a trace context was read from.
public enum TraceStyle: String, Sendable {
    case w3c
    case b3
    case jaeger
    case cloudEvents = "cloudevents"
}

/// Trace and causation context of one event.
///
/// Ids are held packed (`TraceIdentifier`): the decoder fills them straight from the record's
/// bytes, and the trace index and the headless output read them without a string per id. The
/// string properties give back each id exactly as it was set or decoded.
public struct TraceContext: Sendable, Equatable {
    var packedTraceId: TraceIdentifier?
    var packedSpanId: TraceIdentifier?
    var packedParentSpanId: TraceIdentifier?
    var packedCorrelationId: TraceIdentifier?
    var packedCausationId: TraceIdentifier?
    public var style: TraceStyle?

    public var traceId: String? {
        get { packedTraceId?.text }
        set { packedTraceId = newValue.map(TraceIdentifier.init(wire:)) }
    }
    public var spanId: String? {
        get { packedSpanId?.text }
        set { packedSpanId = newValue.map(TraceIdentifier.init(wire:)) }
    }
    /// Parent span as declared by the headers (B3, uber-trace-id); W3C carries none.
    public var parentSpanId: String? {
        get { packedParentSpanId?.text }
        set { packedParentSpanId = newValue.map(TraceIdentifier.init(wire:)) }
    }
    public var correlationId: String? {
        get { packedCorrelationId?.text }
        set { packedCorrelationId = newValue.map(TraceIdentifier.init(wire:)) }
    }
    public var causationId: String? {
        get { packedCausationId?.text }
        set { packedCausationId = newValue.map(TraceIdentifier.init(wire:)) }
    }

    public init(
        traceId: String? = nil, spanId: String? = nil, parentSpanId: String? = nil,
        style: TraceStyle? = nil, correlationId: String? = nil, causationId: String? = nil
    ) {
        packedTraceId = traceId.map(TraceIdentifier.init(wire:))
        packedSpanId = spanId.map(TraceIdentifier.init(wire:))
        packedParentSpanId = parentSpanId.map(TraceIdentifier.init(wire:))
        self.style = style
        packedCorrelationId = correlationId.map(TraceIdentifier.init(wire:))
        packedCausationId = causationId.map(TraceIdentifier.init(wire:))
    }

    /// A context of ids the decoder already packed.
    init(packedTraceId: TraceIdentifier?, packedSpanId: TraceIdentifier?, packedParentSpanId: TraceIdentifier? = nil, style: TraceStyle?) {
        self.packedTraceId = packedTraceId
        self.packedSpanId = packedSpanId
        self.packedParentSpanId = packedParentSpanId
        self.style = style
    }

    /// The id that groups this event into a chain: the trace id, else the correlation id.
    public var chainKey: String? { traceId ?? correlationId }
}

/// A record decoded into what the security model needs. Undecodable records are events too,
/// of format `.opaque`, so nothing is dropped.
public struct Event: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// Event time in epoch milliseconds: the declared time when parseable, else the record's.
    public var timeMs: Int64?
    public var type: String?
    /// The declared event id, held packed (lowercase UUIDs and hex ids take no string); `id`
    /// gives it back exactly as decoded.
    var packedId: TraceIdentifier?
    public var id: String? {
        get { packedId?.text }
        set { packedId = newValue.map(TraceIdentifier.init(wire:)) }
    }
    /// Declared source / producer (a service name; mapped to a principal by the policy).
    public var source: String?
    public var format: EventFormat
    public var trace: TraceContext
    public var encryption: EncryptionState
    /// Size of the record value in bytes.
    public var bytes: Int
    /// Confluent wire-format schema id, whether or not the value could be decoded with it.
    public var schemaId: Int32?
    /// The schema the value was decoded with, or why it was not (set when a `SchemaResolver`
    /// saw the record).
    public var schema: SchemaDescription?
    /// Byte range of the payload (`payload` / `data`) inside the record value, when located.
    public var payloadRange: Range<Int>?

    public init(
        topic: String, partition: Int32, offset: Int64, timeMs: Int64?, type: String?, id: String?,
        source: String?, format: EventFormat, trace: TraceContext = TraceContext(),
        encryption: EncryptionState = .unknown, bytes: Int, schemaId: Int32? = nil,
        payloadRange: Range<Int>? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timeMs = timeMs
        self.type = type
        packedId = id.map(TraceIdentifier.init(wire:))
        self.source = source
        self.format = format
        self.trace = trace
        self.encryption = encryption
        self.bytes = bytes
        self.schemaId = schemaId
        self.payloadRange = payloadRange
    }
}
