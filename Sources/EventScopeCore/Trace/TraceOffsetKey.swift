/// Where a record sits in Kafka, with the topic interned: the identity of a record.
struct TraceOffsetKey: Hashable {
    var topic: Int32
    var partition: Int32
    var offset: Int64
}
