import Foundation
import Testing

@testable import EventScopeCore
@testable import EventScopeDemo

@Suite struct DemoAuditWriterTests {
    static let denied = DemoDecision(
        actor: .shipping, request: .produce, topic: "shipping", granted: false, timeMs: 1_714_564_800_123)

    @Test func authorizerLinesInKRaftWording() {
        #expect(
            DemoAuditWriter.authorizerLine(Self.denied)
                == "[2024-05-01 12:00:00,123] INFO Principal = User:CN=shipping-service,OU=logistics,O=Shop,C=US is Denied operation = WRITE from host = 10.20.1.18 on resource = Topic:LITERAL:shipping for request = Produce with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)"
        )
        var read = Self.denied
        read.actor = .legacyReporting
        read.request = .fetch
        read.topic = "payments"
        #expect(
            DemoAuditWriter.authorizerLine(read)
                == "[2024-05-01 12:00:00,123] INFO Principal = User:legacy-reporting is Denied operation = READ from host = 10.20.9.99 on resource = Topic:LITERAL:payments for request = Fetch with resourceRefCount = 1 based on rule DefaultDeny (kafka.authorizer.logger)"
        )
        var allowed = Self.denied
        allowed.granted = true
        allowed.actor = .order
        #expect(
            DemoAuditWriter.authorizerLine(allowed).contains(
                "is Allowed operation = WRITE from host = 10.20.1.11 on resource = Topic:LITERAL:shipping for request = Produce with resourceRefCount = 1 based on rule MatchingAcl(acl=StandardAcl(resourceType=TOPIC, resourceName=shipping, patternType=LITERAL, principal=User:order-service, host=*, operation=WRITE, permissionType=ALLOW)) (kafka.authorizer.logger)"
            ))
    }

    @Test func confluentDenialHasNoRuleAndUnescapesToTheDNPrincipal() throws {
        var random = DemoRandom(seed: 1)
        let record = DemoAuditWriter.confluentAuthorization(Self.denied, legacy: false, producedMs: 1_714_564_800_150, random: &random)
        #expect(record.topic == "confluent-audit-log-events")
        #expect(record.timestampMs == 1_714_564_800_150)
        #expect(record.asRecord().headerText("content-type") == "application/cloudevents+json; charset=UTF-8")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(record.value)) as? [String: Any])
        #expect(json["type"] as? String == "io.confluent.kafka.server/authorization")
        #expect(json["time"] as? String == "2024-05-01T12:00:00.123Z")
        let data = try #require(json["data"] as? [String: Any])
        #expect((data["authenticationInfo"] as? [String: Any])?["principal"] as? String == "User:CN=shipping-service,OU=logistics,O=Shop,C=US")
        let authz = try #require(data["authorizationInfo"] as? [String: Any])
        #expect(authz["granted"] as? Bool == false && authz["operation"] as? String == "Write")
        #expect(authz["aclAuthorization"] == nil)
        #expect((data["request"] as? [String: Any])?["client_id"] as? String == "shipping-service")
        #expect((data["requestMetadata"] as? [String: Any])?["client_address"] as? String == "/10.20.1.18")
    }

    @Test func redpandaMergedRecordCarriesCountAndWindow() throws {
        var random = DemoRandom(seed: 1)
        var merged = Self.denied
        merged.count = 4
        merged.endMs = Self.denied.timeMs + 500
        let record = DemoAuditWriter.redpandaAuthorization(merged, producedMs: merged.timeMs + 600, random: &random)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(record.value)) as? [String: Any])
        #expect(json["class_uid"] as? Int == 6003 && json["type_uid"] as? Int == 600303)
        #expect(json["count"] as? Int == 4)
        #expect(json["start_time"] as? Int64 == merged.timeMs && json["end_time"] as? Int64 == merged.timeMs + 500)
        #expect(json["status_id"] as? Int == 2)
        let actor = try #require(json["actor"] as? [String: Any])
        #expect((actor["authorizations"] as? [[String: Any]])?.first?["decision"] as? String == "denied")
        #expect((json["src_endpoint"] as? [String: Any])?["ip"] as? String == "10.20.1.18")
    }
}
