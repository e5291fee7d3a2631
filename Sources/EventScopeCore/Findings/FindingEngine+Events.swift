/// Event rules: producer, topic, schema, sensitive fields, unknown types, PII, undecodable.
extension FindingEngine {
    /// Checks one decoded event; `claimedPrincipal` is the principal its declared source maps to
    /// (as `IngestPipeline` resolved it). Event findings name the declared source: a record says
    /// nothing authenticated about who wrote it.
    public func observe(event: Event, record: Record, claimedPrincipal: String?, nowMs: Int64) {
        countObservedEvent()
        let position = EventPosition(of: event)
        guard let type = event.type else {
            if event.format == .opaque { raiseUndecodable(event, position: position, nowMs: nowMs) }
            return
        }
        var payload = PayloadAccess(event: event, record: record, parser: configuration.payloadParser)
        var checkedPaths: Set<String> = []
        if let policy {
            if let rule = policy.rule(for: type) {
                checkRule(
                    rule, event: event, claimedPrincipal: claimedPrincipal, position: position, payload: &payload, checkedPaths: &checkedPaths, nowMs: nowMs)
            } else {
                raise(
                    Sighting(
                        rule: .unknownEventType, severity: .medium, title: "Unknown event type \(type) on \(event.topic)",
                        eventType: type, declaredSource: event.source, topic: event.topic, example: .event(position),
                        detail: "the policy has no rule for \(type); it travelled on \(event.topic)"
                            + (event.source.map { " with declared source \($0) (not authenticated)" } ?? "")),
                    nowMs: nowMs)
            }
        }
        checkPII(type: type, event: event, position: position, payload: &payload, skip: checkedPaths, nowMs: nowMs)
        if payload.didParse { countParsedPayload() }
    }

    private func checkRule(
        _ rule: EventTypePolicy, event: Event, claimedPrincipal: String?, position: EventPosition, payload: inout PayloadAccess,
        checkedPaths: inout Set<String>, nowMs: Int64
    ) {
        let type = rule.name
        var invalid = false
        if !rule.allowsTopic(event.topic) {
            invalid = true
            raise(
                Sighting(
                    rule: .typeOnWrongTopic, severity: .medium, title: "\(type) on topic \(event.topic), where the policy does not allow it",
                    eventType: type, declaredSource: event.source, topic: event.topic, example: .event(position),
                    detail: "\(type) may travel on: \(rule.topics.joined(separator: ", "))"),
                nowMs: nowMs)
        }
        if let source = event.source, let claimedPrincipal, !rule.allowsProducer(claimedPrincipal) {
            invalid = true
            raise(
                Sighting(
                    rule: .unauthorizedProducer, severity: .high,
                    title: "\(type) with declared source \(source), which may not produce it",
                    eventType: type, declaredSource: source, topic: event.topic, example: .event(position),
                    detail: "rests on the declared source \(source) (not authenticated), which stands for \(claimedPrincipal); "
                        + "allowed producers of \(type): \(rule.producers.isEmpty ? "none" : rule.producers.joined(separator: ", "))"),
                nowMs: nowMs)
        }
        if let schema = rule.schema, checkSchema(schema, rule: rule, event: event, position: position, payload: &payload, nowMs: nowMs) {
            invalid = true
        }
        if rule.encryptionRequired, event.encryption != .encrypted {
            checkedPaths = checkSensitiveFields(rule, event: event, position: position, payload: &payload, nowMs: nowMs)
        }
        if invalid { noteInvalid(position) }
    }

    /// Validates the payload; true when it broke the schema.
    private func checkSchema(
        _ schema: JSONSchema, rule: EventTypePolicy, event: Event, position: EventPosition,
        payload: inout PayloadAccess, nowMs: Int64
    ) -> Bool {
        let type = rule.name
        let parsed = payload.value
        let opaqueCiphertext: Bool = {
            guard event.encryption == .encrypted else { return false }
            guard let parsed else { return true }
            if case .string = parsed { return !(schema.types ?? []).contains(.string) }
            return false
        }()
        if opaqueCiphertext {
            raise(
                Sighting(
                    rule: .encryptedNotValidatable, severity: .low, title: "\(type): encrypted payload cannot be schema-validated",
                    eventType: type, topic: event.topic, example: .event(position),
                    detail: "the payload travels as ciphertext, so neither evscope nor the broker's schema registry can check it against the schema"),
                nowMs: nowMs)
            return false
        }
        let violation: SchemaValidator.Violation
        if let parsed {
            guard let found = validator.validate(parsed, against: schema, path: payload.rootPath) else { return false }
            violation = found
        } else {
            violation = SchemaValidator.Violation(
                path: payload.rootPath, message: event.payloadRange == nil ? "no payload found" : "payload is not valid JSON")
        }
        raise(
            Sighting(
                rule: .schemaInvalid, severity: .medium, title: "\(type) payload breaks its schema at \(violation.path)",
                eventType: type, declaredSource: event.source, topic: event.topic, detailKey: violation.path, example: .event(position),
                detail: violation.description, jsonPath: violation.path,
                examplePayload: payload.example(limit: configuration.maxExamplePayloadBytes),
                maskedPaths: maskPaths(rule: rule, payload: parsed)),
            nowMs: nowMs)
        return true
    }

    /// Raises a finding per sensitive field found in plaintext; returns the payload-relative
    /// paths it inspected so PII is not reported twice for them.
    private func checkSensitiveFields(
        _ rule: EventTypePolicy, event: Event, position: EventPosition, payload: inout PayloadAccess, nowMs: Int64
    ) -> Set<String> {
        let type = rule.name
        guard !rule.sensitiveFields.isEmpty else {
            raise(
                Sighting(
                    rule: .plaintextSensitiveField, severity: .high, title: "\(type) payload in plaintext, the policy requires it encrypted",
                    eventType: type, declaredSource: event.source, topic: event.topic, example: .event(position),
                    detail: "encryption state: \(event.encryption.rawValue)", jsonPath: payload.rootPath),
                nowMs: nowMs)
            return []
        }
        guard let parsed = payload.value else { return [] }
        var inspected: Set<String> = []
        for field in rule.sensitiveFields {
            for hit in PayloadPaths.values(at: field, in: parsed) {
                inspected.insert(hit.dotted)
                guard let text = hit.value.scalarText, !text.isEmpty, !EncryptionDetector.looksLikeCiphertext(text) else { continue }
                let path = payload.rootPath + hit.suffix
                raise(
                    Sighting(
                        rule: .plaintextSensitiveField, severity: .high, title: "\(type): sensitive field \(hit.dotted) in plaintext",
                        eventType: type, declaredSource: event.source, topic: event.topic, detailKey: field, example: .event(position),
                        detail: "\(path) is declared sensitive and \(type) requires encryption, but it holds plaintext",
                        jsonPath: path, evidence: text, examplePayload: payload.example(limit: configuration.maxExamplePayloadBytes),
                        maskedPaths: maskPaths(rule: rule, payload: parsed)),
                    nowMs: nowMs)
            }
        }
        return inspected
    }

    private func checkPII(
        type: String, event: Event, position: EventPosition, payload: inout PayloadAccess, skip: Set<String>,
        nowMs: Int64
    ) {
        guard event.encryption != .encrypted, payload.mightContainPII else { return }
        let rule = policy?.rule(for: type)
        guard let parsed = payload.value else {
            guard let text = payload.text else { return }
            for match in PIIDetector.matches(in: text).prefix(4) {
                raisePII(
                    match.kind, evidence: PayloadPaths.substring(text, match.range), path: nil, dotted: nil, type: type, event: event,
                    position: position, payload: nil, masked: [], nowMs: nowMs)
            }
            return
        }
        let found = PayloadPaths.piiHits(in: parsed)
        guard !found.isEmpty else { return }
        let masked = maskPaths(rule: rule, payload: parsed).union(found.map(\.dotted))
        for hit in found where !skip.contains(hit.dotted) {
            let path = payload.rootPath + hit.suffix
            raisePII(
                hit.kind, evidence: hit.evidence, path: path, dotted: hit.dotted, type: type, event: event,
                position: position, payload: payload.example(limit: configuration.maxExamplePayloadBytes), masked: masked, nowMs: nowMs)
        }
    }

    private func raisePII(
        _ kind: PIIDetector.Kind, evidence: String, path: String?, dotted: String?, type: String, event: Event,
        position: EventPosition, payload: JSONValue?, masked: Set<String>, nowMs: Int64
    ) {
        raise(
            Sighting(
                rule: .piiPlaintext, severity: kind == .cardNumber ? .high : .medium,
                title: "\(kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()) in plaintext in \(type)" + (dotted.map { " (\($0))" } ?? ""),
                eventType: type, declaredSource: event.source, topic: event.topic, detailKey: "\(kind.rawValue) \(dotted ?? "")",
                example: .event(position),
                detail: "likely \(kind.rawValue) in a plaintext payload" + (path.map { " at \($0)" } ?? ""), jsonPath: path,
                evidence: evidence, examplePayload: payload, maskedPaths: masked),
            nowMs: nowMs)
    }

    private func raiseUndecodable(_ event: Event, position: EventPosition, nowMs: Int64) {
        var what = "\(event.bytes) bytes, not a recognised event form"
        if let schemaId = event.schemaId { what += "; Confluent wire format, schema id \(schemaId)" }
        if event.encryption == .encrypted { what += "; looks encrypted" }
        raise(
            Sighting(
                rule: .undecodableEvent, severity: .low, title: "Undecodable records on \(event.topic)", topic: event.topic,
                example: .event(position), detail: what),
            nowMs: nowMs)
    }

    /// The policy's sensitive fields of the type plus fields holding detected PII.
    private func maskPaths(rule: EventTypePolicy?, payload: JSONValue?) -> Set<String> {
        var paths = Set(rule?.sensitiveFields ?? [])
        if let payload { paths.formUnion(PayloadPaths.piiHits(in: payload).map(\.dotted)) }
        return paths
    }
}
