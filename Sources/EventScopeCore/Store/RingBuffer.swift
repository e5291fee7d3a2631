/// A fixed-capacity ring that keeps the newest elements and counts the ones it overwrote.
public struct RingBuffer<Element>: Sendable where Element: Sendable {
    public let capacity: Int
    private var storage: [Element] = []
    private var head = 0
    /// How many elements were pushed out to make room (shown in the UI as evictions).
    public private(set) var overwritten: UInt64 = 0
    /// How many elements were ever appended.
    public private(set) var appended: UInt64 = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(min(self.capacity, 4096))
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public mutating func append(_ element: Element) {
        appended &+= 1
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
            overwritten &+= 1
        }
    }

    /// The element `index` positions back from the newest (0 = newest), or nil past the ends.
    public func newest(_ index: Int) -> Element? {
        index >= 0 && index < storage.count ? self[newest: index] : nil
    }

    /// The element `index` positions back from the newest (0 = newest); like an array
    /// subscript, an index outside `0..<count` traps.
    public subscript(newest index: Int) -> Element {
        precondition(index >= 0 && index < storage.count, "ring index out of range")
        return storage[(head + storage.count - 1 - index) % storage.count]
    }

    /// Elements from newest to oldest, lazily.
    public var newestFirst: some Sequence<Element> {
        (0..<storage.count).lazy.map { self[newest: $0] }
    }
}
