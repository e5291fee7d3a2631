import CRdKafka

/// A failure talking to Kafka or setting up a client, described in one line without secrets.
///
/// The CLI prints `description` as is and maps `exitCode`-relevant cases itself: connection and
/// authentication failures exit 3, configuration errors exit 4.
public enum KafkaError: Error, Equatable, CustomStringConvertible {
    /// A `-X`/`-F` property that is malformed or that librdkafka rejects.
    case invalidConfiguration(String)
    /// A topic pattern that is not a valid regular expression.
    case invalidTopicPattern(String)
    /// The brokers could not be reached (or refused us) within the connect timeout.
    case cannotConnect(String)
    /// The brokers rejected our credentials.
    case authenticationFailed(String)
    /// librdkafka could not create a client handle or a mock cluster.
    case clientCreationFailed(String)
    /// A produce call was refused immediately.
    case produceFailed(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message): return "invalid Kafka configuration: \(message)"
        case .invalidTopicPattern(let message): return "invalid topic pattern: \(message)"
        case .cannotConnect(let message): return message
        case .authenticationFailed(let message): return message
        case .clientCreationFailed(let message): return "cannot create Kafka client: \(message)"
        case .produceFailed(let message): return "produce failed: \(message)"
        }
    }
}

/// Human-readable text for a librdkafka error code.
func errorText(_ code: rd_kafka_resp_err_t) -> String {
    guard let text = rd_kafka_err2str(code) else { return "error \(code.rawValue)" }
    return String(cString: text)
}
