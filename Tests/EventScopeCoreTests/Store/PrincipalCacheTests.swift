import Testing

@testable import EventScopeCore

@Suite struct PrincipalCacheTests {
    /// Many sources sharing 64 slots: the cache must always answer what the mapper answers.
    @Test func storeAnswersAsTheMapperDoesForManySources() {
        let store = Store()
        let mapper = PrincipalMapper()
        let sources = (0..<500).map { "svc-\($0)" } + ["User:alice", "/orders", "", "Group:ops"]
        for round in 0..<3 {
            for source in sources.shuffled() {
                #expect(store.claimedPrincipal(forSource: source) == mapper.principal(forSource: source), "round \(round)")
            }
        }
    }

    /// Changing the mapping after sources were cached takes effect at once.
    @Test func changingTheMapperForgetsCachedPrincipals() {
        let store = Store()
        #expect(store.claimedPrincipal(forSource: "cart") == "User:cart")
        store.principalMapper.explicit["cart"] = "User:cart-sa"
        #expect(store.claimedPrincipal(forSource: "cart") == "User:cart-sa")
        store.principalMapper = PrincipalMapper()
        #expect(store.claimedPrincipal(forSource: "cart") == "User:cart")
    }

    @Test func slotsStayInRange() {
        for name in ["", "a", "ab", "order-service", String(repeating: "é", count: 100)] {
            #expect((0..<64).contains(NameSlot.index(of: name, slotCount: 64)))
        }
    }
}
