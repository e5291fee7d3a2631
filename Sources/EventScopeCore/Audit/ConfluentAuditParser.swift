/// Normalises Confluent audit log records (CloudEvents JSON) into decisions.
///
/// Handles `io.confluent.kafka.server/authorization`, `…/authentication` and
/// `io.confluent.cloud/request`, in both the 0.3 envelope (`confluentRouting.route`) and the
/// 1.0 envelope (`route`); routing does not affect the decision, so neither is required.
/// Confluent Platform and Cloud spell the same facts differently (`client_address: "/1.2.3.4"`
/// vs `clientAddress: [{"ip": …}]`, principals as strings or objects), so only the principal
/// and the outcome are required; every other field is taken in whatever shape it comes.
public enum ConfluentAuditParser {
    static let authorizationType = "io.confluent.kafka.server/authorization"
    static let authenticationType = "io.confluent.kafka.server/authentication"
    static let cloudRequestType = "io.confluent.cloud/request"

    /// True when the document is a Confluent CloudEvent (whatever its type).
    public static func recognises(_ document: JSONValue) -> Bool {
        guard let type = document["type"]?.stringValue, document["specversion"] != nil else { return false }
        return type.hasPrefix("io.confluent.")
    }

    /// Parses one record already decoded as JSON; `raw` is stored in the decision as is.
    public static func parse(_ document: JSONValue, raw: String) -> AuditParseOutcome {
        let fields = AuditField(root: document)
        guard let type = fields.scalar("type") else { return .malformed(reason: "type: missing") }
        guard fields.object("data") != nil else { return .malformed(reason: "data: missing or not an object") }
        do throws(AuditField.Unusable) {
            var decision = Decision(
                timeMs: fields.timeMs("time"), principal: "", operation: "UNKNOWN", granted: false,
                host: host(fields),
                clientId: fields.firstText("data.request.client_id", "data.request.clientId", "data.requestMetadata.clientId"),
                method: fields.text("data.methodName"), format: .confluent, raw: raw)
            if let resourceName = fields.value("data.resourceName") {
                if let crn = resourceName.stringValue, let resource = AuditVocabulary.resource(fromCRN: crn) {
                    decision.resourceType = resource.type
                    decision.resourceName = resource.name
                } else {
                    decision.resourceName = AuditField.text(of: resourceName)
                }
            }
            switch type {
            case authorizationType:
                guard let principal = try principal(fields) else {
                    return .malformed(reason: "data.authenticationInfo.principal: missing")
                }
                decision.principal = principal
                try applyAuthorization(fields, to: &decision)
            case authenticationType:
                // Failed logins name no user; Confluent writes None:UNKNOWN_USER, some versions omit it.
                decision.principal = try principal(fields) ?? "None:UNKNOWN_USER"
                decision.operation = "AUTHENTICATE"
                // A status is a name (SUCCESS, UNAUTHENTICATED, ...): a number would be a guess.
                guard let status = fields.value("data.result.status")?.stringValue, !status.isEmpty else {
                    throw AuditField.Unusable(path: "data.result.status", problem: unusable(fields, "data.result.status"))
                }
                decision.granted = status.uppercased() == "SUCCESS"
                decision.rule = authenticationRule(fields, status: status)
            case cloudRequestType:
                decision.principal = try principal(fields) ?? "None:UNKNOWN_USER"
                decision.operation = decision.method.flatMap { AuditVocabulary.operation(forCloudMethod: $0) } ?? "UNKNOWN"
                try applyCloudOutcome(fields, to: &decision)
            default:
                return .notAudit(reason: "Confluent event type \(type) carries no decision")
            }
            return .decisions([decision])
        } catch {
            return .malformed(reason: error.reason)
        }
    }

    /// "missing" or "unusable value <as received>" for an essential field.
    private static func unusable(_ fields: AuditField, _ path: String) -> String {
        guard let value = fields.value(path) else { return "missing" }
        return "unusable value " + String(AuditField.text(of: value).prefix(80))
    }

    /// Fills operation, resource, grant and rule from `data.authorizationInfo`; throws without a grant.
    private static func applyAuthorization(_ fields: AuditField, to decision: inout Decision) throws(AuditField.Unusable) {
        let base = "data.authorizationInfo."
        if let granted = fields.flag(base + "granted") {
            decision.granted = granted
        } else if let result = fields.scalar(base + "result")?.uppercased(), result == "ALLOW" || result == "DENY" {
            decision.granted = result == "ALLOW"
        } else {
            let path = fields.value(base + "granted") == nil && fields.value(base + "result") != nil ? base + "result" : base + "granted"
            throw AuditField.Unusable(path: path, problem: unusable(fields, path))
        }
        if let operation = fields.scalar(base + "operation") {
            decision.operation = AuditVocabulary.upperSnake(operation)
        } else if let method = decision.method, let operation = AuditVocabulary.operation(forKafkaAPI: method) {
            decision.operation = operation
        }
        if let type = fields.scalar(base + "resourceType") { decision.resourceType = AuditVocabulary.upperSnake(type) }
        if let name = fields.text(base + "resourceName") { decision.resourceName = name }
        decision.patternType = fields.text(base + "patternType")
        decision.rule = authorizationRule(fields, principal: decision.principal)
    }

    /// A short human rendering of whichever rule Confluent says decided, with the principals
    /// group mapping acted through.
    private static func authorizationRule(_ fields: AuditField, principal: String) -> String? {
        let base = "data.authorizationInfo."
        var text: String?
        if fields.flag(base + "superUserAuthorization") == true {
            text = "super user"
        } else if fields.value(base + "aclAuthorization") != nil {
            var acl = "ACL"
            if let permission = fields.text(base + "aclAuthorization.permissionType") { acl += " " + permission }
            if let host = fields.text(base + "aclAuthorization.host") { acl += " host " + host }
            if let pattern = fields.text(base + "aclAuthorization.patternName") {
                let patternType = fields.text(base + "aclAuthorization.patternType")
                acl += " on " + (patternType.map { $0 + ":" } ?? "") + pattern
            }
            text = acl
        } else if fields.value(base + "rbacAuthorization") != nil {
            var rbac = "RBAC " + (fields.text(base + "rbacAuthorization.role") ?? "role")
            let scope = fields.list(base + "rbacAuthorization.scope.outerScope").map(AuditField.text(of:)).joined(separator: "/")
            if !scope.isEmpty { rbac += " at " + scope }
            text = rbac
        }
        var via: [String] = []
        if let acting = fields.text(base + "actingPrincipal"), acting != principal { via.append("acting as " + acting) }
        let assigned = fields.list(base + "assignedPrincipals").map(AuditField.text(of:)).filter { $0 != principal }
        if !assigned.isEmpty { via.append("assigned " + assigned.joined(separator: ", ")) }
        guard !via.isEmpty else { return text }
        return ([text].compactMap { $0 } + via).joined(separator: "; ")
    }

    private static func authenticationRule(_ fields: AuditField, status: String) -> String? {
        let mechanism = fields.text("data.authenticationInfo.metadata.mechanism")
        let message = fields.firstText("data.result.message", "data.authenticationInfo.errorMessage")
        var parts: [String] = []
        if let mechanism, !mechanism.isEmpty { parts.append(mechanism) }
        if status.uppercased() != "SUCCESS" { parts.append(status) }
        if let message, !message.isEmpty { parts.append(message) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The authenticated principal: a `Type:name` string in Kafka events, an object in Cloud
    /// requests (`email`, `confluentUser.resourceId`, ...). With group mapping the record may
    /// name only the `identity` (a CRN ending in `identity=<subject>`). Nil when none is given;
    /// throws when one is given but names nobody.
    private static func principal(_ fields: AuditField) throws(AuditField.Unusable) -> String? {
        let path = "data.authenticationInfo.principal"
        switch fields.value(path) {
        case .string(let text)?:
            guard !text.isEmpty else { throw AuditField.Unusable(path: path, problem: "empty") }
            return text
        case .object?:
            let candidates = [
                "email", "confluentUser.resourceId", "confluentServiceAccount.resourceId", "externalAccount.subject",
                "identity", "resourceId", "name",
            ]
            for candidate in candidates {
                if let name = fields.scalar(path + "." + candidate), !name.isEmpty {
                    if candidate == "identity" { return "User:" + identitySubject(name) }
                    return name.hasPrefix("User:") ? name : "User:" + name
                }
            }
            throw AuditField.Unusable(path: path, problem: "object names no user, service account or identity")
        case nil:
            guard let identity = fields.scalar("data.authenticationInfo.identity"), !identity.isEmpty else { return nil }
            return "User:" + identitySubject(identity)
        case let other?:
            throw AuditField.Unusable(path: path, problem: "unusable value " + String(AuditField.text(of: other).prefix(80)))
        }
    }

    /// `crn://…/identity=alice@example.com` → `alice@example.com`; any other text as it is.
    private static func identitySubject(_ identity: String) -> String {
        guard let range = identity.range(of: "/identity=", options: .backwards) else { return identity }
        let subject = identity[range.upperBound...]
        return subject.isEmpty ? identity : String(subject)
    }

    /// Grant for a cloud request: an authorization result wins, then authentication, then status.
    private static func applyCloudOutcome(_ fields: AuditField, to decision: inout Decision) throws(AuditField.Unusable) {
        if fields.object("data.authorizationInfo") != nil {
            try applyAuthorization(fields, to: &decision)
            return
        }
        if let authentication = fields.scalar("data.authenticationInfo.result"), authentication.uppercased() == "FAILURE" {
            decision.granted = false
            decision.rule = "authentication failed"
            return
        }
        guard let status = fields.scalar("data.result.status") else {
            throw AuditField.Unusable(path: "data.result.status", problem: "no result, authorization or authentication outcome")
        }
        decision.granted = status.uppercased() == "SUCCESS"
    }

    /// The client's address: `client_address: "/172.21.0.1"` on Confluent Platform,
    /// `clientAddress: [{"ip": …}]` on Cloud, and either key in the other shapes too (a bare
    /// string, a list of strings, one object). Anything else is shown as received.
    static func host(_ fields: AuditField) -> String? {
        for path in ["data.requestMetadata.client_address", "data.requestMetadata.clientAddress"] {
            guard let value = fields.value(path) else { continue }
            if let address = address(in: value) { return address }
            return AuditField.text(of: value)
        }
        return nil
    }

    private static func address(in value: JSONValue) -> String? {
        switch value {
        case .string(var text):
            while text.hasPrefix("/") { text.removeFirst() }
            return text.isEmpty ? nil : text
        case .array(let elements):
            for element in elements { if let found = address(in: element) { return found } }
            return nil
        case .object:
            for key in ["ip", "address", "host"] {
                if let inner = value[key], let found = address(in: inner) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
