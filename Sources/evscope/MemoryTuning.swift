import Foundation

/// Process-wide allocator settings that keep the memory cap honest.
enum MemoryTuning {
    /// glibc's `M_ARENA_MAX` option number (malloc.h), which Swift's Glibc module does not export.
    private static let arenaMaxOption: Int32 = -8

    /// Uses one malloc arena for the whole process.
    ///
    /// glibc gives busy threads arenas of their own. Records are allocated on the consumer thread
    /// and freed on the loop thread, so the consumer's arena keeps the freed memory and RSS
    /// creeps above live data: under `Tests/e2e/flood.sh` three runs peaked at 138–161 MB with
    /// glibc's default arenas and 123–137 MB with one. Must run before any thread starts;
    /// harmless if the C library lacks it.
    static func limitMallocArenas() {
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(arenaMaxOption, 1)
    }
}
