import EventScopeCore

/// `{"kind":"health","source","sourceKind","state","records","unparseable","offsetGaps",
/// "reasons":{reason: count},"recent":[{"time","position","reason","excerpt"}]}`: one line per
/// source for `--emit health`, so a CI gate can see records that turned into no decision.
enum HealthJSONLine {
    static func append(_ source: SourceHealth, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"kind":"health","source":"#.utf8)
        JSONLineWriter.appendString(source.name, to: &buffer)
        buffer.append(contentsOf: #","sourceKind":"#.utf8)
        JSONLineWriter.appendString(source.kind.rawValue, to: &buffer)
        buffer.append(contentsOf: #","state":"#.utf8)
        JSONLineWriter.appendString(source.state.label, to: &buffer)
        buffer.append(contentsOf: #","records":"#.utf8)
        JSONLineWriter.appendInt(Int64(clamping: source.records), to: &buffer)
        buffer.append(contentsOf: #","unparseable":"#.utf8)
        JSONLineWriter.appendInt(Int64(clamping: source.unparseable), to: &buffer)
        buffer.append(contentsOf: #","offsetGaps":"#.utf8)
        JSONLineWriter.appendInt(Int64(clamping: source.offsetGaps), to: &buffer)
        buffer.append(contentsOf: #","reasons":{"#.utf8)
        for (position, entry) in source.problemCounts.sorted(by: { $0.key < $1.key }).enumerated() {
            if position > 0 { buffer.append(UInt8(ascii: ",")) }
            JSONLineWriter.appendString(entry.key, to: &buffer)
            buffer.append(UInt8(ascii: ":"))
            JSONLineWriter.appendInt(Int64(clamping: entry.value), to: &buffer)
        }
        buffer.append(contentsOf: #"},"recent":["#.utf8)
        for index in stride(from: source.recentProblems.count - 1, through: 0, by: -1) {
            let problem = source.recentProblems[newest: index]
            if index != source.recentProblems.count - 1 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: #"{"time":"#.utf8)
            JSONLineWriter.appendTimestamp(ms: problem.timeMs, to: &buffer)
            buffer.append(contentsOf: #","position":"#.utf8)
            JSONLineWriter.appendString(problem.position, to: &buffer)
            buffer.append(contentsOf: #","reason":"#.utf8)
            JSONLineWriter.appendString(problem.reason, to: &buffer)
            buffer.append(contentsOf: #","excerpt":"#.utf8)
            JSONLineWriter.appendString(problem.excerpt, to: &buffer)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(contentsOf: "]}\n".utf8)
    }
}
