import EventScopeCore

/// One line of a recording: a consumed Kafka record, or a line read from a followed audit file.
///
/// Audit file lines are kept in the same file as records (with topic = the file's name) so a
/// replay of a demo or watch session yields the same decisions as the live run did.
public struct RecordingLine: Sendable {
    /// Where the line's bytes were read from live.
    public enum Origin: Sendable, Equatable {
        case kafka
        case auditFile
    }

    public var record: Record
    public var origin: Origin

    public init(record: Record, origin: Origin = .kafka) {
        self.record = record
        self.origin = origin
    }
}
