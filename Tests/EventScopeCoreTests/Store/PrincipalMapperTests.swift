import Testing

@testable import EventScopeCore

@Suite struct PrincipalMapperTests {
    @Test(arguments: [
        ("order-service", "User:order-service"), ("User:alice", "User:alice"), ("svc:a/b", "User:svc:a/b"),
        ("/orders", "User:/orders"), ("", "User:"), ("Group:ops", "Group:ops"),
    ])
    func sourcesMapToPrincipals(source: String, principal: String) {
        #expect(PrincipalMapper().principal(forSource: source) == principal)
    }

    @Test func explicitMappingWins() {
        #expect(PrincipalMapper(explicit: ["cart": "User:cart-sa"]).principal(forSource: "cart") == "User:cart-sa")
    }
}
