/// Copies byte strings into large blocks kept from batch to batch; what it hands out stays
/// where it is until the next `reset`.
///
/// Blocks of the standard size are reused. At a reset the blocks the batch since the previous
/// reset did not reach are freed, and so is any block made larger for one oversized string, so
/// one batch with many or huge headers does not keep its memory for the batches after it.
final class ByteArena {
    static let blockSize = 1 << 20

    private var blocks: [UnsafeMutableRawBufferPointer] = []
    /// The block being filled, and how much of it is used.
    private var block = 0
    private var used = 0

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// Bytes held by the arena's blocks.
    var capacity: Int { blocks.reduce(0) { $0 + $1.count } }

    /// Makes every block free again; what was handed out before is no longer valid.
    func reset() {
        let reached = min(block + 1, blocks.count)
        for index in blocks.indices.reversed() where index >= max(reached, 1) || blocks[index].count > Self.blockSize {
            blocks[index].deallocate()
            blocks.remove(at: index)
        }
        block = 0
        used = 0
    }

    /// A copy of `bytes` that stays valid until the next `reset`.
    func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeBufferPointer<UInt8> {
        if block == blocks.count || blocks[block].count - used < bytes.count { startBlock(fitting: bytes.count) }
        let start = blocks[block].baseAddress.unsafelyUnwrapped + used
        if let source = bytes.baseAddress { start.copyMemory(from: source, byteCount: bytes.count) }
        used += bytes.count
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    }

    /// Moves on to an empty block of at least `size` bytes: the next kept one if it is large
    /// enough, else a new one placed before it (a kept block it passes over is used later in
    /// the batch or freed at the next reset).
    private func startBlock(fitting size: Int) {
        if block < blocks.count, used > 0 { block += 1 }
        used = 0
        if block < blocks.count, blocks[block].count >= size { return }
        blocks.insert(.allocate(byteCount: max(Self.blockSize, size), alignment: 16), at: block)
    }
}
