/// A JSON Schema `pattern`, compiled to a small automaton that matches in linear time.
///
/// Patterns come from policy files, and matching runs on every event, so a backtracking engine
/// (Foundation's `NSRegularExpression`, ICU) is out: `(a+)+$` would hang it on hostile input.
/// This is a Thompson-NFA (Pike VM) over Unicode scalars: work is O(pattern × text) whatever
/// the pattern. Supported subset of ECMA-262 syntax: literals, `.`, classes `[a-z_]` / `[^...]`,
/// `\d \D \w \W \s \S`, escaped metacharacters, anchors `^ $`, groups `(...)` / `(?:...)`,
/// alternation `|`, quantifiers `* + ? {n} {n,} {n,m}` (a trailing lazy `?` is accepted; it
/// cannot change whether a pattern matches). Backreferences and lookaround are refused.
/// As in JSON Schema, a pattern matches anywhere in the string unless anchored.
public struct SchemaPattern: Sendable, Equatable {
    /// Longer patterns are refused: no field format needs more, and it bounds compile work.
    public static let maxPatternLength = 512
    /// Compiled programs larger than this are refused (counted repetition multiplies size).
    public static let maxProgramSize = 4_096
    /// Only this many leading scalars of a value are matched, bounding per-value work.
    public static let maxTextLength = 4_096

    public let source: String
    private let program: [Instruction]

    /// Why a pattern was refused.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Compiles a pattern, or throws with the reason it is outside the supported subset.
    public init(_ source: String) throws(SyntaxError) {
        guard source.unicodeScalars.count <= Self.maxPatternLength else {
            throw SyntaxError(message: "pattern longer than \(Self.maxPatternLength) characters")
        }
        var parser = PatternParser(scalars: Array(source.unicodeScalars))
        let node = try parser.parseAll()
        var compiler = PatternCompiler()
        try compiler.emit(node)
        try compiler.append(.match)
        self.source = source
        self.program = compiler.program
    }

    public static func == (lhs: SchemaPattern, rhs: SchemaPattern) -> Bool { lhs.source == rhs.source }

    /// Whether the pattern matches somewhere in `text`.
    public func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(Self.maxTextLength))
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        for position in 0...scalars.count {
            // Unanchored search: a new thread starts at every position.
            if addThread(0, at: position, count: scalars.count, to: &current) { return true }
            guard position < scalars.count else { break }
            let scalar = scalars[position]
            next.clear()
            for pc in current.members {
                guard case .scalars(let set) = program[pc], set.contains(scalar) else { continue }
                if addThread(pc + 1, at: position + 1, count: scalars.count, to: &next) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Follows epsilon moves from `start`; true when a thread reaches `match`.
    private func addThread(_ start: Int, at position: Int, count: Int, to list: inout ThreadList) -> Bool {
        var stack = [start]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .lineStart: if position == 0 { stack.append(pc + 1) }
            case .lineEnd: if position == count { stack.append(pc + 1) }
            case .scalars: list.keep(pc)
            }
        }
        return false
    }
}

/// One automaton instruction.
private enum Instruction: Sendable {
    case scalars(ScalarSet)
    case split(Int, Int)
    case jump(Int)
    case lineStart
    case lineEnd
    case match
}

/// A set of scalars as ranges, possibly negated.
private struct ScalarSet: Sendable {
    var ranges: [ClosedRange<UInt32>]
    var negated = false

    static let any = ScalarSet(ranges: [0...0x10FFFF])
    static let digits = ScalarSet(ranges: [0x30...0x39])
    static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let space = ScalarSet(ranges: [0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x2028...0x2029, 0xFEFF...0xFEFF])

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        let inside = ranges.contains { $0.contains(value) }
        return inside != negated
    }
}

/// The parse tree of a pattern.
private indirect enum PatternNode {
    case scalars(ScalarSet)
    case lineStart
    case lineEnd
    case sequence([PatternNode])
    case alternatives([PatternNode])
    case repeated(PatternNode, min: Int, max: Int?)
}

/// Recursive-descent parser; group nesting is capped so recursion stays shallow.
private struct PatternParser {
    static let maxGroupDepth = 32
    let scalars: [Unicode.Scalar]
    var index = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func parseAll() throws(SchemaPattern.SyntaxError) -> PatternNode {
        let node = try parseAlternatives(depth: 0)
        guard index == scalars.count else { throw fail("unbalanced ')'") }
        return node
    }

    func fail(_ message: String) -> SchemaPattern.SyntaxError {
        SchemaPattern.SyntaxError(message: "\(message) at position \(index)")
    }

    mutating func parseAlternatives(depth: Int) throws(SchemaPattern.SyntaxError) -> PatternNode {
        var branches = [try parseSequence(depth: depth)]
        while index < scalars.count, scalars[index] == "|" {
            index += 1
            branches.append(try parseSequence(depth: depth))
        }
        return branches.count == 1 ? branches[0] : .alternatives(branches)
    }

    mutating func parseSequence(depth: Int) throws(SchemaPattern.SyntaxError) -> PatternNode {
        var items: [PatternNode] = []
        while index < scalars.count, scalars[index] != "|", scalars[index] != ")" {
            var atom = try parseAtom(depth: depth)
            while let (low, high) = try parseQuantifier() {
                if case .lineStart = atom { throw fail("quantifier after an anchor") }
                if case .lineEnd = atom { throw fail("quantifier after an anchor") }
                atom = .repeated(atom, min: low, max: high)
            }
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func parseQuantifier() throws(SchemaPattern.SyntaxError) -> (Int, Int?)? {
        guard index < scalars.count else { return nil }
        let bounds: (Int, Int?)
        switch scalars[index] {
        case "*":
            index += 1
            bounds = (0, nil)
        case "+":
            index += 1
            bounds = (1, nil)
        case "?":
            index += 1
            bounds = (0, 1)
        case "{":
            guard let counted = try parseCountedBounds() else { return nil }
            bounds = counted
        default: return nil
        }
        if index < scalars.count, scalars[index] == "?" { index += 1 }
        return bounds
    }

    /// `{n}`, `{n,}`, `{n,m}`; a `{` that starts none of these is refused rather than guessed.
    mutating func parseCountedBounds() throws(SchemaPattern.SyntaxError) -> (Int, Int?)? {
        index += 1
        guard let low = readNumber() else { throw fail("expected a number after '{'") }
        var high: Int? = low
        if index < scalars.count, scalars[index] == "," {
            index += 1
            high = readNumber()
        }
        guard index < scalars.count, scalars[index] == "}" else { throw fail("expected '}'") }
        index += 1
        if let high, high < low { throw fail("{n,m} with m < n") }
        return (low, high)
    }

    mutating func readNumber() -> Int? {
        var value = 0
        var digits = 0
        while index < scalars.count, let digit = scalars[index].properties.numericType == .decimal ? Int(String(scalars[index])) : nil {
            value = min(value * 10 + digit, 100_000)
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }

    mutating func parseAtom(depth: Int) throws(SchemaPattern.SyntaxError) -> PatternNode {
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "^": return .lineStart
        case "$": return .lineEnd
        case ".": return .scalars(ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], negated: true))
        case "(":
            guard depth < Self.maxGroupDepth else { throw fail("groups nested too deeply") }
            if index < scalars.count, scalars[index] == "?" {
                guard index + 1 < scalars.count, scalars[index + 1] == ":" else {
                    throw fail("lookaround and named groups are not supported")
                }
                index += 2
            }
            let inner = try parseAlternatives(depth: depth + 1)
            guard index < scalars.count, scalars[index] == ")" else { throw fail("missing ')'") }
            index += 1
            return inner
        case "[": return .scalars(try parseClass())
        case "\\": return .scalars(try parseEscape(inClass: false))
        case "*", "+", "?", "{": throw fail("nothing to repeat")
        case ")": throw fail("unbalanced ')'")
        default: return .scalars(ScalarSet(ranges: [scalar.value...scalar.value]))
        }
    }

    mutating func parseEscape(inClass: Bool) throws(SchemaPattern.SyntaxError) -> ScalarSet {
        guard index < scalars.count else { throw fail("pattern ends with '\\'") }
        let code = scalars[index]
        index += 1
        switch code {
        case "d": return .digits
        case "D": return ScalarSet(ranges: ScalarSet.digits.ranges, negated: true)
        case "w": return .word
        case "W": return ScalarSet(ranges: ScalarSet.word.ranges, negated: true)
        case "s": return .space
        case "S": return ScalarSet(ranges: ScalarSet.space.ranges, negated: true)
        case "n": return ScalarSet(ranges: [0x0A...0x0A])
        case "r": return ScalarSet(ranges: [0x0D...0x0D])
        case "t": return ScalarSet(ranges: [0x09...0x09])
        case "b" where !inClass, "B": throw fail("word boundaries are not supported")
        default:
            if code.properties.numericType == .decimal { throw fail("backreferences are not supported") }
            if code.properties.isAlphabetic { throw fail("unknown escape '\\\(code)'") }
            return ScalarSet(ranges: [code.value...code.value])
        }
    }

    mutating func parseClass() throws(SchemaPattern.SyntaxError) -> ScalarSet {
        var set = ScalarSet(ranges: [])
        if index < scalars.count, scalars[index] == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while true {
            guard index < scalars.count else { throw fail("missing ']'") }
            let scalar = scalars[index]
            if scalar == "]", !first {
                index += 1
                return set
            }
            first = false
            index += 1
            var low: UInt32
            if scalar == "\\" {
                let escaped = try parseEscape(inClass: true)
                // A class escape (\d, \w, \s) or a negated one cannot start a range.
                guard !escaped.negated, escaped.ranges.count == 1, escaped.ranges[0].count == 1 else {
                    if escaped.negated { throw fail("negated escapes inside a class are not supported") }
                    set.ranges += escaped.ranges
                    continue
                }
                low = escaped.ranges[0].lowerBound
            } else {
                low = scalar.value
            }
            if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
                index += 1
                var high = scalars[index].value
                index += 1
                if high == 0x5C {
                    let escaped = try parseEscape(inClass: true)
                    guard !escaped.negated, escaped.ranges.count == 1, escaped.ranges[0].count == 1 else {
                        throw fail("a class escape cannot end a range")
                    }
                    high = escaped.ranges[0].lowerBound
                }
                guard high >= low else { throw fail("range out of order") }
                set.ranges.append(low...high)
            } else {
                set.ranges.append(low...low)
            }
        }
    }
}

/// Emits instructions for a parse tree, refusing programs over the size cap.
private struct PatternCompiler {
    var program: [Instruction] = []

    mutating func append(_ instruction: Instruction) throws(SchemaPattern.SyntaxError) {
        guard program.count < SchemaPattern.maxProgramSize else {
            throw SchemaPattern.SyntaxError(message: "pattern expands beyond \(SchemaPattern.maxProgramSize) steps")
        }
        program.append(instruction)
    }

    mutating func emit(_ node: PatternNode) throws(SchemaPattern.SyntaxError) {
        switch node {
        case .scalars(let set): try append(.scalars(set))
        case .lineStart: try append(.lineStart)
        case .lineEnd: try append(.lineEnd)
        case .sequence(let items):
            for item in items { try emit(item) }
        case .alternatives(let branches):
            var jumps: [Int] = []
            for (position, branch) in branches.enumerated() {
                if position < branches.count - 1 {
                    let split = program.count
                    try append(.split(split + 1, 0))
                    try emit(branch)
                    jumps.append(program.count)
                    try append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repeated(let inner, let low, let high):
            for _ in 0..<low { try emit(inner) }
            if let high {
                // Each optional copy may be skipped; skipping one skips the rest.
                var splits: [Int] = []
                for _ in low..<high {
                    splits.append(program.count)
                    try append(.split(0, 0))
                    try emit(inner)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                try append(.split(0, 0))
                try emit(inner)
                try append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}

/// A set of program counters with O(1) insert and clear, in insertion order.
private struct ThreadList {
    private var seen: [UInt32]
    private var generation: UInt32 = 1
    /// Threads parked on a scalar instruction, waiting for the next input scalar.
    private(set) var members: [Int] = []

    init(capacity: Int) {
        seen = Array(repeating: 0, count: capacity)
    }

    /// Marks `pc` visited for this step; false when it already was.
    mutating func insert(_ pc: Int) -> Bool {
        guard seen[pc] != generation else { return false }
        seen[pc] = generation
        return true
    }

    mutating func keep(_ pc: Int) { members.append(pc) }

    mutating func clear() {
        members.removeAll(keepingCapacity: true)
        generation &+= 1
        if generation == 0 {
            for index in seen.indices { seen[index] = 0 }
            generation = 1
        }
    }
}
