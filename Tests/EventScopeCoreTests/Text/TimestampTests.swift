import Testing

@testable import EventScopeCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2024-05-01T12:00:00.123Z", Int64(1_714_564_800_123)),
        ("2024-05-01T14:00:00.123+02:00", Int64(1_714_564_800_123)),
        ("2024-05-01 12:00:00,123", Int64(1_714_564_800_123)),
        ("2024-05-01T12:00:00.123456789Z", Int64(1_714_564_800_123)),
        ("2000-02-29T00:00:00Z", Int64(951_782_400_000)),
    ])
    func parsesKnownInstants(text: String, expected: Int64) {
        #expect(Timestamp.parseMs(text) == expected)
    }

    @Test(arguments: ["", "2024", "2024-13-01T00:00:00Z", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00Zjunk", "yesterday"])
    func rejectsMalformed(text: String) {
        #expect(Timestamp.parseMs(text) == nil)
    }

    @Test func formatRoundTrips() {
        for ms: Int64 in [0, 951_782_400_000, 1_714_564_800_123, 4_102_444_799_999] {
            #expect(Timestamp.parseMs(Timestamp.format(ms: ms)) == ms)
        }
        #expect(Timestamp.formatTimeOfDay(ms: 1_714_564_800_123) == "12:00:00")
    }
}
