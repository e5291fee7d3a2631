import EventScopeUI
import Testing

@testable import EventScopeBench

@Suite struct RenderBenchmarkTests {
    /// A clock that advances a fixed step on every reading, so timings are exact.
    final class SteppingClock: Clock, @unchecked Sendable {
        var current = ContinuousClock.now
        let step: Duration
        init(step: Duration) { self.step = step }
        var now: ContinuousClock.Instant {
            current = current.advanced(by: step)
            return current
        }
        var minimumResolution: Duration { .nanoseconds(1) }
        func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {}
    }

    @Test func reportsFramesAndTimesFromTheClock() {
        var framesRendered = 0
        let result = RenderBenchmark.measure(width: 20, height: 5, frames: 10, clock: SteppingClock(step: .microseconds(250))) { grid in
            grid.write("frame", x: 0, y: 0)
            framesRendered += 1
        }
        #expect(framesRendered == 10)
        #expect(result.frames == 10)
        #expect(result.meanMicroseconds == 250)
        #expect(result.p99Microseconds == 250)
    }

    @Test func p99IsNearestRank() {
        let samples = (1...200).map(Double.init)
        let result = RenderBenchmark.summarise(samples, width: 1, height: 1)
        #expect(result.p99Microseconds == 198)
        #expect(result.maxMicroseconds == 200)
        #expect(result.meanMicroseconds == 100.5)
    }
}
