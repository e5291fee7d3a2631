import EventScopeUI
import Foundation
import Testing

/// Compares a grid's text (and the role runs of marked rows) with a stored snapshot.
///
/// Set `EVSCOPE_RECORD_SNAPSHOTS=1` to (re)record. On mismatch the diff of lines is reported.
func assertSnapshot(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent("\(name).txt")
    var text = grid.textLines.map { $0 + "|" }.joined(separator: "\n") + "\n"
    text += "-- roles --\n"
    for y in 0..<grid.height {
        let runs = grid.roleRuns(row: y).filter { $0.role != .normal }
        if runs.isEmpty { continue }
        text += "\(y): " + runs.map { "\($0.role.themeKey)@\($0.start)-\($0.end)" }.joined(separator: " ") + "\n"
    }
    if ProcessInfo.processInfo.environment["EVSCOPE_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("missing snapshot \(name); run with EVSCOPE_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    if stored != text {
        let a = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(a.count, b.count) {
            let old = i < a.count ? String(a[i]) : ""
            let new = i < b.count ? String(b[i]) : ""
            if old == new { continue }
            let lineNumber = i + 1
            diff.append("line \(lineNumber):\n  - \(old)\n  + \(new)")
            if diff.count > 12 { break }
        }
        let report = diff.joined(separator: "\n")
        Issue.record("snapshot \(name) differs:\n\(report)", sourceLocation: sourceLocation)
    }
}
