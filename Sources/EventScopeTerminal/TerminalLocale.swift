import CNcursesw

/// Makes sure the C library speaks UTF-8 before ncurses starts, or wide characters garble.
enum TerminalLocale {
    /// Adopts the user's locale and, when its character set is not UTF-8, switches only
    /// `LC_CTYPE` to a UTF-8 one (messages and number formats stay the user's).
    static func ensureUTF8() {
        setlocale(LC_ALL, "")
        if isUTF8() { return }
        for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, candidate) != nil {
            if isUTF8() { return }
        }
    }

    static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
