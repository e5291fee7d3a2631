/// Decides from a property's name alone whether its value must never be shown.
///
/// Every parser of user input (flags, `-F` files, the config file) and every listing asks this
/// one rule, so a value is either masked everywhere or nowhere. It errs towards masking: a key
/// file path hidden by mistake costs little, a password shown once is a leak.
public enum SecretPropertyName {
    static let markers = [
        "password", "secret", "token", "key", "sasl.jaas.config", "sasl.oauthbearer.config",
        "basic.auth.user.info", "credential", "private",
    ]

    /// True when a property named `name` (any case) may hold a secret.
    public static func looksSecret(_ name: some StringProtocol) -> Bool {
        let lowered = name.lowercased()
        return markers.contains { lowered.contains($0) }
    }

    /// The leading part of `text` that reads as a property name (letters, digits, `.`, `_`, `-`).
    ///
    /// For an argument like `sasl.password:hunter2`, where the user meant `=`, this is the part
    /// that may be shown while the rest may be the secret itself.
    public static func leadingName(of text: some StringProtocol) -> Substring {
        let end = text.firstIndex { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-")) } ?? text.endIndex
        return Substring(text[..<end])
    }
}
