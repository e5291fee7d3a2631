import Testing

@testable import EventScopeCore

/// Valid decisions whose side fields come in another plausible shape keep the decision (who,
/// what, allowed) and show the field as received; only the principal and the outcome are essential.
@Suite struct AuditLeniencyTests {
    /// One variant: `replace` is swapped for `with` in a base record, then `check` runs on the decision.
    struct Variant: Sendable, CustomStringConvertible {
        let name: String
        let base: String
        let replace: String
        let with: String
        let check: @Sendable (Decision) -> Bool
        var description: String { name }
        var record: String { base.replacingOccurrences(of: replace, with: with) }
    }

    static let confluentPlatform =
        #"{"specversion":"1.0","id":"a1","source":"crn:///kafka=k1","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:00.000Z","route":"confluent-audit-log-events","data":{"serviceName":"crn:///kafka=k1","methodName":"kafka.Produce","resourceName":"crn:///kafka=k1/topic=orders","authenticationInfo":{"principal":"User:alice"},"authorizationInfo":{"granted":true,"operation":"Write","resourceType":"Topic","resourceName":"orders","patternType":"LITERAL","aclAuthorization":{"permissionType":"ALLOW","host":"*"}},"request":{"correlation_id":"7","client_id":"producer-1"},"requestMetadata":{"client_address":"/10.0.0.1"}}}"#
    static let confluentCloud =
        #"{"specversion":"1.0","id":"c1","source":"crn://confluent.cloud/","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:00.000Z","data":{"methodName":"kafka.FetchConsumer","resourceName":"crn://confluent.cloud/organization=o/environment=e/cloud-cluster=lkc-1/kafka=lkc-1/topic=payments","authenticationInfo":{"principal":"User:123456","principalResourceId":"sa-9"},"authorizationInfo":{"granted":false,"operation":"Read","resourceType":"Topic","resourceName":"payments","patternType":"LITERAL"},"request":{"correlationId":"9","clientId":"consumer-1"},"requestMetadata":{"clientAddress":[{"ip":"10.0.0.2"}]}}}"#
    static let confluentOldEnvelope =
        #"{"specversion":"0.3","id":"o1","source":"crn:///kafka=k1","type":"io.confluent.kafka.server/authorization","time":"2020-05-12T10:00:00.000Z","confluentRouting":{"route":"confluent-audit-log-events"},"data":{"methodName":"kafka.CreateTopics","resourceName":"crn:///kafka=k1/topic=new","authenticationInfo":{"principal":"User:admin"},"authorizationInfo":{"granted":true,"operation":"Create","resourceType":"Topic","resourceName":"new","patternType":"LITERAL","superUserAuthorization":true},"request":{"correlation_id":"3","client_id":"admin-1"},"requestMetadata":{"client_address":"/172.27.0.4"}}}"#
    static let redpandaActivity =
        #"{"category_uid":6,"class_uid":6003,"metadata":{"product":{"name":"Redpanda"},"version":"1.0.0"},"severity_id":1,"time":1700533480724,"type_uid":600303,"activity_id":3,"actor":{"authorizations":[{"decision":"authorized","policy":{"desc":"acl: allow","name":"aclAuthorization"}}],"user":{"name":"bob","type_id":1}},"api":{"operation":"produce","service":{"name":"kafka rpc protocol"}},"resources":[{"name":"orders","type":"topic"}],"src_endpoint":{"ip":"10.0.0.3","name":"rdkafka","port":4000},"status_id":1}"#
    static let redpandaLogin =
        #"{"category_uid":3,"class_uid":3002,"metadata":{"product":{"name":"Redpanda"},"version":"1.0.0"},"time":1700533469078,"type_uid":300201,"activity_id":1,"auth_protocol":"SASL-SCRAM","src_endpoint":{"ip":"10.0.0.4","name":"kcat","port":5000},"status_id":1,"user":{"name":"carol","type_id":1}}"#

    static let confluentVariants: [Variant] = [
        Variant(
            name: "Confluent clientAddress as a string", base: confluentCloud, replace: #""clientAddress":[{"ip":"10.0.0.2"}]"#,
            with: #""clientAddress":"/10.20.30.42""#
        ) { $0.host == "10.20.30.42" && !$0.granted },
        Variant(
            name: "Confluent clientAddress as an object", base: confluentCloud, replace: #""clientAddress":[{"ip":"10.0.0.2"}]"#,
            with: #""clientAddress":{"ip":"10.20.30.43","port":9092}"#
        ) { $0.host == "10.20.30.43" },
        Variant(
            name: "Confluent client_address as an array", base: confluentPlatform, replace: #""client_address":"/10.0.0.1""#,
            with: #""client_address":["/10.20.30.44"]"#
        ) { $0.host == "10.20.30.44" && $0.granted },
        Variant(
            name: "Confluent client address of no known shape is shown as received", base: confluentPlatform,
            replace: #""client_address":"/10.0.0.1""#, with: #""client_address":{"zone":"\u001b[31m"}"#
        ) {
            $0.host == "{\"zone\":\"\\u001B[31m\"}" || $0.host?.contains("zone") == true
        },
        Variant(
            name: "Confluent principal as an object", base: confluentPlatform, replace: #""principal":"User:alice""#,
            with: #""principal":{"confluentServiceAccount":{"resourceId":"sa-42"}}"#
        ) { $0.principal == "User:sa-42" },
        Variant(
            name: "Confluent principal as an external account", base: confluentPlatform, replace: #""principal":"User:alice""#,
            with: #""principal":{"externalAccount":{"subject":"bilbo"}}"#
        ) { $0.principal == "User:bilbo" },
        Variant(
            name: "Confluent identity without a principal", base: confluentPlatform, replace: #""principal":"User:alice""#,
            with: #""identity":"crn://confluent.cloud/organization=o/identity-provider=op-1/identity=dave@example.com""#
        ) {
            $0.principal == "User:dave@example.com"
        },
        Variant(
            name: "Confluent assignedPrincipals and actingPrincipal", base: confluentPlatform, replace: #""granted":true,"#,
            with: #""granted":true,"assignedPrincipals":["User:pool-1","User:pool-2"],"actingPrincipal":"User:pool-1","#
        ) {
            $0.principal == "User:alice" && $0.rule?.contains("acting as User:pool-1") == true && $0.rule?.contains("User:pool-2") == true
        },
        Variant(
            name: "Confluent time as a number", base: confluentPlatform, replace: #""time":"2024-05-01T12:00:00.000Z""#,
            with: #""time":1714564800000"#
        ) { $0.timeMs == 1_714_564_800_000 },
        Variant(
            name: "Confluent client_id as a number", base: confluentPlatform, replace: #""client_id":"producer-1""#,
            with: #""client_id":42"#
        ) { $0.clientId == "42" },
        Variant(
            name: "Confluent granted as \"false\"", base: confluentPlatform, replace: #""granted":true"#,
            with: #""granted":"false""#
        ) { !$0.granted && $0.operation == "WRITE" },
        Variant(
            name: "Confluent superUserAuthorization as \"true\"", base: confluentOldEnvelope, replace: #""superUserAuthorization":true"#,
            with: #""superUserAuthorization":"true""#
        ) { $0.rule == "super user" },
        Variant(
            name: "Confluent resourceName as an object", base: confluentPlatform, replace: #""resourceName":"crn:///kafka=k1/topic=orders","#,
            with: #""resourceName":{"crn":"crn:///kafka=k1/topic=orders"},"#
        ) { $0.resourceName == "orders" && $0.granted },
        Variant(
            name: "Confluent data.resourceName as an object without authorizationInfo name", base: confluentPlatform,
            replace: #""resourceName":"crn:///kafka=k1/topic=orders","#, with: #""resourceName":7,"#
        ) { $0.principal == "User:alice" },
        Variant(
            name: "Confluent aclAuthorization.host as an array", base: confluentPlatform, replace: #""host":"*""#,
            with: #""host":["10.0.0.0/8","*"]"#
        ) { $0.rule?.contains("10.0.0.0/8") == true && $0.granted },
        Variant(name: "Confluent spec 0.3 envelope", base: confluentOldEnvelope, replace: "", with: "") {
            $0.principal == "User:admin" && $0.operation == "CREATE" && $0.host == "172.27.0.4"
        },
        Variant(name: "Confluent Cloud camelCase ids", base: confluentCloud, replace: "", with: "") {
            $0.clientId == "consumer-1" && $0.host == "10.0.0.2" && $0.principal == "User:123456"
        },
        Variant(
            name: "Confluent unknown nested fields", base: confluentPlatform, replace: #""serviceName":"crn:///kafka=k1","#,
            with: #""serviceName":{"nested":[1,{"x":null}]},"extra":[true],"#
        ) { $0.granted && $0.principal == "User:alice" },
    ]

    static let redpandaVariants: [Variant] = [
        Variant(
            name: "Redpanda time as an ISO string", base: redpandaActivity, replace: #""time":1700533480724"#,
            with: #""time":"2023-11-21T02:24:40.724Z""#
        ) { $0.timeMs == 1_700_533_480_724 },
        Variant(
            name: "Redpanda time as a float of milliseconds", base: redpandaActivity, replace: #""time":1700533480724"#,
            with: #""time":1700533480724.0"#
        ) { $0.timeMs == 1_700_533_480_724 },
        Variant(
            name: "Redpanda time as a float of seconds", base: redpandaActivity, replace: #""time":1700533480724"#,
            with: #""time":1700533480.5"#
        ) { $0.timeMs == 1_700_533_480_500 },
        Variant(
            name: "Redpanda count as \"3\"", base: redpandaActivity, replace: #""severity_id":1"#,
            with: #""severity_id":1,"count":"3""#
        ) { $0.count == 3 },
        Variant(
            name: "Redpanda aggregated count with start_time and end_time", base: redpandaActivity,
            replace: #""time":1700533480724"#, with: #""count":2,"start_time":1700533480724,"end_time":1700533480725"#
        ) {
            $0.count == 2 && $0.timeMs == 1_700_533_480_724
        },
        Variant(
            name: "Redpanda status_id as \"2\"", base: redpandaLogin, replace: #""status_id":1"#,
            with: #""status_id":"2""#
        ) { !$0.granted && $0.principal == "User:carol" },
        Variant(
            name: "Redpanda src_endpoint.name as a number", base: redpandaActivity, replace: #""name":"rdkafka""#,
            with: #""name":17"#
        ) { $0.clientId == "17" },
        Variant(
            name: "Redpanda user.name as a number", base: redpandaLogin, replace: #""name":"carol""#,
            with: #""name":1001"#
        ) { $0.principal == "User:1001" && $0.granted },
        Variant(
            name: "Redpanda authorizations as an object", base: redpandaActivity,
            replace: #""authorizations":[{"decision":"authorized","policy":{"desc":"acl: allow","name":"aclAuthorization"}}]"#,
            with: #""authorizations":{"decision":"denied","policy":{"name":"aclAuthorization","desc":"no matches"}}"#
        ) {
            !$0.granted && $0.rule?.contains("no matches") == true
        },
        Variant(
            name: "Redpanda resource without type", base: redpandaActivity, replace: #"{"name":"orders","type":"topic"}"#,
            with: #"{"name":"orders"}"#
        ) { $0.resourceName == "orders" && $0.resourceType == nil && $0.operation == "WRITE" },
        Variant(
            name: "Redpanda api.operation as a number", base: redpandaActivity, replace: #""operation":"produce""#,
            with: #""operation":0"#
        ) { $0.method == "0" && $0.granted && $0.principal == "User:bob" },
        Variant(
            name: "Redpanda group ACL principal", base: redpandaActivity, replace: #""status_id":1}"#,
            with:
                #""status_id":1,"unmapped":{"authorization_metadata":{"acl_authorization":{"host":"{{any_host}}","op":"all","permission_type":"allow","principal":"type {group} name {/sales}"},"resource":{"name":"orders","pattern":"literal","type":"topic"}}}}"#
        ) {
            $0.rule?.contains("type {group} name {/sales}") == true && $0.principal == "User:bob"
        },
        Variant(
            name: "Redpanda actor.user.groups", base: redpandaActivity, replace: #""name":"bob","type_id":1"#,
            with: #""name":"bob","type_id":1,"groups":[{"type":"idp_group","name":"/sales"}]"#
        ) { $0.rule?.contains("groups /sales") == true },
        Variant(
            name: "Redpanda user.groups on a login", base: redpandaLogin, replace: #""name":"carol","type_id":1"#,
            with: #""name":"carol","type_id":1,"groups":[{"type":"idp_group","name":"engineering"},{"type":"idp_group","name":"analytics"}]"#
        ) {
            $0.rule?.contains("groups engineering, analytics") == true && $0.granted
        },
        Variant(
            name: "Redpanda src_endpoint.ip as an object", base: redpandaActivity, replace: #""ip":"10.0.0.3""#,
            with: #""ip":{"v4":"10.0.0.3"}"#
        ) { $0.host?.contains("10.0.0.3") == true && $0.granted },
    ]

    @Test(arguments: confluentVariants + redpandaVariants)
    func oddSideFieldKeepsTheDecision(variant: Variant) throws {
        if !variant.replace.isEmpty { try #require(variant.base.contains(variant.replace), "the base record holds what the variant replaces") }
        let outcome = AuditParser().parse(line: variant.record, sourceName: "audit")
        guard case .decisions(let decisions) = outcome, let decision = decisions.first else {
            Issue.record("\(variant.name): expected a decision, got \(outcome)")
            return
        }
        #expect(variant.check(decision), "\(variant.name): \(decision)")
    }

    static let authorizerLines: [(String, String, Bool)] = [
        (
            "[2024-05-01 12:00:00,123] DEBUG Principal = User:bob is Allowed operation = READ from host = 1.2.3.4 on resource = Topic:LITERAL:alpha for request = Fetch with resourceRefCount = 1 based on rule MatchingAcl(acl=StandardAcl[resourceType=TOPIC, resourceName=alpha, patternType=LITERAL, principal=User:bob, host=*, operation=READ, permissionType=ALLOW]) (kafka.authorizer.logger)",
            "User:bob", true
        ),
        (
            "[2024-05-01 12:00:00,123] WARN Principal = User:eve is Denied operation = WRITE from host = 1.2.3.5 on resource = Topic:LITERAL:alpha for request = Produce with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)",
            "User:eve", false
        ),
        (
            "[2024-05-01 12:00:00,123] TRACE Principal = User:eve is Allowed Operation = Describe from host = 1.2.3.5 on resource = Cluster:LITERAL:kafka-cluster (kafka.authorizer.logger)",
            "User:eve", true
        ),
        (
            "2018-01-12 21:36:10,391 INFO Principal = User:CN=client,O=Org,C=US is Denied Operation = Read from host = 172.18.0.9 on resource = Topic:wikipedia.parsed (kafka.authorizer.logger)",
            "User:CN=client,O=Org,C=US", false
        ),
        (
            "kafka.authorizer.logger logAuthorization - Principal = User:alice is Denied operation = DESCRIBE from host = 10.1.1.1 on resource = Topic:LITERAL:t for request = Metadata with resourceRefCount = 1",
            "User:alice", false
        ),
    ]

    @Test(arguments: authorizerLines)
    func authorizerLinesAtAnyLevelAndWording(line: String, principal: String, granted: Bool) throws {
        guard case .decisions(let decisions) = AuditParser().parse(line: line, sourceName: "file"), let decision = decisions.first else {
            Issue.record("expected a decision for \(line)")
            return
        }
        #expect(decision.principal == principal)
        #expect(decision.granted == granted)
    }

    /// The principal and the outcome stay essential: without them nobody can act on the record.
    @Test(arguments: [
        (confluentPlatform, #""principal":"User:alice""#, #""principal":42"#, "principal"),
        (confluentPlatform, #""principal":"User:alice""#, #""principal":{"unrelated":true}"#, "principal"),
        (confluentPlatform, #""authenticationInfo":{"principal":"User:alice"},"#, "", "principal: missing"),
        (confluentPlatform, #""granted":true"#, #""granted":"perhaps""#, "granted: unusable value perhaps"),
        (confluentPlatform, #""granted":true"#, #""granted":[true]"#, "granted"),
        (redpandaActivity, #""user":{"name":"bob","type_id":1}"#, #""user":{"type_id":1}"#, "actor.user.name"),
        (redpandaActivity, #""user":{"name":"bob","type_id":1}"#, #""user":{"name":{"first":"bob"}}"#, "actor.user.name"),
        (redpandaLogin, #""status_id":1"#, #""status_id":"ok""#, "status_id"),
        (redpandaLogin, #""status_id":1,"#, "", "status_id: missing"),
        (redpandaActivity, #","status_id":1}"#, "}", "no decision"),
    ])
    func missingOrUnusablePrincipalOrOutcomeIsMalformed(base: String, replace: String, with: String, mention: String) throws {
        var record = base.replacingOccurrences(of: replace, with: with)
        if base == Self.redpandaActivity, replace == #","status_id":1}"# {
            record = record.replacingOccurrences(of: #"{"decision":"authorized","#, with: "{")
        }
        try #require(record != base)
        let outcome = AuditParser().parse(line: record, sourceName: "audit")
        guard case .malformed(let reason) = outcome else {
            Issue.record("expected malformed for \(replace) → \(with), got \(outcome)")
            return
        }
        #expect(reason.contains(mention), "\(reason)")
    }
}
