import Foundation

@testable import EventScopeCore
@testable import EventScopeDemo

/// Runs a demo world in fixed steps and decodes its outputs for assertions (tests only).
struct DemoRun {
    static let startMs: Int64 = 1_714_564_800_000

    var outputs: [DemoOutput] = []
    /// For each output, the `advance` time that returned it.
    var returnedAt: [Int64] = []

    init(seed: UInt64 = 1, rate: Double = 3, seconds: Int64, stepMs: Int64 = 100) {
        var world = DemoWorld(seed: seed, startMs: Self.startMs, rate: rate)
        var now = Self.startMs
        while now < Self.startMs + seconds * 1000 {
            now += stepMs
            let batch = world.advance(toMs: now)
            outputs += batch
            returnedAt += Array(repeating: now, count: batch.count)
        }
    }

    var records: [DemoRecord] {
        outputs.compactMap { if case .record(let record) = $0 { record } else { nil } }
    }

    var authorizerLines: [String] {
        outputs.compactMap { if case .authorizerLogLine(let line, _) = $0 { line } else { nil } }
    }

    static let auditTopics: Set<String> = ["confluent-audit-log-events", "_redpanda.audit_log", "kafka-authorizer-log"]

    var eventRecords: [DemoRecord] { records.filter { !Self.auditTopics.contains($0.topic) } }

    func audit(_ topic: String) -> [[String: Any]] {
        records.filter { $0.topic == topic }.compactMap { DemoRun.json($0.value) as? [String: Any] }
    }

    var events: [DemoDecodedEvent] { eventRecords.compactMap(DemoDecodedEvent.init) }

    static func json(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }
}

/// A demo event record decoded with Foundation (tests only), whatever its format.
struct DemoDecodedEvent {
    enum Format { case envelope, structured, binary }

    var record: DemoRecord
    var format: Format
    var type: String
    var id: String
    var source: String
    var correlationId: String?
    var causationId: String?
    var traceparent: String?
    var payload: Any

    init?(_ record: DemoRecord) {
        self.record = record
        if let ceType = record.asRecord().headerText("ce_type") {
            guard let data = DemoRun.json(record.value) else { return nil }
            let header = record.asRecord()
            format = .binary
            type = ceType
            id = header.headerText("ce_id") ?? ""
            source = header.headerText("ce_source") ?? ""
            traceparent = header.headerText("ce_traceparent")
            payload = data
            return
        }
        guard let body = DemoRun.json(record.value) as? [String: Any] else { return nil }
        if let specversion = body["specversion"] as? String, specversion == "1.0" {
            format = .structured
            type = body["type"] as? String ?? ""
            id = body["id"] as? String ?? ""
            source = body["source"] as? String ?? ""
            traceparent = body["traceparent"] as? String
            payload = body["data"] as Any
        } else {
            format = .envelope
            type = body["eventType"] as? String ?? ""
            id = body["eventId"] as? String ?? ""
            source = body["source"] as? String ?? ""
            correlationId = body["correlationId"] as? String
            causationId = body["causationId"] as? String
            traceparent = record.asRecord().headerText("traceparent")
            payload = body["payload"] as Any
        }
    }

    var encrypted: Bool { record.asRecord().headerText("encryption") == "aes256-gcm" }
}
