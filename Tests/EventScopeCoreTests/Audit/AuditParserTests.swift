import Testing

@testable import EventScopeCore

/// Our own fixtures, written in the three audit formats, covering every variant the parsers absorb.
@Suite struct AuditParserTests {
    let parser = AuditParser()

    func decisions(_ text: String) -> [Decision] {
        guard case .decisions(let decisions) = parser.parse(line: text, sourceName: "test") else { return [] }
        return decisions
    }

    func single(_ text: String) throws -> Decision {
        let found = decisions(text)
        try #require(found.count == 1, "\(parser.parse(line: text, sourceName: "test"))")
        return found[0]
    }

    // MARK: Kafka authorizer log

    struct AuthorizerCase: Sendable, CustomStringConvertible {
        let line: String
        let principal: String
        let operation: String
        let granted: Bool
        let resource: (String, String?, String)
        let host: String
        var method: String? = nil
        var rule: String? = nil
        var time: String? = nil
        var description: String { String(line.prefix(60)) }
    }

    static let authorizerCases: [AuthorizerCase] = [
        AuthorizerCase(
            line:
                "[2024-05-01 12:00:00,123] INFO Principal = User:bob is Denied Operation = Read from host = 1.2.3.4 on resource = Topic:LITERAL:alpha for request = Fetch with resourceRefCount = 1 (kafka.authorizer.logger)",
            principal: "User:bob", operation: "READ", granted: false, resource: ("TOPIC", "LITERAL", "alpha"), host: "1.2.3.4",
            method: "Fetch", time: "2024-05-01T12:00:00.123Z"),
        AuthorizerCase(
            line:
                "[2024-05-01 12:00:01,000] INFO Principal = User:ops is Denied operation = ALTER_CONFIGS from host = 10.0.0.9 on resource = Topic:LITERAL:payments for request = IncrementalAlterConfigs with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)",
            principal: "User:ops", operation: "ALTER_CONFIGS", granted: false, resource: ("TOPIC", "LITERAL", "payments"),
            host: "10.0.0.9", method: "IncrementalAlterConfigs", rule: "default deny (no matching ACL)", time: "2024-05-01T12:00:01Z"),
        AuthorizerCase(
            line:
                "Principal = User:svc is Allowed Operation = IdempotentWrite from host = 10.1.1.1 on resource = Cluster:LITERAL:kafka-cluster for request = InitProducerId with resourceRefCount = 1",
            principal: "User:svc", operation: "IDEMPOTENT_WRITE", granted: true, resource: ("CLUSTER", "LITERAL", "kafka-cluster"),
            host: "10.1.1.1", method: "InitProducerId"),
        AuthorizerCase(
            line:
                "[2019-03-04 05:06:07,089] DEBUG Principal = User:broker-2 is Allowed Operation = ClusterAction from host = 10.1.1.2 on resource = Cluster:LITERAL:kafka-cluster for request = FetchFollower with resourceRefCount = 1 (kafka.authorizer.logger)",
            principal: "User:broker-2", operation: "CLUSTER_ACTION", granted: true, resource: ("CLUSTER", "LITERAL", "kafka-cluster"),
            host: "10.1.1.2", method: "FetchFollower", time: "2019-03-04T05:06:07.089Z"),
        AuthorizerCase(
            line:
                "[2017-11-02 08:09:10,111] INFO Principal = User:reporting is Denied Operation = DescribeConfigs from host = 192.168.3.4 on resource = Group:payments (kafka.authorizer.logger)",
            principal: "User:reporting", operation: "DESCRIBE_CONFIGS", granted: false, resource: ("GROUP", nil, "payments"),
            host: "192.168.3.4", time: "2017-11-02T08:09:10.111Z"),
        AuthorizerCase(
            line:
                "[INFO] 2024-06-07 01:02:03,456 [data-plane-kafka-request-handler-3] kafka.authorizer.logger logAuthorization - Principal = User:CN=client,O=Org,C=US is Denied Operation = Write from host = fe80::1 on resource = TransactionalId:LITERAL:tx-orders-1",
            principal: "User:CN=client,O=Org,C=US", operation: "WRITE", granted: false, resource: ("TRANSACTIONAL_ID", "LITERAL", "tx-orders-1"),
            host: "fe80::1", time: "2024-06-07T01:02:03.456Z"),
        AuthorizerCase(
            line:
                "Principal = User:admin is Allowed operation = CREATE from host = 10.2.0.1 on resource = Topic:PREFIXED:audit- for request = CreateTopics with resourceRefCount = 1 based on rule SuperUser (kafka.authorizer.logger)",
            principal: "User:admin", operation: "CREATE", granted: true, resource: ("TOPIC", "PREFIXED", "audit-"),
            host: "10.2.0.1", method: "CreateTopics", rule: "super user"),
        AuthorizerCase(
            line:
                "Principal = User:CN=svc,OU=Pay,O=Org is Denied operation = DESCRIBE from host = 10.3.0.1 on resource = DelegationToken:LITERAL:tok-1 for request = DescribeDelegationToken with resourceRefCount = 1 based on rule MatchingAcl(acl=StandardAcl[resourceType=DELEGATION_TOKEN, resourceName=tok-, patternType=PREFIXED, principal=User:CN=svc,OU=Pay,O=Org, host=*, operation=DESCRIBE, permissionType=DENY])",
            principal: "User:CN=svc,OU=Pay,O=Org", operation: "DESCRIBE", granted: false, resource: ("DELEGATION_TOKEN", "LITERAL", "tok-1"),
            host: "10.3.0.1", method: "DescribeDelegationToken",
            rule: "ACL DENY DESCRIBE User:CN=svc,OU=Pay,O=Org host * on DELEGATION_TOKEN PREFIXED:tok-"),
        AuthorizerCase(
            line:
                "2024-07-01T10:00:00.5Z kafka.authorizer.logger: Principal = User:alice is Denied Operation = Alter from host = 10.4.0.1 on resource = User:LITERAL:bob for request = AlterUserScramCredentials with resourceRefCount = 1   ",
            principal: "User:alice", operation: "ALTER", granted: false, resource: ("USER", "LITERAL", "bob"), host: "10.4.0.1",
            method: "AlterUserScramCredentials", time: "2024-07-01T10:00:00.5Z"),
    ]

    @Test(arguments: authorizerCases)
    func authorizerLineVariants(_ testCase: AuthorizerCase) throws {
        let decision = try single(testCase.line)
        #expect(decision.format == .kafkaAuthorizer)
        #expect(decision.principal == testCase.principal)
        #expect(decision.operation == testCase.operation)
        #expect(decision.granted == testCase.granted)
        #expect(decision.resourceType == testCase.resource.0)
        #expect(decision.patternType == testCase.resource.1)
        #expect(decision.resourceName == testCase.resource.2)
        #expect(decision.host == testCase.host)
        #expect(decision.method == testCase.method)
        #expect(decision.rule == testCase.rule)
        #expect(decision.timeMs == testCase.time.flatMap { Timestamp.parseMs($0) })
        #expect(decision.count == 1)
        #expect(decision.raw == testCase.line)
    }

    @Test func authorizerLineKeepsControlCharactersForTheSanitiser() throws {
        let decision = try single(
            "Principal = User:ev\u{1B}]0;owned\u{07}il is Denied Operation = Write from host = 1.1.1.1 on resource = Topic:LITERAL:orders")
        #expect(decision.principal == "User:ev\u{1B}]0;owned\u{07}il")
        #expect(TerminalText.escape(decision.principal) == "User:ev\\e]0;owned\\x07il")
    }

    @Test(arguments: [
        "Principal = User:bob is Maybe Operation = Read from host = 1.1.1.1 on resource = Topic:LITERAL:x",
        "Principal = User:bob is Denied Opcode = Read from host = 1.1.1.1 on resource = Topic:LITERAL:x",
        "Principal = User:bob is Denied Operation = Read on resource = Topic:LITERAL:x",
        "Principal = User:bob is Denied Operation = Read from host = 1.1.1.1",
        "Principal =  is Denied Operation = Read from host = 1.1.1.1 on resource = ",
    ])
    func brokenAuthorizerLinesAreMalformed(line: String) {
        guard case .malformed = parser.parse(line: line, sourceName: "file") else {
            Issue.record("expected malformed for \(line)")
            return
        }
    }

    // MARK: Confluent

    @Test func confluentDeniedProduceTakesOperationFromMethodAndCamelCaseIds() throws {
        let record =
            #"{"specversion":"1.0","id":"a1","source":"crn:///kafka=clusterA","type":"io.confluent.kafka.server/authorization","time":"2024-03-01T10:00:00.250Z","route":"confluent-audit-log-events","data":{"serviceName":"crn:///kafka=clusterA","methodName":"kafka.Produce","resourceName":"crn:///kafka=clusterA/topic=shipments","authenticationInfo":{"principal":"User:intruder"},"authorizationInfo":{"granted":false},"request":{"correlationId":"17","clientId":"rogue-1"},"requestMetadata":{"client_address":"/10.9.8.7"}}}"#
        let decision = try single(record)
        #expect(
            decision
                == Decision(
                    timeMs: Timestamp.parseMs("2024-03-01T10:00:00.250Z"), principal: "User:intruder", operation: "WRITE",
                    resourceType: "TOPIC", resourceName: "shipments", granted: false, host: "10.9.8.7", clientId: "rogue-1",
                    method: "kafka.Produce", format: .confluent, raw: record))
        #expect(decision.isDeniedPublish)
    }

    @Test func confluentOldEnvelopeFetchConsumerWithSuperUserAndGroupCRN() throws {
        let record =
            #"{"data":{"methodName":"kafka.FetchConsumer","resourceName":"crn://mds.example/kafka=k1/group=billing/eu","authenticationInfo":{"principal":"User:kafka"},"authorizationInfo":{"granted":true,"superUserAuthorization":true},"request":{"correlation_id":"9","client_id":"billing-consumer"}},"id":"x","source":"crn://mds.example/kafka=k1","specversion":"0.3","type":"io.confluent.kafka.server/authorization","time":"2021-01-01T00:00:00Z","confluentRouting":{"route":"confluent-audit-log-events"}}"#
        let decision = try single(record)
        #expect(decision.operation == "READ")
        #expect(decision.resourceType == "GROUP")
        #expect(decision.resourceName == "billing/eu")
        #expect(decision.rule == "super user")
        #expect(decision.clientId == "billing-consumer")
        #expect(decision.host == nil)
    }

    @Test func confluentTransactionalIdAndAclRuleWithPattern() throws {
        let record =
            #"{"specversion":"1.0","id":"t","source":"crn:///kafka=k","type":"io.confluent.kafka.server/authorization","data":{"methodName":"kafka.InitProducerId","resourceName":"crn:///kafka=k/transactional-id=tx-9","authenticationInfo":{"principal":"User:pay"},"authorizationInfo":{"granted":false,"operation":"Write","resourceType":"TransactionalId","resourceName":"tx-9","patternType":"LITERAL","aclAuthorization":{"permissionType":"DENY","host":"*","patternType":"PREFIXED","patternName":"tx-"}}}}"#
        let decision = try single(record)
        #expect(decision.resourceType == "TRANSACTIONAL_ID")
        #expect(decision.operation == "WRITE")
        #expect(decision.rule == "ACL DENY host * on PREFIXED:tx-")
        #expect(decision.timeMs == nil)
    }

    @Test func confluentFailedLoginIsUnknownUser() throws {
        let record =
            #"{"specversion":"1.0","id":"f","source":"crn:///kafka=k","type":"io.confluent.kafka.server/authentication","time":"2024-02-02T02:02:02Z","data":{"methodName":"kafka.Authentication","resourceName":"crn:///kafka=k","authenticationInfo":{"principal":"None:UNKNOWN_USER","metadata":{"mechanism":"SASL_SSL/PLAIN","identifier":"KEY123"}},"requestMetadata":{"client_address":"/203.0.113.5"},"result":{"status":"UNAUTHENTICATED","message":"Authentication failed"}}}"#
        let decision = try single(record)
        #expect(decision.principal == "None:UNKNOWN_USER")
        #expect(decision.operation == "AUTHENTICATE")
        #expect(!decision.granted)
        #expect(decision.rule == "SASL_SSL/PLAIN UNAUTHENTICATED Authentication failed")
        #expect(decision.host == "203.0.113.5")
        #expect(decision.resourceType == "CLUSTER")
    }

    @Test func confluentCloudRequestWithServiceAccountAndDeny() throws {
        let record =
            #"{"specversion":"1.0","id":"c","source":"crn://confluent.cloud/","type":"io.confluent.cloud/request","time":"2024-01-01T00:00:00Z","data":{"methodName":"DeleteEnvironment","resourceName":"crn://confluent.cloud/organization=o1/environment=env-1","authenticationInfo":{"principal":{"confluentServiceAccount":{"resourceId":"sa-42"}}},"authorizationInfo":{"result":"DENY"},"requestMetadata":{"clientAddress":[{"ip":"198.51.100.7"}]},"result":{"status":"FAILURE"}}}"#
        let decision = try single(record)
        #expect(decision.principal == "User:sa-42")
        #expect(decision.operation == "DELETE")
        #expect(!decision.granted)
        #expect(decision.resourceType == "ENVIRONMENT")
        #expect(decision.resourceName == "env-1")
        #expect(decision.host == "198.51.100.7")
    }

    // MARK: Redpanda

    @Test func redpandaDeniedFetchOnTwoTopicsCarriesCountIntoEachDecision() throws {
        let record =
            #"{"category_uid":6,"class_uid":6003,"count":5,"time":1710000000123,"type_uid":600302,"activity_id":2,"metadata":{"product":{"name":"Redpanda"},"version":"1.0.0"},"actor":{"authorizations":[{"decision":"denied","policy":{"desc":"no matches","name":"aclAuthorization"}}],"user":{"name":"reporter","type_id":1}},"api":{"operation":"fetch","service":{"name":"kafka rpc protocol"}},"resources":[{"name":"payments","type":"topic"},{"name":"refunds","type":"topic"}],"src_endpoint":{"ip":"10.5.5.5","name":"report-job","port":1},"status_id":1,"unmapped":{"authorization_metadata":{"acl_authorization":{"host":"","op":"","permission_type":"","principal":""},"resource":{"name":"","pattern":"","type":""}}}}"#
        let found = decisions(record)
        #expect(found.map(\.resourceName) == ["payments", "refunds"])
        for decision in found {
            #expect(decision.principal == "User:reporter")
            #expect(decision.operation == "READ")
            #expect(!decision.granted)
            #expect(decision.count == 5)
            #expect(decision.timeMs == 1_710_000_000_123)
            #expect(decision.rule == "aclAuthorization: no matches")
            #expect(decision.clientId == "report-job")
            #expect(decision.format == .redpanda)
        }
    }

    @Test func redpandaOtherClassIsKeptAsGenericDecision() throws {
        let record =
            #"{"category_uid":6,"class_uid":6002,"time":1710000000000,"activity_id":3,"metadata":{"product":{"name":"Redpanda"}},"app":{"name":"Redpanda"},"status_id":1}"#
        let decision = try single(record)
        #expect(decision.method == "class 6002")
        #expect(decision.operation == "UNKNOWN")
        #expect(decision.principal == "None:UNKNOWN_USER")
        #expect(decision.granted)
    }

    @Test func redpandaHostileCountIsClamped() throws {
        let record = #"{"category_uid":3,"class_uid":3002,"count":9000000000000000000,"status_id":2,"user":{"name":"x"}}"#
        #expect(try single(record).count == RedpandaAuditParser.maxCount)
        let negative = #"{"category_uid":3,"class_uid":3002,"count":-4,"status_id":1,"user":{"name":"x"}}"#
        #expect(try single(negative).count == 1)
    }

    // MARK: Hostile and non-audit input

    @Test(arguments: [
        (
            #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","data":{"authenticationInfo":{"principal":"User:a"},"authorizationInfo":{"granted":"yes"}}}"#,
            "granted"
        ),
        (
            #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","data":{"authenticationInfo":{"principal":42},"authorizationInfo":{"granted":true}}}"#,
            "principal"
        ),
        (#"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","data":"nope"}"#, "data"),
        (#"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","data":{"authenticationInfo":{"principal":"User:a"}}}"#, "granted"),
        (#"{"specversion":"1.0","type":"io.confluent.kafka.server/authentication","data":{"result":{"status":7}}}"#, "status"),
        (#"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","time":12,"data":{}}"#, "principal"),
        (#"{"class_uid":"six","category_uid":6}"#, "class_uid"),
        (#"{"class_uid":6003,"category_uid":6,"actor":{"user":{"name":"a"},"authorizations":[{"policy":{}}]}}"#, "no decision"),
        (#"{"class_uid":6003,"category_uid":6,"resources":[{"name":"t"}]}"#, "actor.user.name"),
        (#"{"class_uid":3002,"category_uid":3,"user":{"name":"a"}}"#, "status_id"),
        (#"{"class_uid":6003,"category_uid":6,"actor":{"user":{"name":"a"}},"status_id":"later"}"#, "status_id"),
        (#"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","data":{"#, "invalid JSON"),
        (#"{"class_uid":6003,"category_uid":6,"src_endpoint":{"ip":"\ud800"}}"#, "invalid JSON"),
        (String(repeating: "{\"a\":", count: 500), "invalid JSON"),
    ])
    func wrongTypesAndBrokenJSONAreMalformed(record: String, mention: String) {
        let outcome = parser.parse(line: record, sourceName: "audit-topic")
        guard case .malformed(let reason) = outcome else {
            Issue.record("expected malformed, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("audit-topic: "))
        #expect(reason.contains(mention))
    }

    @Test(arguments: [
        "", "   \r\n", "\u{1B}]0;pwned\u{07}\u{1B}[2J", "[2024-05-01 12:00:00,123] WARN [Producer clientId=p] Topic authorization failed",
        #"{"eventType":"OrderPlaced","payload":{}}"#, #"{"specversion":"1.0","type":"com.example.order","data":{}}"#,
        #"{"specversion":"1.0","type":"io.confluent.kafka.server/produce-request","data":{}}"#, "[1,2,3]", "42",
    ])
    func otherInputIsNotAudit(line: String) {
        guard case .notAudit = parser.parse(line: line, sourceName: "s") else {
            Issue.record("expected notAudit for \(line.debugDescription)")
            return
        }
    }

    @Test func invalidUTF8IsMalformed() {
        let line = Array("Principal = User:".utf8) + [0xFF, 0xFE] + Array(" is Denied Operation = Read from host = 1.1.1.1 on resource = Topic:x".utf8)
        guard case .malformed(let reason) = parser.parse(bytes: line, sourceName: "f") else {
            Issue.record("expected malformed")
            return
        }
        #expect(reason.contains("UTF-8"))
        let json = Array(#"{"class_uid":3002,"category_uid":3,"status_id":1,"user":{"name":""#.utf8) + [0xC0, 0x80] + Array(#""}}"#.utf8)
        guard case .malformed = parser.parse(bytes: json, sourceName: "f") else {
            Issue.record("expected malformed JSON")
            return
        }
    }

    @Test func hugeRecordIsRefusedAndRawIsCapped() throws {
        let huge = Array(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1)
        guard case .malformed = parser.parse(bytes: huge, sourceName: "f") else {
            Issue.record("expected malformed")
            return
        }
        let longTopic = String(repeating: "é", count: 3000)
        let decision = try single("Principal = User:a is Denied Operation = Read from host = 1.1.1.1 on resource = Topic:LITERAL:\(longTopic)")
        #expect(decision.resourceName == longTopic)
        #expect(decision.raw.utf8.count <= 4096)
        #expect(decision.raw.utf8.count >= 4090)
        #expect(!decision.raw.contains("\u{FFFD}"))
    }

    @Test func mutatedAndRandomInputNeverCrashes() {
        var generator = SplitMix64(seed: 0x5EED)
        let seeds =
            Self.authorizerCases.map { Array($0.line.utf8) } + [
                Array(
                    #"{"specversion":"1.0","type":"io.confluent.kafka.server/authorization","data":{"methodName":"kafka.Produce","authenticationInfo":{"principal":"User:a"},"authorizationInfo":{"granted":false}}}"#
                        .utf8),
                Array(
                    #"{"category_uid":6,"class_uid":6003,"count":2,"actor":{"authorizations":[{"decision":"denied"}],"user":{"name":"u"}},"api":{"operation":"produce"},"resources":[{"name":"t","type":"topic"}]}"#
                        .utf8),
            ]
        var outcomes = (decisions: 0, other: 0)
        for round in 0..<3000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: position)
                default: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            if case .decisions = parser.parse(bytes: bytes, sourceName: "fuzz") { outcomes.decisions += 1 } else { outcomes.other += 1 }
        }
        #expect(outcomes.decisions + outcomes.other == 3000)
        #expect(outcomes.decisions > 0)
        #expect(outcomes.other > 0)
    }
}

@Suite struct AuditParserRecordTests {
    @Test func recordTimestampFillsMissingTimeAndTopicLabelsReasons() throws {
        let line = "Principal = User:a is Denied Operation = Write from host = 1.1.1.1 on resource = Topic:LITERAL:t"
        let record = Record(topic: "authorizer-log", timestampMs: 1_234, value: Array(line.utf8))
        guard case .decisions(let decisions) = AuditParser().parse(record: record) else {
            Issue.record("expected a decision")
            return
        }
        #expect(decisions.map(\.timeMs) == [1_234])
        let tombstone = Record(topic: "authorizer-log", value: nil)
        #expect(AuditParser().parse(record: tombstone) == .notAudit(reason: "authorizer-log: record without a value"))
    }

    @Test func hostileTimestampLikePrefixStaysLinear() {
        let prefix = String(repeating: "2024-", count: 200_000)
        let line = prefix + "Principal = User:a is Denied Operation = Write from host = 1.1.1.1 on resource = Topic:LITERAL:t"
        guard case .decisions(let decisions) = AuditParser().parse(line: line, sourceName: "f") else {
            Issue.record("expected a decision")
            return
        }
        #expect(decisions.first?.timeMs == nil)
    }
}

@Suite struct AuditEmptyPrincipalTests {
    /// Found by a 2-minute fuzz run: a Confluent authorization record whose principal is "".
    @Test func emptyPrincipalIsMalformed() {
        let record =
            #"{"specversion":"1.0","id":"x","source":"crn://confluent.cloud/kafka=lkc-1","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:00Z","data":{"methodName":"kafka.Produce","resourceName":"crn://confluent.cloud/kafka=lkc-1/topic=orders","authenticationInfo":{"principal":""},"authorizationInfo":{"granted":false,"operation":"Write","resourceType":"Topic","resourceName":"orders","patternType":"LITERAL"}}}"#
        guard case .malformed(let reason) = AuditParser().parse(bytes: Array(record.utf8), sourceName: "t") else {
            Issue.record("expected malformed")
            return
        }
        #expect(reason.contains("principal: empty"))
    }
}
