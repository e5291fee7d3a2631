/// Where a record sits in Kafka, with the topic interned: the identity of a record.
struct TraceOffsetKey: Hashable {
    var topic: Int32
    var partition: Int32
    var offset: Int64

    /// One word per key instead of three, as this table is hit on every insert and eviction.
    func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(bitPattern: offset) ^ UInt64(UInt32(bitPattern: topic)) << 40 ^ UInt64(UInt32(bitPattern: partition)) << 20)
    }
}
