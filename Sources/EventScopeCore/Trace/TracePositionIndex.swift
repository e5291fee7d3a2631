/// The trace index's nodes by record position (topic, partition, offset), for duplicate checks,
/// `markInvalid(topic:partition:offset:)` and jumps from a record to its chain.
///
/// A consumer reads each partition in offset order, so nearly every record lies above every
/// offset indexed before in its partition. Each partition therefore keeps the highest offset
/// indexed (its mark) and a log of (offset, node) in offset order: a record above the mark cannot
/// be a duplicate, needs no lookup, and is appended at the log's hot end. A hash table keyed by
/// position cost a cache miss per event (its slots are random), a fifth of the cost of indexing
/// a new trace. Lookups binary-search the log; the rare record at or below its mark (a rewind, a
/// redelivery) or of a partition past `maxPartitions` goes to a dictionary instead.
///
/// Evicted nodes leave their entries behind: each entry carries the stamp its node slot had when
/// it was added, and freeing a slot bumps the slot's stamp, so a stale entry is recognised without
/// touching the node. When the entries reach `sweepThreshold`, the stale ones are dropped in one
/// sequential pass, which bounds memory whatever the input.
struct TracePositionIndex {
    private struct Partition {
        var topic: Int32
        var partition: Int32
        var highest: Int64
        /// Index into `logs`, or -1 for a free slot of the partition table.
        var log: Int32
    }

    private struct Entry {
        var offset: Int64
        var node: Int32
        var stamp: UInt32
    }

    private struct Placed {
        var node: Int32
        var stamp: UInt32
    }

    /// Partitions given a log at most; partitions come from the broker, so this bounds the
    /// partition table (384 KB) whatever the topology. Records of later partitions go to the dictionary.
    static let maxPartitions = 8_192

    /// Entries (logs and dictionary) that trigger a sweep of stale ones.
    let sweepThreshold: Int
    private var partitions: [Partition]
    private var mask: Int
    private let seed: UInt64
    private var logs: [[Entry]] = []
    private var outOfOrder: [TraceOffsetKey: Placed] = [:]
    /// Bumped each time a node slot is freed, so entries added before are known stale.
    private var stamps: [UInt32] = []
    private(set) var count = 0

    /// - Parameter sweepThreshold: entries held before stale ones are dropped; above the node
    ///   cap (each live node has one entry), so that every sweep frees entries.
    init(sweepThreshold: Int) {
        self.sweepThreshold = max(2, sweepThreshold)
        partitions = Array(repeating: Partition(topic: 0, partition: 0, highest: 0, log: -1), count: 16)
        mask = 15
        seed = UInt64.random(in: 0...UInt64.max) | 1
    }

    /// Raises the mark of the position's partition; returns a log to `add` the position to when
    /// it lies above every offset indexed before in its partition (so no node can be at it), or
    /// -1 when it must be looked up (and added to the dictionary).
    @inline(__always)
    mutating func advance(to position: TraceOffsetKey) -> Int32 {
        var slot = firstSlot(topic: position.topic, partition: position.partition)
        while partitions[slot].log != -1 {
            if partitions[slot].topic == position.topic, partitions[slot].partition == position.partition {
                guard position.offset > partitions[slot].highest else { return -1 }
                partitions[slot].highest = position.offset
                return partitions[slot].log
            }
            slot = (slot + 1) & mask
        }
        // A partition seen for the first time has no nodes yet, so its mark starts here; once
        // the table is full, later partitions are never tracked (a mark set later could be
        // below records already indexed through the dictionary).
        guard logs.count < Self.maxPartitions else { return -1 }
        if (logs.count + 1) * 2 > partitions.count {
            growPartitions()
            slot = firstSlot(topic: position.topic, partition: position.partition)
            while partitions[slot].log != -1 { slot = (slot + 1) & mask }
        }
        let log = Int32(logs.count)
        logs.append([])
        partitions[slot] = Partition(topic: position.topic, partition: position.partition, highest: position.offset, log: log)
        return log
    }

    /// Adds a node at a position; `log` is what `advance(to:)` returned for it.
    mutating func add(_ position: TraceOffsetKey, node: Int32, log: Int32) {
        while stamps.count <= Int(node) { stamps.append(0) }
        let stamp = stamps[Int(node)]
        if log >= 0 {
            logs[Int(log)].append(Entry(offset: position.offset, node: node, stamp: stamp))
        } else {
            outOfOrder[position] = Placed(node: node, stamp: stamp)
        }
        count += 1
        if count >= sweepThreshold { sweep() }
    }

    /// Marks every entry of a node slot stale; call when the slot is freed.
    mutating func release(node: Int32) {
        if Int(node) < stamps.count { stamps[Int(node)] &+= 1 }
    }

    /// The live node at a position, confirmed by `matches` (a guard against stamp wrap-around).
    func node(at position: TraceOffsetKey, matches: (Int32) -> Bool) -> Int32? {
        if let log = log(of: position), let entry = Self.entry(at: position.offset, in: logs[Int(log)]),
            isLive(node: entry.node, stamp: entry.stamp), matches(entry.node)
        {
            return entry.node
        }
        if let placed = outOfOrder[position], isLive(node: placed.node, stamp: placed.stamp), matches(placed.node) {
            return placed.node
        }
        return nil
    }

    private func isLive(node: Int32, stamp: UInt32) -> Bool {
        Self.isLive(node: node, stamp: stamp, stamps: stamps)
    }

    private static func isLive(node: Int32, stamp: UInt32, stamps: [UInt32]) -> Bool {
        Int(node) < stamps.count && stamps[Int(node)] == stamp
    }

    private func log(of position: TraceOffsetKey) -> Int32? {
        var slot = firstSlot(topic: position.topic, partition: position.partition)
        while partitions[slot].log != -1 {
            if partitions[slot].topic == position.topic, partitions[slot].partition == position.partition {
                return partitions[slot].log
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Binary search: a log's offsets strictly increase.
    private static func entry(at offset: Int64, in log: [Entry]) -> Entry? {
        var low = 0
        var high = log.count
        while low < high {
            let middle = (low + high) / 2
            if log[middle].offset < offset { low = middle + 1 } else { high = middle }
        }
        return low < log.count && log[low].offset == offset ? log[low] : nil
    }

    /// Drops stale entries, keeping each log's order.
    private mutating func sweep() {
        let stamps = stamps
        var kept = 0
        for log in logs.indices {
            logs[log].removeAll { !Self.isLive(node: $0.node, stamp: $0.stamp, stamps: stamps) }
            kept += logs[log].count
        }
        outOfOrder = outOfOrder.filter { Self.isLive(node: $0.value.node, stamp: $0.value.stamp, stamps: stamps) }
        count = kept + outOfOrder.count
    }

    @inline(__always)
    private func firstSlot(topic: Int32, partition: Int32) -> Int {
        let word = UInt64(UInt32(bitPattern: topic)) << 32 | UInt64(UInt32(bitPattern: partition))
        var hash = (word ^ seed) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash) & mask
    }

    private mutating func growPartitions() {
        let old = partitions
        partitions = Array(repeating: Partition(topic: 0, partition: 0, highest: 0, log: -1), count: old.count * 2)
        mask = partitions.count - 1
        for entry in old where entry.log != -1 {
            var slot = firstSlot(topic: entry.topic, partition: entry.partition)
            while partitions[slot].log != -1 { slot = (slot + 1) & mask }
            partitions[slot] = entry
        }
    }
}
