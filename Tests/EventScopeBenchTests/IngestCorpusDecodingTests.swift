import EventScopeCore
import Testing

@testable import EventScopeBench

/// The benchmark corpora double as decoding fixtures: every envelope form at once.
@Suite struct IngestCorpusDecodingTests {
    /// Decoding with an interner gives exactly the events decoding without one gives, for every corpus form.
    @Test(arguments: IngestBenchmark.Corpus.allCases)
    func decodingWithAnInternerChangesNothing(corpus: IngestBenchmark.Corpus) {
        let decoder = EventDecoder()
        var names = NameInterner(capacity: 4)  // small, so resets happen during the run
        for record in IngestBenchmark.records(corpus, count: 200) {
            let plain = decoder.decode(record)
            let interned = decoder.decode(record, names: &names)
            #expect(interned.type == plain.type && interned.source == plain.source && interned.id == plain.id)
            #expect(interned.format == plain.format && interned.trace == plain.trace && interned.timeMs == plain.timeMs)
        }
    }
}
