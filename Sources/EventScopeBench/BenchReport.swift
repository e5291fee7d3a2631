import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// The result of one `evscope bench` run: named measurements with units and targets, printed
/// as aligned text for people or as one JSON object for scripts.
public struct BenchReport: Sendable {
    /// One measured number.
    public struct Metric: Sendable, Codable {
        public var name: String
        public var value: Double
        public var unit: String
        /// The target as the README states it, e.g. "≥ 300000".
        public var target: String?
        /// Whether the value meets the target (nil when there is no target).
        public var met: Bool?

        public init(_ name: String, _ value: Double, _ unit: String, target: String? = nil, met: Bool? = nil) {
            self.name = name
            self.value = value
            self.unit = unit
            self.target = target
            self.met = met
        }
    }

    public var name: String
    public var metrics: [Metric] = []
    /// Context a reader needs to interpret the numbers (corpus sizes, caveats).
    public var notes: [String] = []

    public init(name: String) {
        self.name = name
    }

    public mutating func add(_ name: String, _ value: Double, _ unit: String, atLeast minimum: Double? = nil, atMost maximum: Double? = nil) {
        var target: String?
        var met: Bool?
        if let minimum {
            target = "≥ " + Self.format(minimum)
            met = value >= minimum
        } else if let maximum {
            target = "≤ " + Self.format(maximum)
            met = value <= maximum
        }
        metrics.append(Metric(name, value, unit, target: target, met: met))
    }

    public mutating func note(_ text: String) {
        notes.append(text)
    }

    /// Aligned lines: name, value, unit, and the target with ok / MISS.
    public var text: String {
        let nameWidth = metrics.map(\.name.count).max() ?? 0
        var lines = ["bench \(name)"]
        for metric in metrics {
            var line = "  " + metric.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let value = Self.format(metric.value)
            line += "  " + String(repeating: " ", count: max(0, 14 - value.count)) + value + " " + metric.unit
            if let target = metric.target, let met = metric.met {
                line = line.padding(toLength: max(line.count, nameWidth + 34), withPad: " ", startingAt: 0)
                line += "  target \(target) " + (met ? "ok" : "MISS")
            }
            lines.append(line)
        }
        for note in notes { lines.append("  note: " + note) }
        return lines.joined(separator: "\n")
    }

    /// `{"bench": name, "metrics": [...], "notes": [...]}` on one line.
    public var json: String {
        struct Document: Codable {
            var bench: String
            var metrics: [Metric]
            var notes: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Document(bench: name, metrics: metrics, notes: notes)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whole numbers without decimals, small ones with up to three significant decimals.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value.magnitude >= 1000 || value == value.rounded() { return String(Int64(value.rounded())) }
        if value.magnitude >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.3f", value)
    }
}
