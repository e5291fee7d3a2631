import EventScopeCore
import EventScopeTestSupport
import Testing

/// Mutated RFC 3339 text: parse never traps, and what parses formats back to the same instant.
@Suite struct FuzzTimestampTests {
    static let seeds = FuzzMutator(
        textSeeds: [
            "2024-05-01T12:00:00Z", "2024-05-01 12:00:00,123", "1999-12-31T23:59:60.999999+14:00", "0000-01-01T00:00:00-23:59", "9999-12-31t23:59:59z",
        ], maxLength: 64)

    @Test func parsesAndFormatsConsistently() {
        FuzzSupport.run("Timestamp") { random in
            let input = Self.seeds.input(&random)
            _ = Timestamp.format(ms: Int64(truncatingIfNeeded: random.next()))
            guard let ms = Timestamp.parseMs(input) else { return }
            let formatted = Timestamp.format(ms: ms)
            // Years outside 0000-9999 have no four-digit RFC 3339 form to round-trip through.
            guard (-62_167_219_200_000...253_402_300_799_999).contains(ms) else { return }
            #expect(Timestamp.parseMs(formatted) == ms, "\(TerminalText.escape(input)) -> \(ms) -> \(formatted)")
        }
    }
}
