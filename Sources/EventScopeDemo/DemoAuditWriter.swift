import EventScopeCore

/// Writes demo decisions in the three audit formats: Confluent audit CloudEvents, Redpanda OCSF
/// JSON and Apache Kafka authorizer log lines.
enum DemoAuditWriter {
    static let confluentTopic = "confluent-audit-log-events"
    static let redpandaTopic = "_redpanda.audit_log"
    static let authorizerTopic = "kafka-authorizer-log"

    private static let clusterCRN = "crn:///kafka=evscope-demo-cluster"

    // MARK: Confluent

    /// A Confluent `io.confluent.kafka.server/authorization` record.
    ///
    /// - Parameter legacy: write CloudEvents 0.3 with `confluentRouting` (older Confluent
    ///   Platform) instead of 1.0 with `route`.
    static func confluentAuthorization(
        _ decision: DemoDecision, legacy: Bool, producedMs: Int64, random: inout DemoRandom
    ) -> DemoRecord {
        var w = DemoBytes(capacity: 900)
        confluentHead(&w, type: "authorization", subjectTopic: decision.topic, timeMs: decision.timeMs, legacy: legacy, random: &random)
        w.raw(",\"data\":{\"serviceName\":")
        w.string(clusterCRN, htmlSafe: !legacy)
        w.raw(",\"methodName\":")
        w.string(decision.request.confluentMethod)
        w.raw(",\"resourceName\":\"")
        w.escaped(clusterCRN, htmlSafe: !legacy)
        w.escaped("/topic=", htmlSafe: !legacy)
        w.escaped(decision.topic, htmlSafe: !legacy)
        w.raw("\"")
        w.raw(",\"authenticationInfo\":{\"principal\":")
        w.string(decision.actor.principal, htmlSafe: !legacy)
        w.raw("},\"authorizationInfo\":{\"granted\":")
        w.raw(decision.granted ? "true" : "false")
        w.raw(",\"operation\":")
        w.string(decision.request.confluentOperation)
        w.raw(",\"resourceType\":\"Topic\",\"resourceName\":")
        w.string(decision.topic)
        w.raw(",\"patternType\":\"LITERAL\"")
        // A denial that matched no rule carries no rule object, as in Confluent's own records.
        if decision.granted { w.raw(",\"aclAuthorization\":{\"permissionType\":\"ALLOW\",\"host\":\"*\"}") }
        w.raw("},\"request\":{\"correlation_id\":\"")
        w.int(random.int(1...99_999))
        w.raw("\",\"client_id\":")
        w.string(decision.actor.name)
        w.raw("},\"requestMetadata\":{\"client_address\":\"/")
        w.escaped(decision.actor.host)
        w.raw("\"}}")
        if legacy { w.raw(",\"confluentRouting\":{\"route\":\"confluent-audit-log-events\"}") }
        w.raw("}")
        return confluentRecord(w.bytes, producedMs: producedMs)
    }

    /// A Confluent `io.confluent.kafka.server/authentication` record: a success names the
    /// principal, a failure names `None:UNKNOWN_USER` and the user it tried.
    static func confluentAuthentication(
        _ actor: DemoActor, success: Bool, timeMs: Int64, producedMs: Int64, random: inout DemoRandom
    ) -> DemoRecord {
        var w = DemoBytes(capacity: 800)
        confluentHead(&w, type: "authentication", subjectTopic: nil, timeMs: timeMs, legacy: false, random: &random)
        w.raw(",\"data\":{\"serviceName\":")
        w.string(clusterCRN, htmlSafe: true)
        w.raw(",\"methodName\":\"kafka.Authentication\",\"resourceName\":")
        w.string(clusterCRN, htmlSafe: true)
        w.raw(",\"authenticationInfo\":{\"principal\":")
        w.string(success ? actor.principal : "None:UNKNOWN_USER", htmlSafe: true)
        w.raw(",\"metadata\":{\"mechanism\":")
        if actor == .shipping {
            w.raw("\"SSL\",\"identifier\":")
            w.string(DemoActor.shippingCertificateDN, htmlSafe: true)
        } else {
            w.raw("\"SASL_SSL/SCRAM-SHA-512\",\"identifier\":")
            w.string(actor.name)
        }
        w.raw("}},\"requestMetadata\":{\"client_address\":\"/")
        w.escaped(actor.host)
        w.raw("\"")
        if success {
            w.raw("},\"result\":{\"status\":\"SUCCESS\",\"message\":\"\"}}}")
        } else {
            w.raw(
                "},\"result\":{\"status\":\"UNAUTHENTICATED\",\"message\":\"Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512\"}}}"
            )
        }
        return confluentRecord(w.bytes, producedMs: producedMs)
    }

    private static func confluentHead(
        _ w: inout DemoBytes, type: StaticString, subjectTopic: String?, timeMs: Int64, legacy: Bool,
        random: inout DemoRandom
    ) {
        w.raw(legacy ? "{\"specversion\":\"0.3\",\"id\":\"" : "{\"specversion\":\"1.0\",\"id\":\"")
        w.uuid(random.next(), random.next())
        w.raw("\",\"source\":")
        w.string(clusterCRN)
        w.raw(",\"type\":\"io.confluent.kafka.server/")
        w.raw(type)
        w.raw("\",\"datacontenttype\":\"application/json\",\"subject\":\"")
        w.escaped(clusterCRN)
        if let subjectTopic {
            w.raw("/topic=")
            w.escaped(subjectTopic)
        }
        w.raw("\"")
        w.raw(",\"time\":\"")
        w.rfc3339(ms: timeMs)
        w.raw("\"")
        if !legacy { w.raw(",\"route\":\"confluent-audit-log-events\"") }
    }

    private static func confluentRecord(_ value: [UInt8], producedMs: Int64) -> DemoRecord {
        DemoRecord(
            topic: confluentTopic, key: nil,
            headers: [RecordHeader("content-type", "application/cloudevents+json; charset=UTF-8")],
            value: value, timestampMs: producedMs)
    }

    // MARK: Redpanda

    /// A Redpanda OCSF API Activity (6003) record; `count > 1` merges repeats over a window.
    static func redpandaAuthorization(_ decision: DemoDecision, producedMs: Int64, random: inout DemoRandom) -> DemoRecord {
        var w = DemoBytes(capacity: 1100)
        w.raw("{\"category_uid\":6,\"class_uid\":6003")
        if decision.count > 1 {
            w.raw(",\"count\":")
            w.int(decision.count)
            w.raw(",\"end_time\":")
            w.int(decision.endMs ?? decision.timeMs)
        }
        redpandaMetadata(&w, brokerId: decision.brokerId)
        if decision.count > 1 {
            w.raw(",\"start_time\":")
            w.int(decision.timeMs)
        }
        w.raw(",\"time\":")
        w.int(decision.timeMs)
        w.raw(",\"type_uid\":")
        w.int(600_300 + decision.request.ocsfActivity)
        w.raw(",\"activity_id\":")
        w.int(decision.request.ocsfActivity)
        w.raw(",\"actor\":{\"authorizations\":[{\"decision\":")
        let op: StaticString = decision.request == .produce ? "write" : "read"
        if decision.granted {
            w.raw("\"authorized\",\"policy\":{\"desc\":\"acl: {principal {type user name ")
            w.escaped(decision.actor.redpandaUser)
            w.raw("} host {{any_host}} op ")
            w.raw(op)
            w.raw(" perm allow}, resource: type {topic} name {")
            w.escaped(decision.topic)
            w.raw("} pattern {literal}\",\"name\":\"aclAuthorization\"}}]")
        } else {
            w.raw("\"denied\",\"policy\":{\"desc\":\"no matches\",\"name\":\"aclAuthorization\"}}]")
        }
        w.raw(",\"user\":{\"name\":")
        w.string(decision.actor.redpandaUser)
        w.raw(",\"type_id\":1}},\"api\":{\"operation\":")
        w.string(decision.request.redpandaOperation)
        w.raw(",\"service\":{\"name\":\"kafka rpc protocol\"}}")
        redpandaDestination(&w, brokerId: decision.brokerId)
        w.raw(",\"resources\":[{\"name\":")
        w.string(decision.topic)
        w.raw(",\"type\":\"topic\"}]")
        redpandaSource(&w, actor: decision.actor, random: &random)
        w.raw(decision.granted ? ",\"status_id\":1" : ",\"status_id\":2")
        if decision.granted {
            w.raw(",\"unmapped\":{\"authorization_metadata\":{\"acl_authorization\":{\"host\":\"{{any_host}}\",\"op\":\"")
            w.raw(op)
            w.raw("\",\"permission_type\":\"allow\",\"principal\":\"{type user name ")
            w.escaped(decision.actor.redpandaUser)
            w.raw("}\"},\"resource\":{\"name\":")
            w.string(decision.topic)
            w.raw(",\"pattern\":\"literal\",\"type\":\"topic\"}}}}")
        } else {
            w.raw(",\"unmapped\":{}}")
        }
        return DemoRecord(topic: redpandaTopic, key: nil, headers: [], value: w.bytes, timestampMs: producedMs)
    }

    /// A Redpanda OCSF Authentication (3002) record.
    static func redpandaAuthentication(
        _ actor: DemoActor, success: Bool, timeMs: Int64, producedMs: Int64, brokerId: Int32, random: inout DemoRandom
    ) -> DemoRecord {
        var w = DemoBytes(capacity: 700)
        w.raw("{\"category_uid\":3,\"class_uid\":3002")
        redpandaMetadata(&w, brokerId: brokerId)
        w.raw(",\"time\":")
        w.int(timeMs)
        w.raw(",\"type_uid\":300201,\"activity_id\":1,\"auth_protocol\":")
        w.raw(actor == .shipping ? "\"mTLS\",\"auth_protocol_id\":99" : "\"SASL-SCRAM\",\"auth_protocol_id\":99")
        redpandaDestination(&w, brokerId: brokerId)
        w.raw(",\"is_cleartext\":false,\"is_mfa\":false,\"service\":{\"name\":\"kafka rpc protocol\"}")
        redpandaSource(&w, actor: actor, random: &random)
        if success {
            w.raw(",\"status_id\":1")
        } else {
            w.raw(",\"status_id\":2,\"status_detail\":\"SASL authentication failed: security: Invalid credentials\"")
        }
        w.raw(",\"user\":{\"name\":")
        w.string(actor.redpandaUser)
        w.raw(",\"type_id\":1}}")
        return DemoRecord(topic: redpandaTopic, key: nil, headers: [], value: w.bytes, timestampMs: producedMs)
    }

    private static func redpandaMetadata(_ w: inout DemoBytes, brokerId: Int32) {
        w.raw(",\"metadata\":{\"product\":{\"name\":\"Redpanda\",\"uid\":\"")
        w.int(Int64(brokerId))
        w.raw("\",\"vendor_name\":\"Redpanda Data, Inc.\",\"version\":\"v24.2.7\"},\"version\":\"1.0.0\"},\"severity_id\":1")
    }

    private static func redpandaDestination(_ w: inout DemoBytes, brokerId: Int32) {
        w.raw(",\"dst_endpoint\":{\"ip\":\"10.20.0.")
        w.int(Int64(brokerId))
        w.raw("\",\"port\":9092,\"svc_name\":\"kafka rpc protocol\"}")
    }

    private static func redpandaSource(_ w: inout DemoBytes, actor: DemoActor, random: inout DemoRandom) {
        w.raw(",\"src_endpoint\":{\"ip\":")
        w.string(actor.host)
        w.raw(",\"name\":")
        w.string(actor.name)
        w.raw(",\"port\":")
        w.int(random.int(32_768...60_999))
        w.raw("}")
    }

    // MARK: Apache Kafka authorizer log

    /// An authorizer log line with the stock log4j layout `[%d] %p %m (%c)`, in the KRaft
    /// `StandardAuthorizer` wording (`operation = WRITE ... based on rule`).
    static func authorizerLine(_ decision: DemoDecision) -> String {
        var w = DemoBytes(capacity: 260)
        w.raw("[")
        w.logDate(ms: decision.timeMs)
        w.raw("] INFO Principal = ")
        w.raw(decision.actor.principal)
        w.raw(decision.granted ? " is Allowed " : " is Denied ")
        w.raw("operation = ")
        w.raw(decision.request.aclOperation)
        w.raw(" from host = ")
        w.raw(decision.actor.host)
        w.raw(" on resource = Topic:LITERAL:")
        w.raw(decision.topic)
        w.raw(" for request = ")
        w.raw(decision.request.apiKey)
        w.raw(" with resourceRefCount = 1")
        if decision.granted {
            w.raw(" based on rule MatchingAcl(acl=StandardAcl(resourceType=TOPIC, resourceName=")
            w.raw(decision.topic)
            w.raw(", patternType=LITERAL, principal=")
            w.raw(decision.actor.principal)
            w.raw(", host=*, operation=")
            w.raw(decision.request.aclOperation)
            w.raw(", permissionType=ALLOW))")
        } else {
            w.raw(" based on rule DefaultDeny")
        }
        w.raw(" (kafka.authorizer.logger)")
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
