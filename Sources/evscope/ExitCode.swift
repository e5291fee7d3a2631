/// Process exit codes (PRODUCT section 6).
enum ExitCode {
    static let ok: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let cannotConnect: Int32 = 3
    static let badConfig: Int32 = 4
}
