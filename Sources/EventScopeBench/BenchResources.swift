import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI
import Foundation

/// Process resource readings for benchmarks: peak and current RSS, thread CPU time, a clock.
public enum BenchResources {
    /// The process's peak resident set size in bytes (getrusage `ru_maxrss`, KiB on Linux).
    public static func peakRSSBytes() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return usage.ru_maxrss * 1024
    }

    /// The process's resident set size now, from /proc/self/statm (0 where unavailable).
    ///
    /// The peak alone cannot tell whether memory is bounded after a burst, so memory
    /// benchmarks report both.
    public static func currentRSSBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// CPU seconds the calling thread has used: on a shared machine the fairer per-core cost.
    public static func threadCPUSeconds() -> Double {
        Double(threadCPUNanoseconds()) / 1e9
    }

    /// The calling thread's CPU time in nanoseconds (0 if the clock cannot be read).
    public static func threadCPUNanoseconds() -> Int64 {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Monotonic nanoseconds, comparable across threads.
    public static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    public static func megabytes(_ bytes: Int) -> Double {
        (Double(bytes) / 1_048_576 * 10).rounded() / 10
    }
}
