import Testing

@testable import EventScopeBench
@testable import EventScopeCore

@Suite struct AuditBenchmarkTests {
    @Test func corpusParsesCompletelyAndReportsRates() {
        let records = 20_000
        let results = AuditBenchmark.run(recordsPerFormat: records)
        #expect(results.map(\.format) == AuditFormat.allCases)
        for result in results {
            #expect(result.records == records)
            #expect(result.decisions == AuditBenchmark.expectedDecisions(format: result.format, records: records))
            #expect(result.bytes > records * 100)
            print("AuditBenchmark \(result)")
        }
    }

    @Test func corpusDecisionsCarryTheGeneratedFields() {
        for format in AuditFormat.allCases {
            let record = AuditBenchmark.corpus(format: format, count: 1)[0]
            guard case .decisions(let decisions) = AuditParser().parse(bytes: record, sourceName: "bench") else {
                Issue.record("\(format) corpus record did not parse")
                continue
            }
            #expect(decisions.first?.principal == "User:svc-0")
            #expect(decisions.first?.resourceName == "orders.v0")
            #expect(decisions.first?.granted == false)
            #expect(decisions.first?.timeMs == 1_700_000_000_000)
            #expect(decisions.first?.format == format)
        }
    }
}
