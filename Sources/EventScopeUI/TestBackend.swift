/// A backend that keeps the last frame in memory and feeds scripted keys, for tests.
public final class TestBackend: Backend {
    public var size: (width: Int, height: Int)
    public private(set) var lastFrame: Grid?
    public private(set) var framesPresented = 0
    public var pendingKeys: [Key]

    public init(width: Int, height: Int, keys: [Key] = []) {
        size = (width, height)
        pendingKeys = keys
    }

    public func present(_ grid: Grid) {
        lastFrame = grid
        framesPresented += 1
    }

    public func readKey(timeoutMs: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// The last frame as lines of text (trailing spaces kept so columns line up).
    public var lines: [String] { lastFrame?.textLines ?? [] }
}
