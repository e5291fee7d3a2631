/// The most recent events that carried an id but no trace or correlation id, by id.
///
/// Event-sourced systems often write no correlation id on a cascade's first event and name its
/// id as the correlation id of every later hop; such a root is remembered here (boundedly, the
/// oldest forgotten first) so the first hop that names it can bring it into the chain.
struct TracePossibleRoots {
    struct Entry {
        let event: Event
        let principal: String?
    }

    let capacity: Int
    private var entries: [TraceIdentifier: Entry] = [:]
    private var order: [TraceIdentifier?]
    private var next = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        order = Array(repeating: nil, count: self.capacity)
    }

    var isEmpty: Bool { entries.isEmpty }

    mutating func remember(_ id: TraceIdentifier, event: Event, principal: String?) {
        if let oldest = order[next], oldest != id { entries[oldest] = nil }
        order[next] = id
        next = (next + 1) % capacity
        entries[id] = Entry(event: event, principal: principal)
    }

    /// The remembered event with this id, forgotten as it is handed out.
    mutating func take(_ id: TraceIdentifier) -> Entry? {
        entries.removeValue(forKey: id)
    }
}
