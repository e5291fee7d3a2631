import EventScopeCore
import EventScopeSchema
import Synchronization

/// The ingest benchmark's envelope events in the Confluent wire format: the same fields, as
/// Avro or Protobuf under one registered schema, so the schema path is measured on the events
/// the JSON forms are measured on.
enum BenchSchemaCorpus: String, CaseIterable {
    case avro
    case protobuf

    static let schemaId: Int32 = 7

    var expectedFormat: EventFormat { self == .avro ? .avro : .protobuf }

    /// The schema as a registry would serve it.
    var registered: RegisteredSchema {
        switch self {
        case .avro:
            RegisteredSchema(
                id: Self.schemaId, format: .avro,
                text: """
                    {"type":"record","name":"ShopEvent","namespace":"com.example.bench","fields":[
                    {"name":"eventType","type":"string"},{"name":"id","type":"string"},{"name":"source","type":"string"},
                    {"name":"timestamp","type":"string"},{"name":"correlationId","type":["null","string"],"default":null},
                    {"name":"payload","type":{"type":"record","name":"CartLine","fields":[
                    {"name":"userId","type":"string"},{"name":"itemId","type":"string"},{"name":"quantity","type":"int"},
                    {"name":"cartId","type":"string"}]}}]}
                    """,
                subject: "bench-value", version: 1)
        case .protobuf:
            RegisteredSchema(
                id: Self.schemaId, format: .protobuf,
                text: """
                    syntax = "proto3";
                    package com.example.bench;
                    message ShopEvent {
                      string eventType = 1; string id = 2; string source = 3; string timestamp = 4;
                      string correlationId = 5; CartLine payload = 6;
                    }
                    message CartLine { string userId = 1; string itemId = 2; int32 quantity = 3; string cartId = 4; }
                    """,
                subject: "bench-value", version: 1)
        }
    }

    /// The envelope corpus's records with their values re-encoded in this form.
    func records(count: Int, seed: UInt64) -> [Record] {
        IngestBenchmark.records(.envelope, count: count, seed: seed).map { record in
            var converted = record
            converted.value = (record.value.flatMap { try? JSONParser().parse($0) }).map(encode) ?? []
            return converted
        }
    }

    private func encode(_ envelope: JSONValue) -> [UInt8] {
        let text = { (key: String) in envelope[key]?.stringValue ?? "" }
        let payload = envelope["payload"]
        let line = { (key: String) in payload?[key]?.stringValue ?? "" }
        let quantity = payload?["quantity"]?.int64Value ?? 0
        var out = ConfluentWireWriter.prefix(schemaId: Self.schemaId)
        switch self {
        case .avro:
            for key in ["eventType", "id", "source", "timestamp"] { ConfluentWireWriter.avroString(text(key), into: &out) }
            if let correlation = envelope["correlationId"]?.stringValue {
                ConfluentWireWriter.avroLong(1, into: &out)
                ConfluentWireWriter.avroString(correlation, into: &out)
            } else {
                ConfluentWireWriter.avroLong(0, into: &out)
            }
            ConfluentWireWriter.avroString(line("userId"), into: &out)
            ConfluentWireWriter.avroString(line("itemId"), into: &out)
            ConfluentWireWriter.avroLong(quantity, into: &out)
            ConfluentWireWriter.avroString(line("cartId"), into: &out)
        case .protobuf:
            out.append(0)  // message index [0]
            for (field, key) in ["eventType", "id", "source", "timestamp", "correlationId"].enumerated() where envelope[key] != nil {
                ConfluentWireWriter.protobufString(field: field + 1, text(key), into: &out)
            }
            var nested: [UInt8] = []
            ConfluentWireWriter.protobufString(field: 1, line("userId"), into: &nested)
            ConfluentWireWriter.protobufString(field: 2, line("itemId"), into: &nested)
            ConfluentWireWriter.protobufVarint(field: 3, UInt64(max(0, quantity)), into: &nested)
            ConfluentWireWriter.protobufString(field: 4, line("cartId"), into: &nested)
            ConfluentWireWriter.protobufBytes(field: 6, nested, into: &out)
        }
        return out
    }
}

/// Serves one schema and counts the requests, so the benchmark can show each id is fetched once.
final class CountingSchemaSource: SchemaSource {
    private let served: RegisteredSchema
    private let requestCount = Atomic<Int>(0)

    init(_ served: RegisteredSchema) {
        self.served = served
    }

    var requests: Int { requestCount.load(ordering: .relaxed) }

    func schema(id: Int32) throws(SchemaFetchError) -> RegisteredSchema {
        requestCount.add(1, ordering: .relaxed)
        guard id == served.id else { throw SchemaFetchError(.notFound, "schema \(id) not found") }
        return served
    }

    func schema(subject: String, version: Int) throws(SchemaFetchError) -> RegisteredSchema {
        requestCount.add(1, ordering: .relaxed)
        throw SchemaFetchError(.notFound, "no references")
    }
}
