/// A min-heap of outputs waiting for their time, ordered by time and then by insertion so
/// equal times come out in the order they were scheduled (which keeps the world deterministic).
struct DemoSchedule: Sendable {
    private struct Entry: Sendable {
        var timeMs: Int64
        var sequence: UInt64
        var output: DemoOutput

        func precedes(_ other: Entry) -> Bool {
            timeMs != other.timeMs ? timeMs < other.timeMs : sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0

    var count: Int { heap.count }

    mutating func add(_ output: DemoOutput) {
        heap.append(Entry(timeMs: output.timeMs, sequence: nextSequence, output: output))
        nextSequence &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and appends to `sink` every output due at or before `timeMs`, in order.
    mutating func drain(upTo timeMs: Int64, into sink: inout [DemoOutput]) {
        while let first = heap.first, first.timeMs <= timeMs {
            sink.append(first.output)
            let last = heap.removeLast()
            guard !heap.isEmpty else { break }
            heap[0] = last
            siftDown()
        }
    }

    private mutating func siftDown() {
        var parent = 0
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            let right = left + 1
            let smaller = right < count && heap[right].precedes(heap[left]) ? right : left
            guard heap[smaller].precedes(heap[parent]) else { return }
            heap.swapAt(parent, smaller)
            parent = smaller
        }
    }
}
