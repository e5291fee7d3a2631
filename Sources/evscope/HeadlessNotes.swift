import EventScopeKafka
import Foundation

/// The stderr lines a headless run gives for its Kafka source's trouble, each said once.
///
/// A headless run has no status bar, so without these an outage, a missing topic or a denied
/// partition would leave it silent. Repeats (librdkafka reports a down broker every few
/// seconds) are said once until the text changes.
final class HeadlessNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var said: Set<String> = []
    private var missing: Set<String> = []

    var missingTopics: Set<String> { lock.withLock { missing } }

    /// The line to print for `status`, or nil when it is not trouble or was said already.
    func line(for status: KafkaSourceStatus, exitAtEnd: Bool) -> String? {
        let text: String
        switch status {
        case .topicMissing(let topic):
            lock.withLock { _ = missing.insert(topic) }
            text = "topic '\(topic)' does not exist" + (exitAtEnd ? "" : " (yet); waiting for it")
        case .allBrokersDown(let message): text = "all brokers down: \(message)"
        case .authenticationFailed(let message): text = "authentication failed: \(message)"
        case .authorizationDenied(let topic, let partition, _): text = "not authorized to read \(topic)[\(partition)]"
        case .partitionsOverCap(let unwatched, let cap) where unwatched > 0:
            text = SourceWiring.partitionCapNote(unwatched: unwatched, cap: cap)
        case .brokers(let brokers):
            let down = brokers.filter { !$0.isUp }
            guard !down.isEmpty else {
                lock.withLock { said = said.filter { !$0.hasPrefix("broker down") } }
                return nil
            }
            text = "broker down: \(down.count) of \(brokers.count); partitions they lead wait until they are back"
        case .error(let message): text = message
        default: return nil
        }
        return lock.withLock { said.insert(text).inserted } ? text : nil
    }
}
