/// One type in a compiled Avro schema: a flat, reference-free record the decoder walks by index.
///
/// Schemas compile into arrays of these (with field, symbol and branch tables alongside), so
/// recursive types are just indexes pointing back and decoding touches no reference counts.
struct AvroNode: Sendable {
    enum Kind: UInt8, Sendable {
        case null, boolean, int, long, float, double, bytes, string
        case record, enumeration, array, map, union, fixed
    }

    /// The logical types the decoder renders specially; anything else decodes as its base type.
    enum Logical: UInt8, Sendable {
        case none, decimal, uuid, date, timeMillis, timeMicros
        case timestampMillis, timestampMicros, timestampNanos
        case localTimestampMillis, localTimestampMicros, localTimestampNanos
        case duration
    }

    var kind: Kind
    var logical: Logical = .none
    /// Whether every encoding of this type takes at least one byte; false also when unknown
    /// (recursive types), which only makes the decoder's item budget apply.
    var consumesBytes = false
    /// Record: first entry in the field table; enum: first symbol; union: first branch;
    /// array and map: the item node.
    var first: Int32 = 0
    /// Record fields, enum symbols or union branches; the size of a fixed.
    var count: Int32 = 0
    /// Decimal scale.
    var scale: Int32 = 0
    /// Index into the schema's full names for named types, else -1.
    var nameIndex: Int32 = -1
}

/// A record field: its rendered key and its type.
struct AvroField: Sendable {
    var key: TextSpan
    var node: Int32
}
