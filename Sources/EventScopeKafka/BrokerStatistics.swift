/// Reads the broker states out of librdkafka's statistics JSON without parsing the rest.
///
/// The statistics carry an object for every assigned partition (~750 bytes each), rebuilt every
/// second. Parsing all of it into Foundation objects made the dashboard's memory grow with the
/// partition count: the 2,000-topic flood (8,000 partitions) peaked at 380 MB, 173 MB with
/// statistics off. Only the top-level `brokers` object is needed, and librdkafka writes it
/// before `topics`, so this walks the top level, reads each broker's `nodeid` and `state`,
/// skips everything else without building it, and stops after `brokers`.
enum BrokerStatistics {
    /// The cluster brokers' states sorted by name, or nil when the JSON has no readable
    /// `brokers` object. Bootstrap placeholders (node id -1) are not cluster members, and the
    /// group coordinator connection is a second handle to a broker already listed.
    static func states(in json: UnsafeRawBufferPointer) -> [BrokerState]? {
        var cursor = Cursor(bytes: json)
        guard cursor.consume(UInt8(ascii: "{")) else { return nil }
        while let key = cursor.readString() {
            guard cursor.consume(UInt8(ascii: ":")) else { return nil }
            if key.elementsEqual("brokers".utf8) { return brokers(&cursor)?.sorted { $0.name < $1.name } }
            guard cursor.skipValue() else { return nil }
            guard cursor.consume(UInt8(ascii: ",")) else { return nil }
        }
        return nil
    }

    private static func brokers(_ cursor: inout Cursor) -> [BrokerState]? {
        guard cursor.consume(UInt8(ascii: "{")) else { return nil }
        var states: [BrokerState] = []
        if cursor.consume(UInt8(ascii: "}")) { return states }
        while let name = cursor.readString() {
            guard cursor.consume(UInt8(ascii: ":")), cursor.consume(UInt8(ascii: "{")) else { return nil }
            var nodeId: Int?
            var state: String?
            if !cursor.consume(UInt8(ascii: "}")) {
                while let key = cursor.readString() {
                    guard cursor.consume(UInt8(ascii: ":")) else { return nil }
                    if key.elementsEqual("nodeid".utf8) {
                        nodeId = cursor.readInteger()
                    } else if key.elementsEqual("state".utf8), let text = cursor.readString() {
                        state = String(decoding: text, as: UTF8.self)
                    } else if !cursor.skipValue() {
                        return nil
                    }
                    if cursor.consume(UInt8(ascii: "}")) { break }
                    guard cursor.consume(UInt8(ascii: ",")) else { return nil }
                }
            }
            let nameText = String(decoding: name, as: UTF8.self)
            if let nodeId, nodeId >= 0, let state, !nameText.hasPrefix("GroupCoordinator") {
                states.append(BrokerState(name: nameText, isUp: state == "UP"))
            }
            if cursor.consume(UInt8(ascii: "}")) { return states }
            guard cursor.consume(UInt8(ascii: ",")) else { return nil }
        }
        return nil
    }

    /// A position in well-formed-or-not JSON bytes; every read is bounds-checked and fails
    /// (nil / false) rather than trapping on malformed input.
    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        private mutating func skipWhitespace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        /// Skips whitespace and the byte if it is next; true when it was.
        mutating func consume(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string's raw bytes between its quotes (escapes left as they are).
        mutating func readString() -> UnsafeRawBufferPointer.SubSequence? {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\\"): i += 2
                case UInt8(ascii: "\""):
                    index = i + 1
                    return bytes[start..<i]
                default: i += 1
                }
            }
            return nil
        }

        mutating func readInteger() -> Int? {
            skipWhitespace()
            var value = 0
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), index - start < 18 {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            guard index > start else { return nil }
            return negative ? -value : value
        }

        /// Skips one value of any kind (containers by depth, strings by their escapes).
        mutating func skipValue() -> Bool {
            skipWhitespace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return readString() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard readString() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                let start = index
                while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index]) {
                    index += 1
                }
                return index > start
            }
        }
    }
}
