import Dispatch
import EventScopeCore

/// Decodes records lent by the consumer and writes their headless event lines, splitting a
/// large batch over several cores (the views are valid only while the consumer waits, so the
/// parts run in parallel inside that wait rather than on another thread's schedule).
public enum EventLineEncoder {
    /// Batches smaller than this are encoded on the calling thread: splitting costs more than it saves.
    static let minimumPerPart = 1_000

    /// The lines for `views`, in their order, as `parts` consecutive byte chunks (fewer for small
    /// batches), each with the number of events it holds.
    public static func encode(
        _ views: UnsafeBufferPointer<RecordView>, decoder: EventDecoder, parts requested: Int
    ) -> [(lines: [UInt8], count: Int)] {
        let parts = max(1, min(requested, views.count / minimumPerPart))
        guard parts > 1 else { return [(lines(views, decoder: decoder), views.count)] }
        nonisolated(unsafe) let shared = views
        nonisolated(unsafe) var results = [(lines: [UInt8], count: Int)](repeating: ([], 0), count: parts)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let output = slots
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = bounds(of: part, in: shared.count, parts: parts)
                output[part] = (lines(UnsafeBufferPointer(rebasing: shared[range]), decoder: decoder), range.count)
            }
        }
        return results
    }

    /// Part `part` of `count` items split into `parts` near-equal consecutive ranges.
    static func bounds(of part: Int, in count: Int, parts: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    private static func lines(_ views: UnsafeBufferPointer<RecordView>, decoder: EventDecoder) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(views.count * 384)
        var names = NameInterner()
        for view in views { EventJSONLine.append(decoder.decode(view, names: &names), to: &buffer) }
        return buffer
    }
}
