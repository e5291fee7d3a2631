/// Writes a least-privilege draft policy from observed traffic (`evscope policy infer`).
///
/// Per event type: the topics it was seen on, the sources its events declared as producers, the
/// principals granted READ on those topics (from audit decisions), and a schema inferred from
/// the payloads kept in the store's recent events — the types seen per field (integer and
/// number merge to number) and `required` = the fields present in every sample. Services map
/// each declared source to the principal it stands for by the `User:<name>` convention plus
/// the authenticated writers named after it (`User:CN=<source>,…`): a guess the operator should
/// check against the authenticated writers on the Topics screen.
/// The draft allows exactly what was seen; an operator should review it before enforcing.
public enum PolicyInfer {
    /// Nesting followed when inferring schemas; deeper values are left untyped.
    static let maxSchemaDepth = 6

    /// The draft policy as pretty-printed JSON that `PolicyParser` accepts.
    public static func draft(store: Store, parser: JSONParser = JSONParser(maxBytes: 256 << 10, maxDepth: 64)) -> String {
        var samples: [String: ShapeAccumulator] = [:]
        var sourcePrincipals: [String: String] = [:]
        for stored in store.recentEvents.newestFirst {
            if let source = stored.event.source, let principal = stored.claimedPrincipal, sourcePrincipals[source] == nil {
                sourcePrincipals[source] = principal
            }
            guard let type = stored.event.type, store.eventTypes[type] != nil else { continue }
            let value = stored.record.value ?? []
            var payload: JSONValue?
            if let range = stored.event.payloadRange, range.lowerBound >= 0, range.upperBound <= value.count {
                payload = try? parser.parse(value[range])
            }
            if let payload { samples[type, default: ShapeAccumulator()].add(payload, depth: 0) }
        }
        var types: [(key: String, value: JSONValue)] = []
        for name in store.eventTypes.names.sorted() where name != Store.untypedName {
            guard let stats = store.eventTypes[name] else { continue }
            let topics = stats.topics.counts.keys.sorted()
            // Declared source names: the policy resolves each to its service's principals.
            let producers = stats.declaredSources.counts.keys.sorted()
            var consumers: Set<String> = []
            for principalStats in store.principals where topics.contains(where: { principalStats.topicsConsumed.contains($0) }) {
                consumers.insert(principalStats.name)
            }
            var members: [(key: String, value: JSONValue)] = [
                ("topics", .array(topics.map { .string($0) })),
                ("producers", .array(producers.map { .string($0) })),
                ("consumers", .array(consumers.sorted().map { .string($0) })),
            ]
            if let shape = samples[name] { members.append(("schema", shape.schema(depth: 0).jsonValue)) }
            members.append(("sensitiveFields", .array([])))
            members.append(("encryptionRequired", .bool(false)))
            types.append((name, .object(members)))
        }
        // Authenticated writers named after a declared source (a certificate's CN, a SASL user)
        // join its claimed principal, so the draft does not flag the writes it was inferred from.
        var writers: Set<String> = []
        for topic in store.topics { writers.formUnion(store.authenticatedWrites.writers(topic: topic.name).map(\.principal)) }
        let services = sourcePrincipals.keys.sorted().compactMap { source -> (key: String, value: JSONValue)? in
            guard let claimed = sourcePrincipals[source] else { return nil }
            let named = writers.filter { $0 != claimed && ProducerIdentity.principal($0, standsFor: source) }.sorted()
            return (source, named.isEmpty ? .string(claimed) : .array(([claimed] + named).map { .string($0) }))
        }
        let root = JSONValue.object([
            ("version", .integer(1)),
            (
                "description",
                .string(
                    "Draft inferred by evscope from observed traffic: it allows exactly what was seen. Review before use; mark sensitive fields and encryption."
                )
            ),
            ("services", .object(services)),
            ("eventTypes", .object(types)),
        ])
        return root.pretty()
    }
}

/// The union of payload shapes seen for one type.
struct ShapeAccumulator {
    private var samples = 0
    private var types: Set<JSONSchema.ValueType> = []
    /// Per property: its accumulated shape and how many object samples had it.
    private var properties: [String: (shape: ShapeAccumulatorBox, present: Int)] = [:]
    private var propertyOrder: [String] = []
    private var objectSamples = 0
    private var items: ShapeAccumulatorBox?

    mutating func add(_ value: JSONValue, depth: Int) {
        samples += 1
        types.insert(Self.type(of: value))
        guard depth < PolicyInfer.maxSchemaDepth else { return }
        switch value {
        case .object(let members):
            objectSamples += 1
            for member in members.prefix(256) {
                if properties[member.key] == nil {
                    properties[member.key] = (ShapeAccumulatorBox(), 0)
                    propertyOrder.append(member.key)
                }
                properties[member.key]?.present += 1
                properties[member.key]?.shape.value.add(member.value, depth: depth + 1)
            }
        case .array(let elements):
            let box = items ?? ShapeAccumulatorBox()
            for element in elements.prefix(64) { box.value.add(element, depth: depth + 1) }
            items = box
        default:
            break
        }
    }

    func schema(depth: Int) -> JSONSchema {
        var merged = types
        if merged.contains(.number) { merged.remove(.integer) }
        var schema = JSONSchema(types: JSONSchema.ValueType.allCases.filter { merged.contains($0) })
        if merged.contains(.object) {
            schema.properties = propertyOrder.compactMap { name in
                properties[name].map { JSONSchema.Property(name: name, schema: $0.shape.value.schema(depth: depth + 1)) }
            }
            schema.required = propertyOrder.filter { properties[$0]?.present == objectSamples }
        }
        if merged.contains(.array), let items, items.value.samples > 0 { schema.items = [items.value.schema(depth: depth + 1)] }
        return schema
    }

    private static func type(of value: JSONValue) -> JSONSchema.ValueType {
        switch value {
        case .null: .null
        case .bool: .boolean
        case .integer: .integer
        case .number(let number): number.rounded(.towardZero) == number ? .integer : .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }
}

/// A reference holder that lets the accumulator nest itself.
final class ShapeAccumulatorBox {
    var value = ShapeAccumulator()
}
