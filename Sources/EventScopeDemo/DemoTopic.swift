import EventScopeCore

/// A topic the demo world writes to, with the partition count to create it with.
public struct DemoTopic: Sendable, Equatable {
    public let name: String
    public let partitions: Int32

    public init(name: String, partitions: Int32) {
        self.name = name
        self.partitions = partitions
    }
}
