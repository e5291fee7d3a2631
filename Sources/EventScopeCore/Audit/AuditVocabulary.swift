/// Normalises the operation and resource names the three audit formats spell differently.
///
/// Kafka's ZooKeeper authorizer writes `AlterConfigs`, KRaft writes `ALTER_CONFIGS`, Confluent
/// writes `Write` and Redpanda `all`; everything becomes the upper-case ACL enum name.
enum AuditVocabulary {
    /// `Read` → `READ`, `AlterConfigs` → `ALTER_CONFIGS`, `transactional_id` → `TRANSACTIONAL_ID`.
    static func upperSnake(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiUpperSnake(name) }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in name.unicodeScalars {
            if scalar == "-" || scalar == " " || scalar == "_" || scalar == "." {
                if let last = out.last, last != "_" { out.append("_") }
                previous = "_"
                continue
            }
            let isUpper = scalar.properties.isUppercase
            if isUpper, let previous, previous.properties.isLowercase || previous.properties.numericType != nil {
                out.append("_")
            }
            out.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
            previous = scalar
        }
        while out.last == "_" { out.removeLast() }
        return String(out)
    }

    /// The same rules over ASCII bytes, avoiding Unicode property lookups on the hot path.
    private static func asciiUpperSnake(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + 4)
        var previous: UInt8 = 0
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "_"), UInt8(ascii: "."):
                if let last = out.last, last != UInt8(ascii: "_") { out.append(UInt8(ascii: "_")) }
                previous = UInt8(ascii: "_")
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                let previousIsLowerOrDigit =
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(previous)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(previous)
                if previousIsLowerOrDigit { out.append(UInt8(ascii: "_")) }
                out.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                out.append(byte - 32)
            default:
                out.append(byte)
            }
            previous = byte
        }
        while out.last == UInt8(ascii: "_") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The ACL operation a Kafka API needs (`kafka.Produce`, `produce`, `Fetch` → WRITE, READ).
    static func operation(forKafkaAPI api: String) -> String? {
        var key = api
        if key.hasPrefix("kafka.") { key.removeFirst(6) }
        key = String(key.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
        return apiOperations[key]
    }

    /// The ACL operation closest to an HTTP method (Redpanda Admin API records).
    static func operation(forHTTPMethod method: String) -> String? {
        switch method.uppercased() {
        case "GET", "HEAD", "OPTIONS": return "DESCRIBE"
        case "POST", "PUT", "PATCH": return "ALTER"
        case "DELETE": return "DELETE"
        default: return nil
        }
    }

    /// The operation a Confluent Cloud control-plane method implies by its verb (`GetKafkaClusters`).
    static func operation(forCloudMethod method: String) -> String? {
        let verbs: [(String, String)] = [
            ("Get", "DESCRIBE"), ("List", "DESCRIBE"), ("Describe", "DESCRIBE"), ("Read", "DESCRIBE"),
            ("Search", "DESCRIBE"), ("Create", "CREATE"), ("Add", "CREATE"), ("Delete", "DELETE"),
            ("Remove", "DELETE"), ("Update", "ALTER"), ("Alter", "ALTER"), ("Patch", "ALTER"),
            ("Set", "ALTER"), ("Bind", "ALTER"), ("Unbind", "ALTER"),
        ]
        for (verb, operation) in verbs where method.hasPrefix(verb) { return operation }
        return nil
    }

    // From the Kafka documentation's "Operations and Resources on Protocols" table; keys are
    // API names lower-cased without separators so `FetchConsumer` and `create_acls` both match.
    private static let apiOperations: [String: String] = [
        "produce": "WRITE", "fetch": "READ", "fetchconsumer": "READ", "fetchfollower": "CLUSTER_ACTION",
        "listoffsets": "DESCRIBE", "metadata": "DESCRIBE", "offsetcommit": "READ", "offsetfetch": "DESCRIBE",
        "findcoordinator": "DESCRIBE", "joingroup": "READ", "heartbeat": "READ", "leavegroup": "READ",
        "syncgroup": "READ", "describegroups": "DESCRIBE", "listgroups": "DESCRIBE", "deletegroups": "DELETE",
        "consumergroupheartbeat": "READ", "consumergroupdescribe": "DESCRIBE", "offsetdelete": "DELETE",
        "createtopics": "CREATE", "deletetopics": "DELETE", "deleterecords": "DELETE",
        "createpartitions": "ALTER", "describeconfigs": "DESCRIBE_CONFIGS", "alterconfigs": "ALTER_CONFIGS",
        "incrementalalterconfigs": "ALTER_CONFIGS", "describeacls": "DESCRIBE", "createacls": "ALTER",
        "deleteacls": "ALTER", "initproducerid": "IDEMPOTENT_WRITE", "addpartitionstotxn": "WRITE",
        "addoffsetstotxn": "WRITE", "endtxn": "WRITE", "txnoffsetcommit": "READ",
        "describeproducers": "READ", "describetransactions": "DESCRIBE", "listtransactions": "DESCRIBE",
        "describelogdirs": "DESCRIBE", "alterreplicalogdirs": "ALTER", "describeclientquotas": "DESCRIBE_CONFIGS",
        "alterclientquotas": "ALTER_CONFIGS", "describeusercredentials": "DESCRIBE",
        "describeuserscramcredentials": "DESCRIBE", "alterusercredentials": "ALTER",
        "alteruserscramcredentials": "ALTER", "electleaders": "ALTER", "electpreferredleaders": "ALTER",
        "alterpartitionreassignments": "ALTER", "listpartitionreassignments": "DESCRIBE",
        "createdelegationtoken": "CREATE_TOKENS", "describedelegationtoken": "DESCRIBE",
        "describecluster": "DESCRIBE", "leaderandisr": "CLUSTER_ACTION", "stopreplica": "CLUSTER_ACTION",
        "updatemetadata": "CLUSTER_ACTION", "controlledshutdown": "CLUSTER_ACTION",
        "writetxnmarkers": "CLUSTER_ACTION", "saslhandshake": "AUTHENTICATE", "saslauthenticate": "AUTHENTICATE",
        "authentication": "AUTHENTICATE",
    ]

    /// Resource type from a Confluent CRN key (`topic`, `group`, `transactional-id`, `kafka`).
    static func resourceType(forCRNKey key: String) -> String {
        key == "kafka" ? "CLUSTER" : upperSnake(key)
    }

    /// Splits a CRN such as `crn://confluent.cloud/organization=o/kafka=lkc-1/topic=orders` into
    /// the most specific resource: (`TOPIC`, `orders`); a bare cluster gives (`CLUSTER`, id).
    ///
    /// Everything after the segment following `kafka=` is the name, because group names may
    /// themselves contain `/`.
    static func resource(fromCRN crn: String) -> (type: String, name: String)? {
        guard let schemeEnd = crn.firstRange(of: "://") else { return nil }
        let path = crn[schemeEnd.upperBound...]
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if !segments.isEmpty { segments.removeFirst() }  // the authority (`confluent.cloud` or empty)
        var last: (type: String, name: String)?
        var index = 0
        while index < segments.count {
            let segment = segments[index]
            guard let equals = segment.firstIndex(of: "=") else {
                index += 1
                continue
            }
            let key = String(segment[..<equals])
            if key != "kafka" && last?.type == "CLUSTER" {
                let rest = segments[index...].joined(separator: "/")
                guard let restEquals = rest.firstIndex(of: "=") else { return last }
                return (resourceType(forCRNKey: key), String(rest[rest.index(after: restEquals)...]))
            }
            last = (resourceType(forCRNKey: key), String(segment[segment.index(after: equals)...]))
            index += 1
        }
        return last
    }
}
