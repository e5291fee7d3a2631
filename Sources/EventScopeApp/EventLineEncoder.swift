import Dispatch
import EventScopeCore

/// Decodes records lent by the consumer and writes their headless event lines, splitting a
/// large batch over several cores (the views are valid only during the call that lends them,
/// so the parts run in parallel inside that call rather than on another thread's schedule).
///
/// Each part keeps its own `NameInterner` from batch to batch: a fresh one per batch cost a
/// 48 KB table and a new string per type in every batch. `encode` must be called by one
/// thread at a time (each lending lane has an encoder of its own); the parts of one batch each
/// touch only their own interner, through its own pointer, so no two threads ever access the
/// same storage.
public final class EventLineEncoder: @unchecked Sendable {
    /// Batches smaller than this are encoded on the calling thread: splitting costs more than it saves.
    static let minimumPerPart = 1_000

    private let decoder: EventDecoder
    private let parts: Int
    private let interners: UnsafeMutablePointer<NameInterner>
    /// Where line buffers come from (spares the loop returned, else new ones).
    private let takeBuffer: @Sendable () -> [UInt8]

    /// An encoder that splits a batch into at most `parts` parts, filling buffers from `takeBuffer`.
    public init(decoder: EventDecoder, parts: Int, takeBuffer: @escaping @Sendable () -> [UInt8] = { [] }) {
        self.decoder = decoder
        self.parts = max(1, parts)
        self.takeBuffer = takeBuffer
        interners = .allocate(capacity: self.parts)
        interners.initialize(repeating: NameInterner(), count: self.parts)
    }

    deinit {
        interners.deinitialize(count: parts)
        interners.deallocate()
    }

    /// The lines for `views`, in their order, as consecutive byte chunks (one for a small batch),
    /// each with the number of events it holds.
    public func encode(_ views: UnsafeBufferPointer<RecordView>) -> [(lines: [UInt8], count: Int)] {
        let parts = max(1, min(self.parts, views.count / Self.minimumPerPart))
        guard parts > 1 else { return [(lines(views, interner: 0), views.count)] }
        nonisolated(unsafe) let shared = views
        nonisolated(unsafe) var results = [(lines: [UInt8], count: Int)](repeating: ([], 0), count: parts)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let output = slots
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = Self.bounds(of: part, in: shared.count, parts: parts)
                output[part] = (lines(UnsafeBufferPointer(rebasing: shared[range]), interner: part), range.count)
            }
        }
        return results
    }

    /// Part `part` of `count` items split into `parts` near-equal consecutive ranges.
    static func bounds(of part: Int, in count: Int, parts: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    private func lines(_ views: UnsafeBufferPointer<RecordView>, interner: Int) -> [UInt8] {
        var buffer = takeBuffer()
        buffer.reserveCapacity(views.count * 384)
        let names = interners + interner
        for view in views { EventJSONLine.append(decoder.decode(view, names: names), to: &buffer) }
        return buffer
    }
}
