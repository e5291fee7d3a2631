import EventScopeCore
import EventScopeTestSupport
import EventScopeUI
import Testing

/// Mutated `/` filter text: parsing never fails, and `!term` matches exactly what `term` does not.
@Suite struct FuzzFilterQueryTests {
    static let seeds = FuzzMutator(
        textSeeds: [
            "denied principal:mallory", "!granted topic:orders type:Order", "p:User:bob !res:payments", "free text", "op:write severity:high",
        ], maxLength: 256)

    @Test func parsesAnyTextAndNegatesExactly() {
        FuzzSupport.run("FilterQuery") { random in Self.exercise(&random) }
    }

    /// Found by a 10-minute run: `String.contains` trapped ("String index is out of bounds") on
    /// this input; filters now search UTF-8 bytes (TextSearch).
    @Test func regressionSeed5eedf022Iteration1428268() {
        var random = FuzzRandom(runSeed: 0x5EED_F022, iteration: 1_428_268)
        Self.exercise(&random)
    }

    static func exercise(_ random: inout FuzzRandom) {
        let text = Self.seeds.text(&random)
        let row = Self.seeds.text(&random)
        let fields = ["principal": Self.seeds.text(&random), "topic": "orders", "type": row]
        let query = FilterQuery(text)
        _ = query.matches(text: row, fields: fields, granted: random.oneIn(2))
        // A single word (no spaces) that parses to one clause: its negation is its complement.
        let word = String(text.unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "!" })
        let plain = FilterQuery(word)
        let negated = FilterQuery("!" + word)
        // A leading combining mark fuses with the `!` into one Character, which is then text, not negation.
        guard plain.clauses.count == 1, ("!" + word).first == "!" else { return }
        let granted: Bool? = random.oneIn(3) ? nil : random.oneIn(2)
        #expect(plain.matches(text: row, fields: fields, granted: granted) != negated.matches(text: row, fields: fields, granted: granted))
    }
}
