import EventScopeCore

/// Something the demo world does at a moment: produce a record, log an authorizer line, or
/// take a broker down or up.
public enum DemoOutput: Sendable, Equatable {
    /// Produce this record (events and audit records alike).
    case record(DemoRecord)
    /// Append this line (no trailing newline) to the followed `kafka-authorizer.log` file.
    case authorizerLogLine(String, timeMs: Int64)
    /// Take this mock broker id down (`rd_kafka_mock_broker_set_down`).
    case brokerDown(Int32, timeMs: Int64)
    /// Bring this mock broker id back up.
    case brokerUp(Int32, timeMs: Int64)

    /// When the output is due, epoch milliseconds.
    public var timeMs: Int64 {
        switch self {
        case .record(let record): record.timestampMs
        case .authorizerLogLine(_, let timeMs), .brokerDown(_, let timeMs), .brokerUp(_, let timeMs): timeMs
        }
    }
}
