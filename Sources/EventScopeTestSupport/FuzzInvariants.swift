import EventScopeCore

/// Checks the fuzz suites share, written independently of the code they check (`TerminalText`
/// must not vouch for itself).
public enum FuzzInvariants {
    /// A scalar a terminal would act on rather than draw: C0, DEL, C1, bidi controls, zero-width
    /// and other invisible formatting characters, interlinear annotations and tag characters.
    public static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C, 0xFFF9...0xFFFB, 0xE0000...0xE007F:
            true
        default:
            false
        }
    }

    /// True when no scalar of `text` is dangerous to print.
    public static func isTerminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isDangerous)
    }
}
