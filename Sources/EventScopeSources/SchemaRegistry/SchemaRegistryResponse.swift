import EventScopeCore

/// Reads the Schema Registry's REST answers. Bodies come from the network, so anything
/// unexpected (not JSON, missing fields, huge) becomes a `SchemaFetchError`, never a crash.
enum SchemaRegistryResponse {
    /// Bodies larger than this are refused (schemas are kilobytes; a registry is not a download site).
    static let maxBodyBytes = 8 << 20
    private static let parser = JSONParser(maxBytes: maxBodyBytes, maxDepth: 64)

    /// A schema from `GET /schemas/ids/{id}` or `GET /subjects/{subject}/versions/{version}`.
    static func schema(from body: [UInt8], id fallbackId: Int32?) throws(SchemaFetchError) -> RegisteredSchema {
        let document: JSONValue
        do {
            document = try parser.parse(body)
        } catch {
            throw SchemaFetchError(.invalid, "registry answer is not JSON")
        }
        guard let text = document["schema"]?.stringValue else {
            throw SchemaFetchError(.invalid, "registry answer has no \"schema\" text")
        }
        let typeName = document["schemaType"]?.stringValue
        guard let format = SchemaFormat(registryType: typeName) else {
            throw SchemaFetchError(.invalid, "unsupported schemaType \(shown(typeName ?? ""))")
        }
        let declaredId = document["id"]?.int64Value.flatMap { Int32(exactly: $0) }
        guard let id = declaredId ?? fallbackId else { throw SchemaFetchError(.invalid, "registry answer has no schema id") }
        var references: [RegisteredSchema.Reference] = []
        if case .array(let items)? = document["references"] {
            for item in items {
                guard let name = item["name"]?.stringValue, let subject = item["subject"]?.stringValue,
                    let version = item["version"]?.int64Value.flatMap({ Int(exactly: $0) })
                else {
                    throw SchemaFetchError(.invalid, "registry answer has a reference without name, subject and version")
                }
                references.append(RegisteredSchema.Reference(name: name, subject: subject, version: version))
            }
        }
        return RegisteredSchema(
            id: id, format: format, text: text, references: references, subject: document["subject"]?.stringValue,
            version: document["version"]?.int64Value.flatMap { Int(exactly: $0) })
    }

    /// The first subject and version from `GET /schemas/ids/{id}/versions`.
    static func firstSubjectVersion(from body: [UInt8]) -> (subject: String, version: Int)? {
        guard case .array(let items)? = try? parser.parse(body) else { return nil }
        for item in items {
            if let subject = item["subject"]?.stringValue, let version = item["version"]?.int64Value.flatMap({ Int(exactly: $0) }) {
                return (subject, version)
            }
        }
        return nil
    }

    /// The error for a non-2xx answer, with the registry's `error_code` and message when given.
    static func failure(status: Int, body: [UInt8]) -> SchemaFetchError {
        let document = try? parser.parse(body)
        let code = document?["error_code"]?.int64Value
        let message = document?["message"]?.stringValue.map { shown($0) }
        let detail = [message, code.map { "error \($0)" }].compactMap { $0 }.joined(separator: ", ")
        let reason = "HTTP \(status)" + (detail.isEmpty ? "" : ": \(detail)")
        switch status {
        case 404: return SchemaFetchError(.notFound, reason)
        case 401, 403: return SchemaFetchError(.unreachable, reason + " (check the registry credentials)")
        case 500...: return SchemaFetchError(.unreachable, reason)
        default: return SchemaFetchError(.invalid, reason)
        }
    }

    /// Registry text as it may be shown: escaped for the terminal and kept short.
    static func shown(_ text: String) -> String {
        TerminalText.escape(text, limit: 160)
    }
}
