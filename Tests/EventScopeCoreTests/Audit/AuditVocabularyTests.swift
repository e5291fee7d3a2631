import Testing

@testable import EventScopeCore

@Suite struct AuditVocabularyTests {
    @Test(arguments: [
        ("Read", "READ"), ("READ", "READ"), ("AlterConfigs", "ALTER_CONFIGS"), ("IdempotentWrite", "IDEMPOTENT_WRITE"),
        ("ClusterAction", "CLUSTER_ACTION"), ("DescribeConfigs", "DESCRIBE_CONFIGS"), ("DESCRIBE_CONFIGS", "DESCRIBE_CONFIGS"),
        ("TransactionalId", "TRANSACTIONAL_ID"), ("transactional_id", "TRANSACTIONAL_ID"), ("DelegationToken", "DELEGATION_TOKEN"),
        ("acl_binding", "ACL_BINDING"), ("cloud-cluster", "CLOUD_CLUSTER"), ("all", "ALL"), ("Ünïcode", "ÜNÏCODE"), ("", ""),
    ])
    func upperSnakeNormalisesNames(input: String, expected: String) {
        #expect(AuditVocabulary.upperSnake(input) == expected)
    }

    @Test(arguments: [
        ("kafka.Produce", "WRITE"), ("kafka.FetchConsumer", "READ"), ("kafka.Metadata", "DESCRIBE"), ("produce", "WRITE"),
        ("create_acls", "ALTER"), ("Fetch", "READ"), ("FetchFollower", "CLUSTER_ACTION"), ("kafka.InitProducerId", "IDEMPOTENT_WRITE"),
        ("kafka.IncrementalAlterConfigs", "ALTER_CONFIGS"), ("offset_commit", "READ"), ("kafka.Authentication", "AUTHENTICATE"),
    ])
    func kafkaAPIsMapToACLOperations(api: String, operation: String) {
        #expect(AuditVocabulary.operation(forKafkaAPI: api) == operation)
    }

    @Test func unknownNamesMapToNothing() {
        #expect(AuditVocabulary.operation(forKafkaAPI: "kafka.Teleport") == nil)
        #expect(AuditVocabulary.operation(forHTTPMethod: "BREW") == nil)
        #expect(AuditVocabulary.operation(forCloudMethod: "FrobnicateThings") == nil)
        #expect(AuditVocabulary.operation(forCloudMethod: "ListServiceAccounts") == "DESCRIBE")
        #expect(AuditVocabulary.operation(forHTTPMethod: "delete") == "DELETE")
    }

    @Test(arguments: [
        ("crn:///kafka=abc", "CLUSTER", "abc"),
        ("crn:///kafka=abc/topic=orders", "TOPIC", "orders"),
        ("crn://confluent.cloud/organization=o/environment=env-1/cloud-cluster=lkc-1/kafka=lkc-1/group=team/a=b", "GROUP", "team/a=b"),
        ("crn://mds/kafka=k/transactional-id=tx", "TRANSACTIONAL_ID", "tx"),
        ("crn://confluent.cloud/organization=o/environment=env-1", "ENVIRONMENT", "env-1"),
    ])
    func crnsNameTheMostSpecificResource(crn: String, type: String, name: String) throws {
        let resource = try #require(AuditVocabulary.resource(fromCRN: crn))
        #expect(resource.type == type)
        #expect(resource.name == name)
    }

    @Test func malformedCRNsYieldNothing() {
        #expect(AuditVocabulary.resource(fromCRN: "not a crn") == nil)
        #expect(AuditVocabulary.resource(fromCRN: "crn://authority-only") == nil)
    }
}
