import Foundation
import Testing

@testable import EventScopeCore

/// Checks the parsers against the third-party samples in `shared/fixtures/real` when present.
///
/// The samples are never copied into the project; this suite reads them in place and is
/// skipped where they are absent (a fresh clone, CI without the shared folder).
@Suite struct AuditRealSamplesTests {
    /// `../shared/fixtures/real` from the package root (main checkout), or two levels up
    /// (a worktree under `wt/`), or `EVSCOPE_REAL_FIXTURES`.
    static let folder: URL? = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates = [
            packageRoot.appendingPathComponent("../shared/fixtures/real"),
            packageRoot.appendingPathComponent("../../shared/fixtures/real"),
        ]
        if let override = ProcessInfo.processInfo.environment["EVSCOPE_REAL_FIXTURES"] {
            candidates.insert(URL(fileURLWithPath: override), at: 0)
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("SOURCES.md").path) }
    }()

    /// The records of one sample file: whole-file JSON, JSON lines, or log lines.
    static func records(_ name: String) throws -> [[UInt8]] {
        guard let folder else { return [] }
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        if name.hasSuffix(".jsonc") {
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.drop(while: { $0 == " " }).hasPrefix("//") }
            return [Array(kept.joined(separator: "\n").utf8)]
        }
        if name.hasSuffix(".json") { return [Array(text.utf8)] }
        return text.split(separator: "\n").map { Array($0.utf8) }
    }

    struct Expected: Sendable, CustomStringConvertible {
        var principal: String
        var operation: String
        var granted: Bool
        var resourceType: String?
        var resourceName: String?
        var patternType: String? = nil
        var host: String? = nil
        var clientId: String? = nil
        var method: String? = nil
        var time: String? = nil
        var timeMs: Int64? = nil
        var rule: String? = nil
        var count = 1
        var description: String { "\(principal) \(operation) \(resourceName ?? "-")" }
    }

    static let cases: [(file: String, expected: [Expected])] = [
        (
            "confluent-cp-authorization-denied-metadata.json",
            [
                Expected(
                    principal: "User:alice", operation: "DESCRIBE", granted: false, resourceType: "TOPIC",
                    resourceName: "no.rb.no.acl", patternType: "LITERAL", host: "172.21.0.1", clientId: "console-producer",
                    method: "kafka.Metadata", time: "2023-02-21T10:26:58.886Z")
            ]
        ),
        (
            "confluent-cp-authentication-success-mtls.json",
            [
                Expected(
                    principal: "User:alice", operation: "AUTHENTICATE", granted: true, resourceType: "CLUSTER",
                    resourceName: "EyVCDzKYSc2vXhyD-z9PXg", host: "172.21.0.1", method: "kafka.Authentication",
                    time: "2023-02-21T06:07:38.958Z", rule: "SSL")
            ]
        ),
        (
            "confluent-cp-authorization-granted-createtopics-alterconfigs-produce-deleterecords.jsonl",
            [
                Expected(
                    principal: "User:producer", operation: "CREATE", granted: true, resourceType: "TOPIC", resourceName: "bar",
                    patternType: "LITERAL", host: "172.27.0.3", clientId: "adminclient-1", method: "kafka.CreateTopics",
                    time: "2020-05-12T12:24:37.838Z", rule: "ACL ALLOW host *"),
                Expected(
                    principal: "User:producer", operation: "ALTER_CONFIGS", granted: true, resourceType: "TOPIC",
                    resourceName: "bar", patternType: "LITERAL", host: "172.27.0.3", clientId: "adminclient-1",
                    method: "kafka.IncrementalAlterConfigs", rule: "ACL ALLOW host *"),
                Expected(
                    principal: "User:producer", operation: "WRITE", granted: true, resourceType: "TOPIC", resourceName: "bar",
                    patternType: "LITERAL", host: "172.27.0.4", clientId: "rdkafka", method: "kafka.Produce",
                    time: "2020-05-12T12:26:49.353Z", rule: "ACL ALLOW host *"),
                Expected(
                    principal: "User:producer", operation: "DELETE", granted: true, resourceType: "TOPIC", resourceName: "bar",
                    patternType: "LITERAL", host: "172.27.0.3", clientId: "adminclient-1", method: "kafka.DeleteRecords",
                    rule: "ACL ALLOW host *"),
            ]
        ),
        (
            "confluent-cloud-authentication-success-oauthbearer.json",
            [
                Expected(
                    principal: "User:253696", operation: "AUTHENTICATE", granted: true, resourceType: "CLUSTER",
                    resourceName: "lkc-9kg320", method: "kafka.Authentication", time: "2022-11-30T00:44:52.806Z",
                    rule: "SASL_SSL/OAUTHBEARER")
            ]
        ),
        (
            "confluent-cloud-authorization-granted-deleterecords-rbac.json",
            [
                Expected(
                    principal: "User:111569", operation: "DELETE", granted: true, resourceType: "TOPIC",
                    resourceName: "_confluent-ksql-pksqlc-dzk2oquery_CTAS_CUSTOMER_ACTIVITES_SUMMARY_31-Aggregate-GroupBy-repartition",
                    patternType: "LITERAL",
                    clientId: "_confluent-ksql-pksqlc-dzk2oquery_CTAS_CUSTOMER_ACTIVITES_SUMMARY_31-357c9a03-e3b8-4d91-9eb7-1729fa032573-admin",
                    method: "kafka.DeleteRecords",
                    rule: "RBAC OrganizationAdmin at organization=822519a6-994c-43e6-a4df-9d877520f892")
            ]
        ),
        (
            "confluent-cloud-request-getkafkaclusters.json",
            [
                Expected(
                    principal: "User:cstow+svcs-apac@confluent.io", operation: "DESCRIBE", granted: true,
                    resourceType: "ENVIRONMENT", resourceName: "env-xg59z", host: "110.33.56.219", method: "GetKafkaClusters",
                    time: "2022-11-30T04:31:46.669Z")
            ]
        ),
        (
            "redpanda-ocsf-3002-authentication-failed-scram.jsonc",
            [
                Expected(
                    principal: "User:admin", operation: "AUTHENTICATE", granted: false, resourceType: nil, resourceName: nil,
                    host: "127.0.0.1", clientId: "rpk", method: "SASL-SCRAM", timeMs: 1_700_534_756_350,
                    rule: "SASL-SCRAM: SASL authentication failed: security: Invalid credentials")
            ]
        ),
        (
            "redpanda-ocsf-3002-authentication-success-oidc-groups.jsonc",
            [
                Expected(
                    principal: "User:alice@example.com", operation: "AUTHENTICATE", granted: true, resourceType: nil,
                    resourceName: nil, host: "10.0.1.50", clientId: "kafka-client", method: "SASL-OAUTHBEARER",
                    timeMs: 1_700_533_469_078, rule: "SASL-OAUTHBEARER; groups engineering, analytics")
            ]
        ),
        (
            "redpanda-ocsf-3002-authentication-success-scram.jsonc",
            [
                Expected(
                    principal: "User:user", operation: "AUTHENTICATE", granted: true, resourceType: nil, resourceName: nil,
                    host: "127.0.0.1", clientId: "rpk", method: "SASL-SCRAM", timeMs: 1_700_533_469_078, rule: "SASL-SCRAM")
            ]
        ),
        (
            "redpanda-ocsf-6003-adminapi-authorized-superuser.jsonc",
            [
                Expected(
                    principal: "User:admin", operation: "DESCRIBE", granted: true, resourceType: "ADMIN_API",
                    resourceName: "/v1/cluster_config?include_defaults=true", host: "127.0.0.1", method: "GET",
                    timeMs: 1_700_575_714_976, rule: "Admin httpd authorizer")
            ]
        ),
        (
            "redpanda-ocsf-6003-adminapi-denied.jsonc",
            [
                Expected(
                    principal: "User:user", operation: "DESCRIBE", granted: false, resourceType: "ADMIN_API",
                    resourceName: "/v1/cluster_config?include_defaults=true", host: "127.0.0.1", method: "GET",
                    timeMs: 1_700_576_203_097, rule: "Admin httpd authorizer: Forbidden (superuser role required)")
            ]
        ),
        (
            "redpanda-ocsf-6003-kafka-authorized-group-acl.jsonc",
            [
                Expected(
                    principal: "User:alice", operation: "WRITE", granted: true, resourceType: "TOPIC", resourceName: "sales-topic",
                    host: "127.0.0.1", clientId: "rdkafka", method: "produce", timeMs: 1_774_544_504_327,
                    rule: "ACL allow all type {group} name {/sales} host {{any_host}} on topic literal sales-topic; groups /sales")
            ]
        ),
        (
            "redpanda-ocsf-6003-kafka-create-acls-superuser.jsonc",
            [
                Expected(
                    principal: "User:admin", operation: "ALTER", granted: true, resourceType: "CLUSTER",
                    resourceName: "kafka-cluster", host: "127.0.0.1", clientId: "rpk", method: "create_acls",
                    timeMs: 1_700_533_393_776, rule: "aclAuthorization: superuser")
            ]
        ),
        (
            "redpanda-ocsf-6003-kafka-metadata-with-count.jsonc",
            [
                Expected(
                    principal: "User:user", operation: "DESCRIBE", granted: true, resourceType: "TOPIC", resourceName: "test",
                    host: "127.0.0.1", clientId: "rpk", method: "metadata", timeMs: 1_700_533_480_724,
                    rule: "ACL allow all {type user name user} host {{any_host}} on topic literal *", count: 2)
            ]
        ),
        (
            "kafka-authorizer-aclauthorizer-zk-denied.log",
            [
                Expected(
                    principal:
                        "User:2.5.4.45=#13206331373734376636373865323137613636346130653335393130326638303662,CN=myclient.otterize-tutorial-kafka-mtls,O=SPIRE,C=US",
                    operation: "DESCRIBE", granted: false, resourceType: "TOPIC", resourceName: "mytopic", patternType: "LITERAL",
                    host: "10.244.0.27", method: "Metadata", time: "2023-03-12T13:51:55.904Z")
            ]
        ),
        (
            "kafka-authorizer-confluent-server-logAuthorization-denied.log",
            [
                Expected(
                    principal: "User:alice.mydomain.example", operation: "WRITE", granted: false, resourceType: "TOPIC",
                    resourceName: "ANY", host: "10.42.0.0"),
                Expected(
                    principal: "User:alice", operation: "DESCRIBE", granted: false, resourceType: "TOPIC",
                    resourceName: "rbactest", patternType: "LITERAL", host: "172.21.0.1"),
            ]
        ),
        (
            "kafka-authorizer-kraft-standardauthorizer-test-expected.txt",
            [
                Expected(
                    principal: "User:bob", operation: "READ", granted: false, resourceType: "TOPIC", resourceName: "alpha",
                    patternType: "LITERAL", host: "127.0.0.1", method: "Fetch",
                    rule: "ACL DENY READ User:bob host * on TOPIC PREFIXED:alp"),
                Expected(
                    principal: "User:bob", operation: "READ", granted: true, resourceType: "TOPIC", resourceName: "green1",
                    patternType: "LITERAL", host: "127.0.0.1", method: "Fetch",
                    rule: "ACL ALLOW READ User:bob host * on TOPIC PREFIXED:green"),
                Expected(
                    principal: "User:bob", operation: "READ", granted: false, resourceType: "TOPIC", resourceName: "alpha",
                    patternType: "LITERAL", host: "127.0.0.1", method: "Fetch",
                    rule: "ACL DENY READ User:bob host * on TOPIC PREFIXED:alp"),
                Expected(
                    principal: "User:bob", operation: "READ", granted: true, resourceType: "TOPIC", resourceName: "green1",
                    patternType: "LITERAL", host: "127.0.0.1", method: "Fetch",
                    rule: "ACL ALLOW READ User:bob host * on TOPIC PREFIXED:green"),
            ]
        ),
        (
            "kafka-authorizer-simpleaclauthorizer-legacy-denied.log",
            [
                Expected(
                    principal: "User:CN=client,OU=TEST,O=CONFLUENT,L=PaloAlto,ST=Ca,C=US", operation: "DESCRIBE", granted: false,
                    resourceType: "TOPIC", resourceName: "wikipedia.parsed", host: "172.23.0.7", time: "2018-01-12T21:13:18.454Z"),
                // The published text wraps this record after `[2018-01-12`, so its date is lost.
                Expected(
                    principal: "User:CN=client,OU=TEST,O=CONFLUENT,L=PaloAlto,ST=Ca,C=US", operation: "DESCRIBE", granted: false,
                    resourceType: "GROUP", resourceName: "test", host: "172.23.0.7"),
            ]
        ),
    ]

    @Test(.enabled(if: folder != nil, "shared/fixtures/real not present"), arguments: cases.map(\.file))
    func sampleParsesToNormalisedFields(file: String) throws {
        let expected = try #require(Self.cases.first { $0.file == file }).expected
        let decisions = try Self.records(file).flatMap { record -> [Decision] in
            let outcome = AuditParser().parse(bytes: record, sourceName: file)
            guard case .decisions(let decisions) = outcome else {
                Issue.record("\(file): \(outcome)")
                return []
            }
            return decisions
        }
        #expect(decisions.count == expected.count)
        for (decision, want) in zip(decisions, expected) {
            #expect(decision.principal == want.principal)
            #expect(decision.operation == want.operation)
            #expect(decision.granted == want.granted)
            #expect(decision.resourceType == want.resourceType)
            #expect(decision.resourceName == want.resourceName)
            #expect(decision.patternType == want.patternType)
            #expect(decision.host == want.host)
            #expect(decision.clientId == want.clientId)
            #expect(decision.method == want.method)
            #expect(decision.rule == want.rule)
            #expect(decision.count == want.count)
            if let time = want.time { #expect(decision.timeMs == Timestamp.parseMs(time)) }
            if let timeMs = want.timeMs { #expect(decision.timeMs == timeMs) }
            #expect(!decision.raw.isEmpty)
        }
    }

    @Test(
        .enabled(if: folder != nil, "shared/fixtures/real not present"),
        arguments: [
            "kafka-client-topic-authorization-failed.log", "conduktor-gateway-auditlog-rest-auth-safeguard.jsonl",
            "confluent-cloud-audit-record-headers.json", "confluent-cloud-audit-log-schema-v1.2.json",
            "tracing-w3c-traceparent-tracestate-example.txt",
        ])
    func nonDecisionSampleIsNotAudit(file: String) throws {
        for record in try Self.records(file) {
            let outcome = AuditParser().parse(bytes: record, sourceName: file)
            guard case .notAudit = outcome else {
                Issue.record("\(file): expected notAudit, got \(outcome)")
                continue
            }
        }
    }
}
