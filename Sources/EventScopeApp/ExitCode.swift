/// Process exit codes, the same for every command so scripts can tell the causes apart.
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let findings: Int32 = 1
    public static let usage: Int32 = 2
    public static let cannotConnect: Int32 = 3
    public static let badConfig: Int32 = 4
    /// A `-e` run that had nothing to read: a topic it names does not exist.
    public static let nothingToRead: Int32 = 5

    /// The shell's convention for a run stopped by a signal, so a killed run never looks like a success.
    public static func stopped(by signal: Int32) -> Int32 { 128 + signal }
}
