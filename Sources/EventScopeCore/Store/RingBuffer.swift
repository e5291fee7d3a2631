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

    /// The element `index` positions back from the newest (0 = newest).
    public func newest(_ index: Int) -> Element? {
        guard index >= 0, index < storage.count else { return nil }
        let position = (head + storage.count - 1 - index) % storage.count
        return storage[position]
    }

    /// Elements from newest to oldest, lazily.
    public var newestFirst: some Sequence<Element> {
        (0..<storage.count).lazy.map { i in storage[(head + storage.count - 1 - i) % storage.count] }
    }
}
