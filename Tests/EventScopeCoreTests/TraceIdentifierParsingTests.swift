import Testing
@testable import EventScopeCore

@Suite struct TraceIdentifierParsingTests {
    /// Packed ids round-trip to their text; other ids are kept as text; invalid ones are refused.
    @Test(arguments: [
        ("4bf92f3577b34da6a3ce929d0e0e4736", "4bf92f3577b34da6a3ce929d0e0e4736"), ("00f067aa0ba902b7", "00f067aa0ba902b7"),
        ("abc", "abc"), ("123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174000"),
        ("4BF92F3577B34DA6", "4BF92F3577B34DA6"), ("order#1", "order#1"),
        ("123e4567-e89b-12d3-a456-42661417400g", "123e4567-e89b-12d3-a456-42661417400g"),
        ("123e4567-e89b-12d3-a456-4266-1417400", "123e4567-e89b-12d3-a456-4266-1417400"),
    ])
    func idsKeepTheirText(text: String, expected: String) {
        #expect(TraceIdentifier(text)?.text == expected)
    }

    @Test func hexAndUUIDShapesPack() {
        guard case .hex = TraceIdentifier("4bf92f3577b34da6a3ce929d0e0e4736") else { Issue.record("not packed"); return }
        guard case .hex = TraceIdentifier("123e4567-e89b-12d3-a456-426614174000") else { Issue.record("uuid not packed"); return }
        guard case .text = TraceIdentifier("4bf92f3577b34da6a3ce929d0e0e473g") else { Issue.record("non-hex packed"); return }
    }

    @Test(arguments: ["", "0000000000000000", "00000000-0000-0000-0000-000000000000", "has space", "tab\t",
                      String(repeating: "a", count: TraceIdentifier.maxLength + 1)])
    func invalidIdsAreRefused(text: String) {
        #expect(TraceIdentifier(text) == nil)
    }
}
