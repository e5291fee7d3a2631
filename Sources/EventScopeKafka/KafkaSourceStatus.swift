/// What a Kafka source reports about its connection and progress, for the status bar and logs.
///
/// Delivered through the consumer's status closure, from the consumer thread (and from
/// librdkafka's internal threads for `.log`), so receivers must hop to their own queue.
public enum KafkaSourceStatus: Sendable, Equatable {
    /// Metadata was fetched: these brokers (`host:port`) are in the cluster.
    case connected(brokers: [String])
    /// Each broker's connection state, reported when any of them changes.
    case brokers([BrokerState])
    /// No broker is reachable at the moment; librdkafka keeps retrying.
    case allBrokersDown(String)
    /// A connection failed or was dropped; librdkafka keeps retrying.
    case transportError(String)
    /// The brokers rejected our credentials (SASL or TLS).
    case authenticationFailed(String)
    /// Reading a partition was refused (Kafka error 29, topic authorization failed).
    case authorizationDenied(topic: String, partition: Int32, message: String)
    /// The set of partitions being read changed (at start and when re-scans find more).
    case assigned(partitions: [TopicPartition])
    /// This many partitions of the selected topics are not read: more match than the
    /// consumer's partition cap (0 once they all fit again).
    case partitionsOverCap(unwatched: Int, cap: Int)
    /// A literal topic does not exist (yet); re-scans keep looking for it.
    case topicMissing(String)
    /// Every assigned partition has reached its end at least once.
    case reachedEnd
    /// Messages not yet read, per partition, from the brokers' high watermarks.
    case lag([PartitionLag])
    /// Any other error librdkafka reported.
    case error(String)
    /// A librdkafka log line (syslog level: 0 emergency ... 7 debug).
    case log(level: Int, message: String)
}

/// One topic partition.
public struct TopicPartition: Sendable, Hashable, CustomStringConvertible {
    public let topic: String
    public let partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// A broker and whether our connection to it is up.
public struct BrokerState: Sendable, Equatable {
    /// The broker as librdkafka names it, e.g. `127.0.0.1:9092/1`.
    public let name: String
    public let isUp: Bool

    public init(name: String, isUp: Bool) {
        self.name = name
        self.isUp = isUp
    }
}

/// How far the monitor is behind the end of one partition.
public struct PartitionLag: Sendable, Equatable {
    public let partition: TopicPartition
    /// The offset the next produced message will get.
    public let highWatermark: Int64
    /// Messages between our position and the high watermark.
    public let lag: Int64

    public init(partition: TopicPartition, highWatermark: Int64, lag: Int64) {
        self.partition = partition
        self.highWatermark = highWatermark
        self.lag = lag
    }
}
