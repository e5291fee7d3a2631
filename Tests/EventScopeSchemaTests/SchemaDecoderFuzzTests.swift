import Foundation
import Testing

@testable import EventScopeSchema

/// Seeded fuzzing of every decoder: mutated valid encodings, random schemas with bytes
/// encoded for them, and mutated schema texts. Each result must be an error or valid JSON
/// (checked by Foundation's parser), and a failed decode must leave the output as it was.
@Suite("Schema decoder fuzzing")
struct SchemaDecoderFuzzTests {
    /// Decodes and checks the result; returns whether it succeeded.
    @discardableResult
    static func checkAvro(_ decoder: AvroDecoder, _ payload: [UInt8]) -> Bool {
        var out = Array("[".utf8)
        do {
            try decoder.decode(payload, into: &out)
        } catch {
            #expect(out == Array("[".utf8), "output changed on error")
            #expect(!error.reason.isEmpty)
            return false
        }
        out.append(UInt8(ascii: "]"))
        #expect(isValidJSON(out), "invalid JSON for \(payload): \(String(decoding: out, as: UTF8.self))")
        return true
    }

    @discardableResult
    static func checkProtobuf(_ decoder: inout ProtobufDecoder, _ payload: [UInt8], _ indexes: [Int]) -> Bool {
        var out = Array("[".utf8)
        do {
            try decoder.decode(payload, messageIndexes: indexes, into: &out)
        } catch {
            #expect(out == Array("[".utf8), "output changed on error")
            return false
        }
        out.append(UInt8(ascii: "]"))
        #expect(isValidJSON(out), "invalid JSON for \(payload): \(String(decoding: out, as: UTF8.self))")
        return true
    }

    @Test func mutatedAvroEncodings() throws {
        var random = SeededRandom(seed: 0xA7_50)
        let seeds = AvroDecoderTests.primitives + AvroDecoderTests.complexTypes + AvroDecoderTests.logicalTypes
        var successes = 0
        for testCase in seeds {
            let decoder = AvroDecoder(schema: try AvroSchema(parsing: testCase.schema))
            #expect(Self.checkAvro(decoder, testCase.payload))
            for _ in 0..<60 where Self.checkAvro(decoder, random.mutate(testCase.payload)) {
                successes += 1
            }
        }
        #expect(successes > 100, "mutations should often still decode")
    }

    @Test func mutatedProtobufEncodings() throws {
        var random = SeededRandom(seed: 0x9B_0F)
        var decoder = ProtobufDecoder(schema: try ProtobufDecoderTests.ordersSchema())
        var successes = 0
        for testCase in ProtobufDecoderTests.cases {
            #expect(Self.checkProtobuf(&decoder, testCase.payload, testCase.indexes))
            for _ in 0..<60 where Self.checkProtobuf(&decoder, random.mutate(testCase.payload), testCase.indexes) {
                successes += 1
            }
        }
        #expect(successes > 100)
    }

    @Test func mutatedRealSerializerValues() throws {
        var random = SeededRandom(seed: 0x5E_21)
        for fixture in RealSerializerFixtureTests.fixtures where fixture.format != "JSON" {
            let value = [UInt8](try RealSerializerFixtureTests.read(fixture.bin))
            if fixture.format == "AVRO" {
                let references = try fixture.references.values.sorted().map { file throws in
                    try AvroSchema(parsing: try RealSerializerFixtureTests.text(file))
                }
                let decoder = AvroDecoder(
                    schema: try AvroSchema(
                        parsing: try RealSerializerFixtureTests.text(fixture.schemaFile),
                        references: references))
                for _ in 0..<150 { Self.checkAvro(decoder, random.mutate(Array(value[5...]))) }
            } else {
                var imports: [String: String] = [:]
                for (path, file) in fixture.references { imports[path] = try RealSerializerFixtureTests.text(file) }
                var decoder = ProtobufDecoder(
                    schema: try ProtobufSchema(
                        parsing: try RealSerializerFixtureTests.text(fixture.schemaFile),
                        imports: imports))
                for _ in 0..<150 {
                    let mutated = random.mutate(value)
                    guard let indexes = try? ProtobufMessageIndexes(parsing: mutated) else { continue }
                    Self.checkProtobuf(&decoder, Array(mutated[indexes.payloadOffset...]), indexes.indexes)
                }
            }
        }
    }

    @Test func randomAvroSchemasWithTheirEncodings() throws {
        var random = SeededRandom(seed: 0xC0_FFEE)
        for round in 0..<150 {
            var generator = RandomAvroType.Generator()
            let type = generator.type(depth: 0, using: &random)
            let schemaText = type.schemaJSON
            let schema = try AvroSchema(parsing: schemaText)
            let decoder = AvroDecoder(schema: schema)
            for _ in 0..<3 {
                var payload: [UInt8] = []
                type.encodeRandomValue(into: &payload, using: &random)
                #expect(Self.checkAvro(decoder, payload), "round \(round): valid encoding for \(schemaText) failed")
                for _ in 0..<8 { Self.checkAvro(decoder, random.mutate(payload)) }
            }
            for _ in 0..<4 { Self.checkAvro(decoder, random.bytes(Int.random(in: 0...40, using: &random))) }
        }
    }

    @Test func randomProtobufWireData() throws {
        var random = SeededRandom(seed: 0xBEEF)
        let schemas = [
            try ProtobufDecoderTests.ordersSchema(),
            try ProtobufSchema(parsing: ProtobufDecoderTests.proto2),
            try ProtobufSchema(
                parsing: "syntax = \"proto3\"; message Node { Node child = 1; repeated Node kids = 2; map<string, Node> named = 3; bytes b = 4; }"),
        ]
        for schema in schemas {
            var decoder = ProtobufDecoder(schema: schema)
            let messageCount = schema.topLevelMessageNames.count
            for _ in 0..<400 {
                let payload = RandomProtobufWire.message(depth: 0, using: &random)
                let indexes = [Int.random(in: 0..<messageCount, using: &random)]
                Self.checkProtobuf(&decoder, payload, indexes)
                Self.checkProtobuf(&decoder, random.mutate(payload), indexes)
            }
        }
    }

    @Test func mutatedSchemaTexts() throws {
        var random = SeededRandom(seed: 0x7E_57)
        let avroTexts = AvroDecoderTests.complexTypes.map(\.schema) + AvroDecoderTests.logicalTypes.map(\.schema)
        for text in avroTexts {
            for _ in 0..<40 {
                let mutated = String(decoding: random.mutate(Array(text.utf8)), as: UTF8.self)
                if let schema = try? AvroSchema(parsing: mutated) {
                    Self.checkAvro(AvroDecoder(schema: schema), random.bytes(Int.random(in: 0...24, using: &random)))
                }
            }
        }
        for text in [ProtobufDecoderTests.ordersProto, ProtobufDecoderTests.proto2] {
            for _ in 0..<150 {
                let mutated = String(decoding: random.mutate(Array(text.utf8)), as: UTF8.self)
                if let schema = try? ProtobufSchema(parsing: mutated, imports: ["common/money.proto": ProtobufDecoderTests.moneyProto]),
                    !schema.topLevelMessageNames.isEmpty
                {
                    var decoder = ProtobufDecoder(schema: schema)
                    Self.checkProtobuf(&decoder, RandomProtobufWire.message(depth: 0, using: &random), [0])
                }
            }
        }
    }
}

/// Random Avro schemas paired with an encoder of random valid values for them.
indirect enum RandomAvroType {
    case primitive(String)
    case logical(base: String, annotation: String)
    case enumeration(name: String, symbols: Int)
    case fixed(name: String, size: Int)
    case array(RandomAvroType)
    case map(RandomAvroType)
    case union([RandomAvroType])
    case record(name: String, fields: [RandomAvroType])

    struct Generator {
        var nextName = 0

        mutating func name() -> String {
            nextName += 1
            return "T\(nextName)"
        }

        mutating func type(depth: Int, using random: inout SeededRandom) -> RandomAvroType {
            let choice = Int.random(in: 0..<(depth >= 3 ? 9 : 14), using: &random)
            switch choice {
            case 0...7:
                return .primitive(["null", "boolean", "int", "long", "float", "double", "bytes", "string"][choice])
            case 8:
                let logical = [
                    ("int", #""logicalType":"date""#), ("long", #""logicalType":"timestamp-millis""#),
                    ("long", #""logicalType":"timestamp-micros""#), ("int", #""logicalType":"time-millis""#),
                    ("bytes", #""logicalType":"decimal","precision":20,"scale":3"#),
                    ("string", #""logicalType":"uuid""#),
                ]
                let picked = logical[Int.random(in: 0..<logical.count, using: &random)]
                return .logical(base: picked.0, annotation: picked.1)
            case 9: return .enumeration(name: name(), symbols: Int.random(in: 1...4, using: &random))
            case 10: return .fixed(name: name(), size: Int.random(in: 0...6, using: &random))
            case 11:
                return Bool.random(using: &random)
                    ? .array(type(depth: depth + 1, using: &random))
                    : .map(type(depth: depth + 1, using: &random))
            case 12:
                let branches = [RandomAvroType.primitive("null"), .primitive("string"), .primitive("long")].shuffled(using: &random)
                return .union(Array(branches.prefix(Int.random(in: 1...3, using: &random))))
            default:
                let recordName = name()
                return .record(
                    name: recordName,
                    fields: (0..<Int.random(in: 0...4, using: &random)).map { _ in
                        type(depth: depth + 1, using: &random)
                    })
            }
        }
    }

    var schemaJSON: String {
        switch self {
        case .primitive(let name): return "\"\(name)\""
        case .logical(let base, let annotation): return "{\"type\":\"\(base)\",\(annotation)}"
        case .enumeration(let name, let symbols):
            let list = (0..<symbols).map { "\"S\($0)\"" }.joined(separator: ",")
            return "{\"type\":\"enum\",\"name\":\"\(name)\",\"symbols\":[\(list)]}"
        case .fixed(let name, let size): return "{\"type\":\"fixed\",\"name\":\"\(name)\",\"size\":\(size)}"
        case .array(let items): return "{\"type\":\"array\",\"items\":\(items.schemaJSON)}"
        case .map(let values): return "{\"type\":\"map\",\"values\":\(values.schemaJSON)}"
        case .union(let branches): return "[" + branches.map(\.schemaJSON).joined(separator: ",") + "]"
        case .record(let name, let fields):
            let list = fields.enumerated().map { "{\"name\":\"f\($0.offset)\",\"type\":\($0.element.schemaJSON)}" }
            return "{\"type\":\"record\",\"name\":\"\(name)\",\"namespace\":\"fuzz\",\"fields\":[\(list.joined(separator: ","))]}"
        }
    }

    func encodeRandomValue(into out: inout [UInt8], using random: inout SeededRandom) {
        switch self {
        case .primitive(let name), .logical(let name, _):
            switch name {
            case "null": break
            case "boolean": out.append(Bool.random(using: &random) ? 1 : 0)
            case "int": out += WireBytes.long(Int64(Int32.random(in: .min ... .max, using: &random)))
            case "long": out += WireBytes.long(Int64.random(in: .min ... .max, using: &random))
            case "float": out += WireBytes.littleEndian(UInt64(UInt32.random(in: 0 ... .max, using: &random)), count: 4)
            case "double": out += WireBytes.littleEndian(random.next(), count: 8)
            case "bytes": out += WireBytes.bytes(random.bytes(Int.random(in: 0...20, using: &random)))
            default: out += WireBytes.bytes(random.bytes(Int.random(in: 0...20, using: &random)))
            }
        case .enumeration(_, let symbols): out += WireBytes.long(Int64.random(in: 0..<Int64(symbols), using: &random))
        case .fixed(_, let size): out += random.bytes(size)
        case .array(let items), .map(let items):
            let count = Int.random(in: 0...3, using: &random)
            if count > 0 {
                out += WireBytes.long(Int64(count))
                for _ in 0..<count {
                    if case .map = self { out += WireBytes.string("k\(Int.random(in: 0...9, using: &random))") }
                    items.encodeRandomValue(into: &out, using: &random)
                }
            }
            out += [0]
        case .union(let branches):
            let branch = Int.random(in: 0..<branches.count, using: &random)
            out += WireBytes.long(Int64(branch))
            branches[branch].encodeRandomValue(into: &out, using: &random)
        case .record(_, let fields):
            for field in fields { field.encodeRandomValue(into: &out, using: &random) }
        }
    }
}

/// Random well-formed Protobuf wire data with small field numbers, so it lands on declared
/// fields of every type with both matching and mismatching wire types.
enum RandomProtobufWire {
    static func message(depth: Int, using random: inout SeededRandom) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            let field = Int.random(in: 1...30, using: &random)
            switch Int.random(in: 0..<(depth >= 4 ? 4 : 6), using: &random) {
            case 0: out += WireBytes.pbVarint(field, random.chance(50) ? UInt64.random(in: 0...300, using: &random) : random.next())
            case 1: out += WireBytes.pbFixed32(field, UInt32.random(in: 0 ... .max, using: &random))
            case 2: out += WireBytes.pbFixed64(field, random.next())
            case 3: out += WireBytes.pbLength(field, random.bytes(Int.random(in: 0...12, using: &random)))
            case 4: out += WireBytes.pbLength(field, message(depth: depth + 1, using: &random))
            default: out += WireBytes.tag(field, 3) + message(depth: depth + 1, using: &random) + WireBytes.tag(field, 4)
            }
        }
        return out
    }
}
