/// Normalises Redpanda audit log records (OCSF 1.0 JSON) into decisions.
///
/// Class 3002 (Authentication) becomes an AUTHENTICATE decision, class 6003 (API Activity)
/// one decision per named resource (Kafka API or Admin HTTP API), any other class a generic
/// decision so nothing the broker audited is dropped. Redpanda merges identical events and
/// says so in `count`, which is carried into `Decision.count` so rates multiply. Authentication
/// and API activity need a principal and an outcome; every other field is read in whatever
/// shape it comes (a time as text or a float, a count as a string, a name as a number).
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
        guard let classUID = fields.integer("class_uid") else {
            return .malformed(reason: "class_uid: " + (fields.value("class_uid") == nil ? "missing" : "not a class number"))
        }
        let count = fields.integer("count").map { Int(max(1, min($0, Int64(maxCount)))) } ?? 1
        let status = fields.integer("status_id")
        if fields.value("status_id") != nil, status == nil {
            return .malformed(reason: "status_id: unusable value " + String(fields.text("status_id")?.prefix(80) ?? ""))
        }
        var decision = Decision(
            timeMs: fields.timeMs("time") ?? fields.timeMs("start_time") ?? fields.timeMs("end_time"),
            principal: "None:UNKNOWN_USER", operation: "UNKNOWN", granted: status.map { $0 == 1 } ?? true,
            host: fields.text("src_endpoint.ip"), clientId: fields.text("src_endpoint.name"),
            count: count, format: .redpanda, raw: raw)
        switch classUID {
        case authenticationClass:
            guard let principal = principal(fields, "user") else { return .malformed(reason: "user.name: missing or unusable") }
            decision.principal = principal
            decision.operation = "AUTHENTICATE"
            guard let status else { return .malformed(reason: "status_id: missing") }
            decision.granted = status == 1
            let protocolName = fields.text("auth_protocol")
            decision.method = protocolName
            var rule = [protocolName].compactMap { $0 }
            if status != 1, let detail = fields.text("status_detail"), !detail.isEmpty { rule.append(detail) }
            decision.rule = withGroups(rule.isEmpty ? nil : rule.joined(separator: ": "), groups(fields, "user"))
            return .decisions([decision])
        default:
            let found = principal(fields, "actor.user") ?? principal(fields, "user")
            if classUID == apiActivityClass, found == nil {
                return .malformed(reason: "actor.user.name: missing or unusable")
            }
            decision.principal = found ?? decision.principal
            let hasOutcome = applyAuthorizations(fields, to: &decision)
            if classUID == apiActivityClass, !hasOutcome, status == nil {
                return .malformed(reason: "actor.authorizations: no decision, and no status_id")
            }
            decision.rule = withGroups(decision.rule, groups(fields, "actor.user") + groups(fields, "user"))
            let apiOperation = fields.text("api.operation")
            decision.method = apiOperation ?? "class \(classUID)"
            return .decisions(expand(decision, fields: fields, apiOperation: apiOperation))
        }
    }

    /// Redpanda names users without a type; Kafka principals carry one, so add `User:`. Names
    /// may come as numbers (numeric user ids); an object or an empty name is unusable.
    private static func principal(_ fields: AuditField, _ user: String) -> String? {
        guard let name = fields.scalar(user + ".name"), !name.isEmpty else { return nil }
        return "User:" + name
    }

    /// The groups a user is a member of (`user.groups[].name`), which group ACLs match on.
    private static func groups(_ fields: AuditField, _ user: String) -> [String] {
        fields.list(user + ".groups").compactMap { group in
            if case .object = group { return group["name"].map(AuditField.text(of:)) }
            return AuditField.text(of: group)
        }
    }

    private static func withGroups(_ rule: String?, _ groups: [String]) -> String? {
        guard !groups.isEmpty else { return rule }
        let text = "groups " + groups.joined(separator: ", ")
        return rule.map { $0 + "; " + text } ?? text
    }

    /// Any `denied` authorization denies; the rule is the policy text or the matched ACL.
    /// Returns whether any authorization carried a readable decision.
    private static func applyAuthorizations(_ fields: AuditField, to decision: inout Decision) -> Bool {
        var granted = true
        var verdicts = 0
        var rules: [String] = []
        for element in fields.list("actor.authorizations") {
            let entry = AuditField(root: element)
            if let verdict = entry.scalar("decision") {
                verdicts += 1
                if verdict.lowercased() != "authorized" { granted = false }
            }
            let name = entry.text("policy.name")
            let description = entry.text("policy.desc")
            let text = [name, description].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            if !text.isEmpty { rules.append(text) }
        }
        if verdicts > 0 { decision.granted = granted }
        if let acl = matchedACL(fields) {
            decision.rule = acl
        } else if !rules.isEmpty {
            decision.rule = rules.joined(separator: "; ")
        }
        return verdicts > 0
    }

    /// `unmapped.authorization_metadata` rendered as a short ACL, when it names one (a user
    /// `{type user name alice}` or a group `type {group} name {/sales}`).
    private static func matchedACL(_ fields: AuditField) -> String? {
        let base = "unmapped.authorization_metadata."
        guard let principal = fields.text(base + "acl_authorization.principal"), !principal.isEmpty else { return nil }
        var text = "ACL"
        for key in ["permission_type", "op"] {
            if let value = fields.text(base + "acl_authorization." + key), !value.isEmpty { text += " " + value }
        }
        text += " " + principal
        if let host = fields.text(base + "acl_authorization.host"), !host.isEmpty { text += " host " + host }
        if let name = fields.text(base + "resource.name"), !name.isEmpty {
            let type = fields.text(base + "resource.type") ?? ""
            let pattern = fields.text(base + "resource.pattern") ?? ""
            text += " on " + [type, pattern].filter { !$0.isEmpty }.joined(separator: " ") + " " + name
        }
        return text
    }

    /// One decision per resource; ACL bindings describe the request body, not what was authorized.
    private static func expand(_ template: Decision, fields: AuditField, apiOperation: String?) -> [Decision] {
        var decision = template
        if fields.value("http_request") != nil {
            decision.operation = apiOperation.flatMap { AuditVocabulary.operation(forHTTPMethod: $0) } ?? "UNKNOWN"
            decision.resourceType = "ADMIN_API"
            decision.resourceName = fields.text("http_request.url.path")
            return [decision]
        }
        if let apiOperation {
            decision.operation = AuditVocabulary.operation(forKafkaAPI: apiOperation) ?? "UNKNOWN"
        }
        var resources: [(type: String?, name: String?)] = []
        for element in fields.list("resources") {
            let entry = AuditField(root: element)
            if case .object = element {
                resources.append((entry.scalar("type").map(AuditVocabulary.upperSnake), entry.text("name")))
            } else {
                resources.append((nil, AuditField.text(of: element)))
            }
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
