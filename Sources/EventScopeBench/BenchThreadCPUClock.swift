import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// A clock that advances only while the calling thread runs on a CPU.
///
/// Frame times on a machine shared with other work are dominated by preemption when read
/// from the wall clock (p99 spikes of several ms that are not the renderer's); the thread's
/// CPU time measures what a frame costs. It cannot sleep: it is for measuring only.
public struct BenchThreadCPUClock: Clock {
    public struct Instant: InstantProtocol {
        public var offset: Duration

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    public init() {}

    public var now: Instant {
        Instant(offset: .nanoseconds(BenchResources.threadCPUNanoseconds()))
    }

    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Waiting on CPU time is meaningless for a benchmark clock; this returns at once.
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {}
}
