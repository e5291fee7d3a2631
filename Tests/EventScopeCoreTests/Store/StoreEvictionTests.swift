import Testing

@testable import EventScopeCore

@Suite struct StoreEvictionTests {
    @Test func aFullPrincipalTableEvictsTheLeastRecentlySeenTenth() {
        var caps = StoreCaps()
        caps.principals = 100
        let store = Store(caps: caps)
        func write(_ principal: String) -> Decision {
            Decision(timeMs: nil, principal: principal, operation: "WRITE", resourceType: "TOPIC", resourceName: "t", granted: true, format: .confluent)
        }
        for n in 0..<100 { store.ingest(write("User:svc-\(n)"), nowMs: 1_000 + Int64(n)) }
        store.ingest(write("User:svc-new"), nowMs: 5_000)
        #expect(store.evictions.principals == 10)
        #expect(store.principals.count == 91)
        for n in 0..<10 { #expect(store.principals["User:svc-\(n)"] == nil) }
        for n in 10..<100 { #expect(store.principals["User:svc-\(n)"] != nil) }
        #expect(store.principals["User:svc-new"]?.writes == 1)
    }
}
