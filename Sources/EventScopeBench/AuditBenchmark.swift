import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI

/// Measures audit parsing throughput (decisions per second) per format over generated corpora.
///
/// The corpora are realistic in size and shape (about 700 bytes per Confluent record, 900 per
/// Redpanda record, 250 per authorizer line) and vary principals, topics and verdicts so no
/// branch is always taken. The lead exposes this as `evscope bench audit`.
public enum AuditBenchmark {
    /// Throughput of one format.
    public struct Result: Sendable, CustomStringConvertible {
        public let format: AuditFormat
        public let records: Int
        public let decisions: Int
        public let bytes: Int
        public let seconds: Double

        public var decisionsPerSecond: Double { seconds > 0 ? Double(decisions) / seconds : 0 }
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds / 1_000_000 : 0 }

        public var description: String {
            let rate = Int(decisionsPerSecond.rounded())
            let throughput = Int((megabytesPerSecond * 10).rounded())
            return "\(format.rawValue): \(decisions) decisions from \(records) records in \(Int((seconds * 1000).rounded())) ms"
                + " = \(rate) decisions/s (\(throughput / 10).\(throughput % 10) MB/s)"
        }
    }

    /// How many decisions `corpus(format:count:)` yields (every fourth Redpanda record names two topics).
    public static func expectedDecisions(format: AuditFormat, records: Int) -> Int {
        format == .redpanda ? records + records / 4 : records
    }

    /// A deterministic corpus of `count` records in one format.
    public static func corpus(format: AuditFormat, count: Int) -> [[UInt8]] {
        (0..<count).map { index in
            let principal = "svc-\(index % 97)"
            let topic = "orders.v\(index % 13)"
            let granted = index % 3 != 0
            let millis = 1_700_000_000_000 + Int64(index) * 7
            let text: String
            switch format {
            case .confluent:
                let time = Timestamp.format(ms: millis)
                let operation = ["Write", "Read", "Describe"][index % 3]
                let method = ["kafka.Produce", "kafka.FetchConsumer", "kafka.Metadata"][index % 3]
                text = """
                    {"specversion":"1.0","id":"bench-\(index)","source":"crn:///kafka=benchCluster","type":"io.confluent.kafka.server/authorization","datacontenttype":"application/json","subject":"crn:///kafka=benchCluster/topic=\(topic)","time":"\(time)","route":"confluent-audit-log-events","data":{"serviceName":"crn:///kafka=benchCluster","methodName":"\(method)","resourceName":"crn:///kafka=benchCluster/topic=\(topic)","authenticationInfo":{"principal":"User:\(principal)","principalResourceId":""},"authorizationInfo":{"granted":\(granted),"operation":"\(operation)","resourceType":"Topic","resourceName":"\(topic)","patternType":"LITERAL","aclAuthorization":{"permissionType":"\(granted ? "ALLOW" : "DENY")","host":"*"}},"request":{"correlation_id":"\(index)","client_id":"client-\(index % 31)"},"requestMetadata":{"client_address":"/10.0.\(index % 250).\(index % 200)"}}}
                    """
            case .redpanda:
                let resources =
                    index % 4 == 0
                    ? #"[{"name":"\#(topic)","type":"topic"},{"name":"audit.v1","type":"topic"}]"#
                    : #"[{"name":"\#(topic)","type":"topic"}]"#
                text = """
                    {"category_uid":6,"class_uid":6003,"count":\(1 + index % 3),"metadata":{"product":{"name":"Redpanda","uid":"0","vendor_name":"Redpanda Data, Inc.","version":"v24.1.1"},"version":"1.0.0"},"severity_id":1,"time":\(millis),"type_uid":600303,"activity_id":3,"actor":{"authorizations":[{"decision":"\(granted ? "authorized" : "denied")","policy":{"desc":"acl: {principal type {user} name {\(principal)} host {{any_host}} op write perm allow}","name":"aclAuthorization"}}],"user":{"name":"\(principal)","type_id":1}},"api":{"operation":"\(index % 2 == 0 ? "produce" : "fetch")","service":{"name":"kafka rpc protocol"}},"dst_endpoint":{"ip":"10.1.0.1","port":9092,"svc_name":"kafka rpc protocol"},"resources":\(resources),"src_endpoint":{"ip":"10.0.\(index % 250).\(index % 200)","name":"client-\(index % 31)","port":\(40000 + index % 20000)},"status_id":1,"unmapped":{"authorization_metadata":{"acl_authorization":{"host":"{{any_host}}","op":"write","permission_type":"allow","principal":"type {user} name {\(principal)}"},"resource":{"name":"\(topic)","pattern":"literal","type":"topic"}}}}
                    """
            case .kafkaAuthorizer:
                // log4j's `yyyy-MM-dd HH:mm:ss,SSS` from the RFC 3339 form.
                let time = String(Timestamp.format(ms: millis).dropLast().map { $0 == "T" ? " " : $0 == "." ? "," : $0 })
                let operation = ["Write", "Read", "Describe"][index % 3]
                text =
                    "[\(time)] INFO Principal = User:\(principal) is \(granted ? "Allowed" : "Denied") Operation = \(operation) from host = 10.0.\(index % 250).\(index % 200) on resource = Topic:LITERAL:\(topic) for request = \(["Produce", "Fetch", "Metadata"][index % 3]) with resourceRefCount = 1 (kafka.authorizer.logger)"
            }
            return Array(text.utf8)
        }
    }

    /// Parses each format's corpus once and reports the rates; `clock` is injected for tests.
    public static func run(recordsPerFormat: Int, clock: ContinuousClock = ContinuousClock()) -> [Result] {
        let parser = AuditParser()
        return AuditFormat.allCases.map { format in
            let records = corpus(format: format, count: recordsPerFormat)
            var decisions = 0
            let elapsed = clock.measure {
                for record in records {
                    if case .decisions(let parsed) = parser.parse(bytes: record, sourceName: "bench") {
                        decisions += parsed.count
                    }
                }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return Result(
                format: format, records: records.count, decisions: decisions,
                bytes: records.reduce(0) { $0 + $1.count }, seconds: seconds)
        }
    }
}
