import EventScopeCore
import Testing

@testable import EventScopeApp

@Suite("EventLineEncoder")
struct EventLineEncoderTests {
    /// Encodes `values` as lent records, with their bytes kept alive for the call.
    private func encode(
        _ values: [[UInt8]], parts: Int, with encoder: EventLineEncoder? = nil
    ) -> [(lines: [UInt8], count: Int)] {
        let storage = values.map { value -> UnsafeMutableBufferPointer<UInt8> in
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, value.count))
            _ = copy.initialize(from: value)
            return copy
        }
        defer { for buffer in storage { buffer.deallocate() } }
        let noHeaders = UnsafeBufferPointer<HeaderView>(start: nil, count: 0)
        let views = zip(values, storage).enumerated().map { offset, pair in
            RecordView(
                topic: "t", partition: Int32(offset % 3), offset: Int64(offset), timestampMs: Int64(offset),
                value: UnsafeBufferPointer(start: pair.1.baseAddress, count: pair.0.count), headers: noHeaders)
        }
        return views.withUnsafeBufferPointer { (encoder ?? EventLineEncoder(decoder: EventDecoder(), parts: parts)).encode($0) }
    }

    @Test("a batch split over cores gives the same lines in the same order as one thread")
    func splitKeepsOrder() {
        let values = (0..<5_003).map { Array(#"{"eventType":"T\#($0 % 7)","id":"e-\#($0)"}"#.utf8) }
        let single = encode(values, parts: 1)
        let split = encode(values, parts: 4)
        #expect(single.count == 1)
        #expect(split.count == 4)
        #expect(split.map(\.count).reduce(0, +) == values.count)
        #expect(split.flatMap(\.lines) == single[0].lines)
        let lines = single[0].lines.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == values.count)
        #expect(String(decoding: lines[4_321], as: UTF8.self).contains(#""id":"e-4321""#))
    }

    @Test("an encoder kept across batches (its interned names too) writes what a fresh one writes")
    func reusedEncoderMatchesFresh() {
        let encoder = EventLineEncoder(decoder: EventDecoder(), parts: 2)
        for batch in 0..<3 {
            let values = (0..<2_500).map { Array(#"{"eventType":"T\#(($0 + batch) % 5)","source":"s\#($0 % 3)"}"#.utf8) }
            #expect(encode(values, parts: 2, with: encoder).flatMap(\.lines) == encode(values, parts: 2).flatMap(\.lines))
        }
    }

    @Test("small batches stay on the calling thread", arguments: [0, 1, 999, 1_999])
    func smallBatchIsOnePart(size: Int) {
        let parts = encode((0..<size).map { _ in Array("{}".utf8) }, parts: 4)
        #expect(parts.count == 1)
        #expect(parts[0].count == size)
    }

    @Test("part bounds cover every index once", arguments: [(10, 3), (1_000, 4), (7, 7)])
    func boundsPartition(count: Int, parts: Int) {
        let covered = (0..<parts).flatMap { Array(EventLineEncoder.bounds(of: $0, in: count, parts: parts)) }
        #expect(covered == Array(0..<count))
    }
}
