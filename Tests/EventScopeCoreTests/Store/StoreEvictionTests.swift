import Testing
@testable import EventScopeCore

@Suite struct StoreEvictionTests {
    @Test func aFullPrincipalTableEvictsTheLeastRecentlySeenTenth() {
        var caps = StoreCaps()
        caps.principals = 100
        let store = Store(caps: caps)
        for n in 0..<100 {
            let event = Event(topic: "t", partition: 0, offset: Int64(n), timeMs: nil, type: "T", id: nil, source: "svc-\(n)", format: .envelope, bytes: 1)
            store.ingest(event, record: Record(topic: "t"), nowMs: 1_000 + Int64(n))
        }
        let newcomer = Event(topic: "t", partition: 0, offset: 100, timeMs: nil, type: "T", id: nil, source: "svc-new", format: .envelope, bytes: 1)
        store.ingest(newcomer, record: Record(topic: "t"), nowMs: 5_000)
        #expect(store.evictions.principals == 10)
        #expect(store.principals.count == 91)
        for n in 0..<10 { #expect(store.principals["User:svc-\(n)"] == nil) }
        for n in 10..<100 { #expect(store.principals["User:svc-\(n)"] != nil) }
        #expect(store.principals["User:svc-new"]?.produced == 1)
    }
}
