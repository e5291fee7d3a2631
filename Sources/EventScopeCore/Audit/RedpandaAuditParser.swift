/// Normalises Redpanda audit log records (OCSF 1.0 JSON) into decisions.
///
/// Class 3002 (Authentication) becomes an AUTHENTICATE decision, class 6003 (API Activity)
/// one decision per named resource (Kafka API or Admin HTTP API), any other class a generic
/// decision so nothing the broker audited is dropped. Redpanda merges identical events and
/// says so in `count`, which is carried into `Decision.count` so rates multiply.
public enum RedpandaAuditParser {
    /// Larger counts are clamped: a hostile record must not inflate rates without bound.
    public static let maxCount = 1_000_000

    static let authenticationClass: Int64 = 3002
    static let apiActivityClass: Int64 = 6003

    /// True when the document looks like an OCSF event.
    public static func recognises(_ document: JSONValue) -> Bool {
        document["class_uid"] != nil && (document["category_uid"] != nil || document["metadata"] != nil)
    }

    /// Parses one record already decoded as JSON; `raw` is stored in each decision as is.
    public static func parse(_ document: JSONValue, raw: String) -> AuditParseOutcome {
        let fields = AuditField(root: document)
        do throws(AuditField.TypeMismatch) {
            guard let classUID = try fields.integer("class_uid") else { return .malformed(reason: "class_uid: missing") }
            let count = try fields.integer("count").map { Int(max(1, min($0, Int64(maxCount)))) } ?? 1
            var decision = Decision(
                timeMs: try fields.integer("time"), principal: "None:UNKNOWN_USER", operation: "UNKNOWN",
                granted: try fields.integer("status_id").map { $0 == 1 } ?? true,
                host: try fields.string("src_endpoint.ip"), clientId: try fields.string("src_endpoint.name"),
                count: count, format: .redpanda, raw: raw)
            switch classUID {
            case authenticationClass:
                decision.principal = principal(try fields.string("user.name"))
                decision.operation = "AUTHENTICATE"
                guard let status = try fields.integer("status_id") else { return .malformed(reason: "status_id: missing") }
                decision.granted = status == 1
                let protocolName = try fields.string("auth_protocol")
                decision.method = protocolName
                var rule = [protocolName].compactMap { $0 }
                if status != 1, let detail = try fields.string("status_detail"), !detail.isEmpty { rule.append(detail) }
                decision.rule = rule.isEmpty ? nil : rule.joined(separator: ": ")
                return .decisions([decision])
            default:
                decision.principal = principal(try fields.firstString("actor.user.name", "user.name"))
                try applyAuthorizations(fields, to: &decision)
                let apiOperation = try fields.string("api.operation")
                decision.method = apiOperation ?? "class \(classUID)"
                return .decisions(try expand(decision, fields: fields, apiOperation: apiOperation))
            }
        } catch {
            return .malformed(reason: error.reason)
        }
    }

    /// Redpanda names users without a type; Kafka principals carry one, so add `User:`.
    private static func principal(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "None:UNKNOWN_USER" }
        return "User:" + name
    }

    /// Any `denied` authorization denies; the rule is the policy text or the matched ACL.
    private static func applyAuthorizations(_ fields: AuditField, to decision: inout Decision) throws(AuditField.TypeMismatch) {
        guard let authorizations = try fields.array("actor.authorizations"), !authorizations.isEmpty else { return }
        var granted = true
        var rules: [String] = []
        for (index, element) in authorizations.enumerated() {
            let entry = AuditField(root: element)
            guard let verdict = try entry.string("decision") else {
                throw AuditField.TypeMismatch(path: "actor.authorizations.\(index).decision", expected: "string")
            }
            if verdict.lowercased() != "authorized" { granted = false }
            let name = try entry.string("policy.name")
            let description = try entry.string("policy.desc")
            let text = [name, description].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            if !text.isEmpty { rules.append(text) }
        }
        decision.granted = granted
        if let acl = try matchedACL(fields) {
            decision.rule = acl
        } else if !rules.isEmpty {
            decision.rule = rules.joined(separator: "; ")
        }
    }

    /// `unmapped.authorization_metadata` rendered as a short ACL, when it names one.
    private static func matchedACL(_ fields: AuditField) throws(AuditField.TypeMismatch) -> String? {
        let base = "unmapped.authorization_metadata."
        guard let principal = try fields.string(base + "acl_authorization.principal"), !principal.isEmpty else { return nil }
        var text = "ACL"
        for key in ["permission_type", "op"] {
            if let value = try fields.string(base + "acl_authorization." + key), !value.isEmpty { text += " " + value }
        }
        text += " " + principal
        if let host = try fields.string(base + "acl_authorization.host"), !host.isEmpty { text += " host " + host }
        if let name = try fields.string(base + "resource.name"), !name.isEmpty {
            let type = try fields.string(base + "resource.type") ?? ""
            let pattern = try fields.string(base + "resource.pattern") ?? ""
            text += " on " + [type, pattern].filter { !$0.isEmpty }.joined(separator: " ") + " " + name
        }
        return text
    }

    /// One decision per resource; ACL bindings describe the request body, not what was authorized.
    private static func expand(_ template: Decision, fields: AuditField, apiOperation: String?) throws(AuditField.TypeMismatch) -> [Decision] {
        var decision = template
        let isAdminAPI = try fields.object("http_request") != nil
        if isAdminAPI {
            decision.operation = apiOperation.flatMap { AuditVocabulary.operation(forHTTPMethod: $0) } ?? "UNKNOWN"
            decision.resourceType = "ADMIN_API"
            decision.resourceName = try fields.string("http_request.url.path")
            return [decision]
        }
        if let apiOperation {
            decision.operation = AuditVocabulary.operation(forKafkaAPI: apiOperation) ?? "UNKNOWN"
        }
        var resources: [(type: String, name: String?)] = []
        for (index, element) in (try fields.array("resources") ?? []).enumerated() {
            let entry = AuditField(root: element)
            guard let type = try entry.string("type") else {
                throw AuditField.TypeMismatch(path: "resources.\(index).type", expected: "string")
            }
            resources.append((AuditVocabulary.upperSnake(type), try entry.string("name")))
        }
        let authorized = resources.filter { $0.type != "ACL_BINDING" && $0.type != "ACL_BINDING_FILTER" }
        let chosen = authorized.isEmpty ? Array(resources.prefix(1)) : authorized
        guard !chosen.isEmpty else { return [decision] }
        return chosen.map { resource in
            var copy = decision
            copy.resourceType = resource.type
            copy.resourceName = resource.name
            return copy
        }
    }
}
