import EventScopeCore

/// An envelope event record, written by hand (tests only).
public func envelopeRecord(
    type: String, source: String, topic: String, payload: String, offset: Int64 = 0, timeMs: Int64 = 1_000, extra: String = ""
) -> Record {
    let body = "{\"eventType\":\"\(type)\",\"eventId\":\"e-\(offset)\",\"source\":\"\(source)\"\(extra),\"payload\":\(payload)}"
    return Record(topic: topic, offset: offset, timestampMs: timeMs, value: Array(body.utf8))
}
