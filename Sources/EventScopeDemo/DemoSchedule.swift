import EventScopeCore

/// A min-heap of outputs waiting for their time, ordered by time and then by insertion so
/// equal times come out in the order they were scheduled (which keeps the world deterministic).
///
/// The heap orders small plain keys; the outputs wait in slots and are moved out once, because
/// moving an output around the heap copies (retains and releases) every buffer in its record.
struct DemoSchedule: Sendable {
    private struct Key: Sendable {
        var timeMs: Int64
        var sequence: UInt64
        var slot: Int
    }

    private var heap: [Key] = []
    private var slots: [DemoOutput?] = []
    private var freeSlots: [Int] = []
    private var nextSequence: UInt64 = 0

    var count: Int { heap.count }

    mutating func add(_ output: DemoOutput) {
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[slot] = output
        } else {
            slot = slots.count
            slots.append(output)
        }
        heap.append(Key(timeMs: output.timeMs, sequence: nextSequence, slot: slot))
        nextSequence &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and appends to `sink` every output due at or before `timeMs`, in order.
    mutating func drain(upTo timeMs: Int64, into sink: inout [DemoOutput]) {
        while let top = heap.first, top.timeMs <= timeMs {
            heap.swapAt(0, heap.count - 1)
            heap.removeLast()
            siftDown()
            if let output = slots[top.slot].take() { sink.append(output) }
            freeSlots.append(top.slot)
        }
    }

    private func precedes(_ a: Key, _ b: Key) -> Bool {
        a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.sequence < b.sequence
    }

    private mutating func siftDown() {
        var parent = 0
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            let right = left + 1
            let smaller = right < count && precedes(heap[right], heap[left]) ? right : left
            guard precedes(heap[smaller], heap[parent]) else { return }
            heap.swapAt(parent, smaller)
            parent = smaller
        }
    }
}
