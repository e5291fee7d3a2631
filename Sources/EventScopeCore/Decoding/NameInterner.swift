import Foundation

/// Hands out one shared `String` per distinct short byte sequence, so names that repeat on
/// every event (event types, sources) cost a hash-table probe instead of an allocation.
///
/// Decoding a type such as `com.example.ItemAddedToCart` made a new heap string per event, and
/// freeing it when the event left the store's rings was as costly again; an interned name is
/// shared, so each event only retains it. Keys are the raw bytes, looked up before any `String`
/// exists. Memory is bounded: at most `capacity` names of at most `maxNameBytes` bytes; when the
/// table fills up it is emptied and starts over, so a producer spraying distinct names costs
/// amortised O(1) per name and can never grow it. Not thread-safe: one owner per instance
/// (each decoding thread keeps its own).
public struct NameInterner {
    /// Longer byte sequences are not interned (they are unlikely to be names that repeat).
    public static let maxNameBytes = 64

    /// Names held before the table is emptied.
    public let capacity: Int
    /// Names currently held.
    public private(set) var count = 0
    /// How many times the table filled up and was emptied.
    public private(set) var resets = 0
    private var slotHashes: [UInt64]
    private var slotNames: [String]
    private var mask: Int

    /// An interner holding up to `capacity` names; 0 disables interning (every call makes a new string).
    public init(capacity: Int = 1_024) {
        self.capacity = max(0, capacity)
        guard capacity > 0 else {
            slotHashes = []
            slotNames = []
            mask = 0
            return
        }
        // At most half full, so probes stay short.
        var slots = 4
        while slots < capacity * 2 { slots <<= 1 }
        slotHashes = [UInt64](repeating: 0, count: slots)
        slotNames = [String](repeating: "", count: slots)
        mask = slots - 1
    }

    /// An interner that interns nothing and allocates nothing.
    public static var disabled: NameInterner { NameInterner(capacity: 0) }

    /// The string for these UTF-8 bytes (invalid sequences repaired as by `String(decoding:as:)`),
    /// shared with earlier calls for the same bytes.
    public mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard capacity > 0, bytes.count <= Self.maxNameBytes, let base = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let hash = Self.hash(base, bytes.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slotHashes[slot] != 0 {
            if slotHashes[slot] == hash, Self.equal(slotNames[slot], base, bytes.count) { return slotNames[slot] }
            slot = (slot + 1) & mask
        }
        let name = String(decoding: bytes, as: UTF8.self)
        // Invalid UTF-8 is repaired, so the name no longer has these bytes and could never be
        // found again: it is returned without taking a slot.
        guard Self.equal(name, base, bytes.count) else { return name }
        if count >= capacity {
            reset()
            slot = Int(truncatingIfNeeded: hash) & mask
        }
        slotHashes[slot] = hash
        slotNames[slot] = name
        count += 1
        return name
    }

    private mutating func reset() {
        for index in slotHashes.indices {
            slotHashes[index] = 0
            slotNames[index] = ""
        }
        count = 0
        resets += 1
    }

    /// Whether a name has exactly these UTF-8 bytes.
    private static func equal(_ name: String, _ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard name.utf8.count == count else { return false }
        return name.utf8.withContiguousStorageIfAvailable { stored in
            guard let storedBase = stored.baseAddress else { return count == 0 }
            return memcmp(storedBase, base, count) == 0
        } ?? name.utf8.elementsEqual(UnsafeBufferPointer(start: base, count: count))
    }

    /// A word-at-a-time multiplicative hash (never 0, which marks an empty slot); names are
    /// short, so this is a few multiplies where SipHash would cost tens of nanoseconds.
    private static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(base[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 32
        return hash == 0 ? 1 : hash
    }
}
