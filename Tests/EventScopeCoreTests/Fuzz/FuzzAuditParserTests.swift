import EventScopeCore
import EventScopeTestSupport
import Testing

/// Mutated audit records in all three formats (our own sample lines as seeds): every input is
/// decisions, not-audit or malformed; decisions keep bounded raw text and encode as JSON lines.
@Suite struct FuzzAuditParserTests {
    static let seeds = FuzzMutator(
        textSeeds: [
            "[2024-05-01 12:00:00,123] INFO Principal = User:mallory is Denied Operation = Write from host = 10.9.8.7 on resource = Topic:LITERAL:payments for request = Produce with resourceRefCount = 1 (kafka.authorizer.logger)",
            "Principal = User:CN=svc,OU=Ops is Allowed operation = DESCRIBE from host = fe80::2 on resource = Group:PREFIXED:grp- for request = DescribeGroups with resourceRefCount = 1 based on rule MatchingAcl(acl=StandardAcl[resourceType=GROUP, resourceName=grp-, patternType=PREFIXED, principal=User:CN=svc,OU=Ops, host=*, operation=DESCRIBE, permissionType=ALLOW])",
            "[INFO] 2024-06-07 01:02:03,456 [handler-1] kafka.authorizer.logger logAuthorization - Principal = User:eve is Denied Operation = Read from host = 1.2.3.4 on resource = Topic:LITERAL:audit",
            #"{"specversion":"1.0","id":"a1","source":"crn:///kafka=k1","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T10:00:00.5Z","data":{"serviceName":"crn:///kafka=k1","methodName":"kafka.Produce","resourceName":"crn:///kafka=k1/topic=orders","authenticationInfo":{"principal":"User:bob"},"authorizationInfo":{"granted":false,"operation":"Write","resourceType":"Topic","resourceName":"orders","patternType":"LITERAL","aclAuthorization":{"permissionType":"DENY","host":"*"}},"request":{"correlation_id":"9","client_id":"producer-1"},"requestMetadata":{"client_address":"/10.0.0.5"}}}"#,
            #"{"specversion":"1.0","id":"a2","source":"crn:///kafka=k1","type":"io.confluent.kafka.server/authentication","time":"2024-05-01T10:00:01Z","data":{"methodName":"kafka.Authentication","authenticationInfo":{"principal":"User:carol","metadata":{"mechanism":"SASL_SSL/PLAIN"}},"result":{"status":"UNAUTHENTICATED","message":"bad password"}}}"#,
            #"{"category_uid":6,"class_uid":6003,"time":1714557600000,"activity_id":1,"actor":{"authorizations":[{"decision":"denied","policy":{"desc":"acl","name":"aclAuthorization"}}],"user":{"name":"dave","type_id":1}},"api":{"operation":"produce","service":{"name":"kafka rpc protocol"}},"resources":[{"name":"orders","type":"topic"},{"name":"g","type":"group"}],"src_endpoint":{"ip":"10.1.1.1","name":"rdkafka"},"status_id":2,"count":3}"#,
            #"{"category_uid":3,"class_uid":3002,"time":1714557600001,"activity_id":1,"auth_protocol":"SASL-SCRAM","status_id":2,"status_detail":"bad credentials","user":{"name":"frank"},"src_endpoint":{"ip":"10.2.2.2"}}"#,
        ], maxLength: 8192)

    @Test func parsesOrRejectsEveryInput() {
        let parser = AuditParser(maxRecordBytes: 6000, rawLimit: 512)
        let jsonParser = JSONParser()
        FuzzSupport.run("AuditParser") { random in
            let input = Self.seeds.input(&random)
            switch parser.parse(bytes: input, sourceName: "audit") {
            case .decisions(let decisions):
                #expect(!decisions.isEmpty)
                for decision in decisions {
                    // Cut at 512 bytes; each invalid byte may widen to a 3-byte U+FFFD.
                    #expect(decision.raw.utf8.count <= 3 * 512)
                    #expect(!decision.principal.isEmpty)
                    #expect(FuzzSupport.isTerminalSafe(TerminalText.escape(decision.principal)))
                    var line: [UInt8] = []
                    DecisionJSONLine.append(decision, to: &line)
                    #expect(line.last == 0x0A)
                    let parsed = try? jsonParser.parse(line.dropLast())
                    #expect(parsed?["principal"] == .string(decision.principal), "decision line does not parse")
                }
            case .notAudit(let reason), .malformed(let reason):
                #expect(reason.hasPrefix("audit: "))
            }
        }
    }
}
