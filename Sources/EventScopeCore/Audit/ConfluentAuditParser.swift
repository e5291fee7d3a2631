/// Normalises Confluent audit log records (CloudEvents JSON) into decisions.
///
/// Handles `io.confluent.kafka.server/authorization`, `…/authentication` and
/// `io.confluent.cloud/request`, in both the 0.3 envelope (`confluentRouting.route`) and the
/// 1.0 envelope (`route`); routing does not affect the decision, so neither is required.
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
        do throws(AuditField.TypeMismatch) {
            guard let type = try fields.string("type") else { return .malformed(reason: "type: missing") }
            guard try fields.object("data") != nil else { return .malformed(reason: "data: missing") }
            var decision = Decision(
                timeMs: try fields.string("time").flatMap { Timestamp.parseMs($0) }, principal: "",
                operation: "UNKNOWN", granted: false, host: try host(fields),
                clientId: try fields.firstString(
                    "data.request.client_id", "data.request.clientId", "data.requestMetadata.clientId"),
                method: try fields.string("data.methodName"), format: .confluent, raw: raw)
            if let crn = try fields.string("data.resourceName"), let resource = AuditVocabulary.resource(fromCRN: crn) {
                decision.resourceType = resource.type
                decision.resourceName = resource.name
            }
            switch type {
            case authorizationType:
                guard let principal = try fields.string("data.authenticationInfo.principal") else {
                    return .malformed(reason: "data.authenticationInfo.principal: missing")
                }
                decision.principal = principal
                guard try applyAuthorization(fields, to: &decision) else {
                    return .malformed(reason: "data.authorizationInfo.granted: missing")
                }
            case authenticationType:
                // Failed logins name no user; Confluent writes None:UNKNOWN_USER, some versions omit it.
                decision.principal = try fields.string("data.authenticationInfo.principal") ?? "None:UNKNOWN_USER"
                decision.operation = "AUTHENTICATE"
                guard let status = try fields.string("data.result.status") else {
                    return .malformed(reason: "data.result.status: missing")
                }
                decision.granted = status == "SUCCESS"
                decision.rule = try authenticationRule(fields, status: status)
            case cloudRequestType:
                decision.principal = try cloudPrincipal(fields)
                decision.operation = decision.method.flatMap { AuditVocabulary.operation(forCloudMethod: $0) } ?? "UNKNOWN"
                guard try applyCloudOutcome(fields, to: &decision) else {
                    return .malformed(reason: "no result, authorization or authentication outcome")
                }
            default:
                return .notAudit(reason: "Confluent event type \(type) carries no decision")
            }
            return .decisions([decision])
        } catch {
            return .malformed(reason: error.reason)
        }
    }

    /// Fills operation, resource, grant and rule from `data.authorizationInfo`; false when no grant.
    private static func applyAuthorization(_ fields: AuditField, to decision: inout Decision) throws(AuditField.TypeMismatch) -> Bool {
        guard try fields.object("data.authorizationInfo") != nil else { return false }
        if let granted = try fields.bool("data.authorizationInfo.granted") {
            decision.granted = granted
        } else if let result = try fields.string("data.authorizationInfo.result"), result == "ALLOW" || result == "DENY" {
            decision.granted = result == "ALLOW"
        } else {
            return false
        }
        if let operation = try fields.string("data.authorizationInfo.operation") {
            decision.operation = AuditVocabulary.upperSnake(operation)
        } else if let method = decision.method, let operation = AuditVocabulary.operation(forKafkaAPI: method) {
            decision.operation = operation
        }
        if let type = try fields.string("data.authorizationInfo.resourceType") {
            decision.resourceType = AuditVocabulary.upperSnake(type)
        }
        if let name = try fields.string("data.authorizationInfo.resourceName") { decision.resourceName = name }
        decision.patternType = try fields.string("data.authorizationInfo.patternType")
        decision.rule = try authorizationRule(fields)
        return true
    }

    /// A short human rendering of whichever rule Confluent says decided.
    private static func authorizationRule(_ fields: AuditField) throws(AuditField.TypeMismatch) -> String? {
        if try fields.bool("data.authorizationInfo.superUserAuthorization") == true { return "super user" }
        if try fields.object("data.authorizationInfo.aclAuthorization") != nil {
            var text = "ACL"
            if let permission = try fields.string("data.authorizationInfo.aclAuthorization.permissionType") {
                text += " " + permission
            }
            if let host = try fields.string("data.authorizationInfo.aclAuthorization.host") { text += " host " + host }
            if let pattern = try fields.string("data.authorizationInfo.aclAuthorization.patternName") {
                let patternType = try fields.string("data.authorizationInfo.aclAuthorization.patternType")
                text += " on " + (patternType.map { $0 + ":" } ?? "") + pattern
            }
            return text
        }
        if try fields.object("data.authorizationInfo.rbacAuthorization") != nil {
            var text = "RBAC " + (try fields.string("data.authorizationInfo.rbacAuthorization.role") ?? "role")
            let scope = try fields.array("data.authorizationInfo.rbacAuthorization.scope.outerScope") ?? []
            let scopeText = scope.compactMap(\.stringValue).joined(separator: "/")
            if !scopeText.isEmpty { text += " at " + scopeText }
            return text
        }
        return nil
    }

    private static func authenticationRule(_ fields: AuditField, status: String) throws(AuditField.TypeMismatch) -> String? {
        let mechanism = try fields.string("data.authenticationInfo.metadata.mechanism")
        let message = try fields.firstString("data.result.message", "data.authenticationInfo.errorMessage")
        var parts: [String] = []
        if let mechanism, !mechanism.isEmpty { parts.append(mechanism) }
        if status != "SUCCESS" { parts.append(status) }
        if let message, !message.isEmpty { parts.append(message) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Cloud control-plane principals are objects (`email`, `confluentUser.resourceId`, ...).
    private static func cloudPrincipal(_ fields: AuditField) throws(AuditField.TypeMismatch) -> String {
        switch fields.value("data.authenticationInfo.principal") {
        case nil: return "None:UNKNOWN_USER"
        case .string(let text)?: return text
        case .object?: break
        default: throw AuditField.TypeMismatch(path: "data.authenticationInfo.principal", expected: "string or object")
        }
        let candidates = [
            "data.authenticationInfo.principal.email",
            "data.authenticationInfo.principal.confluentUser.resourceId",
            "data.authenticationInfo.principal.confluentServiceAccount.resourceId",
            "data.authenticationInfo.principal.externalAccount.subject",
        ]
        for path in candidates {
            if let name = try fields.string(path), !name.isEmpty { return "User:" + name }
        }
        return "None:UNKNOWN_USER"
    }

    /// Grant for a cloud request: an authorization result wins, then authentication, then status.
    private static func applyCloudOutcome(_ fields: AuditField, to decision: inout Decision) throws(AuditField.TypeMismatch) -> Bool {
        if try fields.object("data.authorizationInfo") != nil, try applyAuthorization(fields, to: &decision) {
            return true
        }
        if let authentication = try fields.string("data.authenticationInfo.result"), authentication == "FAILURE" {
            decision.granted = false
            decision.rule = "authentication failed"
            return true
        }
        guard let status = try fields.string("data.result.status") else { return false }
        decision.granted = status == "SUCCESS"
        return true
    }

    /// `client_address` is `/172.21.0.1` on Confluent Platform; Cloud sends `clientAddress: [{ip}]`.
    private static func host(_ fields: AuditField) throws(AuditField.TypeMismatch) -> String? {
        if var address = try fields.string("data.requestMetadata.client_address") {
            while address.hasPrefix("/") { address.removeFirst() }
            return address.isEmpty ? nil : address
        }
        if let addresses = try fields.array("data.requestMetadata.clientAddress"), let first = addresses.first {
            return first["ip"]?.stringValue
        }
        return nil
    }
}
