import Foundation

/// Writes one-line messages to stderr (never used while the dashboard owns the terminal).
public enum Console {
    public static func error(_ message: String) {
        FileHandle.standardError.write(Data("evscope: \(message)\n".utf8))
    }

    public static func wallClockMs() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1000)
    }
}
