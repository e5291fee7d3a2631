import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI

/// Times a render closure over many frames, for `evscope bench render`.
public enum RenderBenchmark {
    /// Frame-time statistics in microseconds.
    public struct Result: Sendable, Equatable, CustomStringConvertible {
        public var frames: Int
        public var width: Int
        public var height: Int
        public var meanMicroseconds: Double
        public var p99Microseconds: Double
        public var maxMicroseconds: Double

        public var description: String {
            let mean = (meanMicroseconds * 10).rounded() / 10
            let p99 = (p99Microseconds * 10).rounded() / 10
            let worst = (maxMicroseconds * 10).rounded() / 10
            return "render \(width)x\(height): \(frames) frames, mean \(mean) µs, p99 \(p99) µs, max \(worst) µs"
        }
    }

    /// Renders `frames` frames into a fresh `width`×`height` grid each and reports the times.
    ///
    /// - Parameter clock: injected so tests can run it without depending on real time.
    public static func measure<C: Clock>(width: Int = 200, height: Int = 60, frames: Int = 1000, clock: C, render: (inout Grid) -> Void) -> Result
    where C.Duration == Duration {
        let count = max(1, frames)
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            var grid = Grid(width: width, height: height)
            let start = clock.now
            render(&grid)
            let elapsed = start.duration(to: clock.now)
            samples.append(microseconds(elapsed))
        }
        return summarise(samples, width: width, height: height)
    }

    /// Same as `measure(clock:)` with the real monotonic clock.
    public static func measure(width: Int = 200, height: Int = 60, frames: Int = 1000, render: (inout Grid) -> Void) -> Result {
        measure(width: width, height: height, frames: frames, clock: ContinuousClock(), render: render)
    }

    static func microseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1_000_000 + Double(parts.attoseconds) / 1_000_000_000_000
    }

    /// Mean, nearest-rank p99 and maximum of samples in microseconds.
    public static func summarise(_ samples: [Double], width: Int, height: Int) -> Result {
        guard !samples.isEmpty else { return Result(frames: 0, width: width, height: height, meanMicroseconds: 0, p99Microseconds: 0, maxMicroseconds: 0) }
        let sorted = samples.sorted()
        let rank = Int((Double(sorted.count) * 0.99).rounded(.up)) - 1
        return Result(
            frames: sorted.count, width: width, height: height,
            meanMicroseconds: sorted.reduce(0, +) / Double(sorted.count),
            p99Microseconds: sorted[min(max(rank, 0), sorted.count - 1)],
            maxMicroseconds: sorted[sorted.count - 1])
    }
}
