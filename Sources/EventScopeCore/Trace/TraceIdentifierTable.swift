/// Chain slots by trace identifier: packed ids in a `TraceSlotTable`, the rare textual ids
/// in a dictionary.
struct TraceIdentifierTable {
    private var packed = TraceSlotTable()
    private var texts: [String: Int32] = [:]

    var count: Int { packed.count + texts.count }

    subscript(key: TraceIdentifier) -> Int32? {
        get {
            switch key {
            case .hex(let high, let low, let shape): packed.value(high, low, UInt32(shape))
            case .text(let text): texts[text]
            }
        }
        set {
            switch key {
            case .hex(let high, let low, let shape):
                if let newValue { packed.set(high, low, UInt32(shape), to: newValue) } else { packed.remove(high, low, UInt32(shape)) }
            case .text(let text):
                texts[text] = newValue
            }
        }
    }

    @discardableResult
    mutating func removeValue(forKey key: TraceIdentifier) -> Int32? {
        switch key {
        case .hex(let high, let low, let shape): packed.remove(high, low, UInt32(shape))
        case .text(let text): texts.removeValue(forKey: text)
        }
    }
}
