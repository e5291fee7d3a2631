import CPrefetch

/// A growable array of records that the trace index reads and writes in place.
///
/// The index mutates a field of a node or chain several times per insert; through a Swift
/// array each of those writes checked the buffer's uniqueness and could copy it, and the
/// profile of a new trace's insert showed those checks and copies. A slab is a reference
/// owned by one index, so an element is addressed directly. Indices are still checked.
final class TraceSlab<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 16
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < count, "trace slab index out of range")
            return UnsafePointer(base + index)
        }
        unsafeMutableAddress {
            precondition(index >= 0 && index < count, "trace slab index out of range")
            return base + index
        }
    }

    var indices: Range<Int> { 0..<count }

    /// Mutates an element in place through one checked access, for writing many of its fields.
    @inline(__always)
    func update<Result>(at index: Int, _ body: (inout Element) -> Result) -> Result {
        precondition(index >= 0 && index < count, "trace slab index out of range")
        return body(&base[index])
    }

    /// Starts bringing every cache line of the element into the cache, to be written, so that
    /// later reads and writes of any of its fields find it there. Out-of-range indices do nothing.
    @inline(__always)
    func prefetch(_ index: Int) {
        guard index >= 0 && index < count else { return }
        let raw = UnsafeRawPointer(base + index)
        let size = MemoryLayout<Element>.size
        // Addresses at most a line apart, from the first byte to the last, cover every line in between.
        var offset = 0
        while offset < size {
            evscope_prefetch_write(raw + offset)
            offset += 64
        }
        evscope_prefetch_write(raw + (size - 1))
    }

    func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }
}
