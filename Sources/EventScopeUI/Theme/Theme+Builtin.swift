/// Theme files compiled into the binary, so every shipped theme works from an installed
/// binary without the `themes/` folder; a file of the same name in a theme folder overrides it.
///
/// Tests check these stay identical to the files in `themes/`.
extension Theme {
    /// The built-in themes in the order `T` cycles through them, the default first.
    public static let builtinNames = ["dark", "light", "high-contrast", "monochrome", "solarized-dark"]
    static let darkText = #"""
        # EventScope dark theme (the default; a copy is built into the binary).
        #
        # One line per role:   role = foreground background [bold] [underline] [reverse] [dim]
        # Colours: default (the terminal's own), black red green yellow blue magenta cyan white,
        #          bright-black ... bright-white, 0-255 (xterm palette index), #rrggbb.
        # Colours are reduced to the nearest one the terminal has (256, 16 or 8 colours).
        # A role left out looks like `normal`. '#' followed by a space (or at the start of a
        # line) begins a comment.

        normal          = default        default
        muted           = bright-black   default
        title           = bright-cyan    default   bold
        header          = bright-white   236       bold
        selection       = black          cyan      bold
        tab-active      = black          cyan      bold
        tab-inactive    = white          236
        status-bar      = white          236
        status-ok       = bright-green   236
        status-warn     = bright-yellow  236       bold
        status-error    = bright-white   red       bold
        denied          = bright-red     default   bold
        granted         = green          default
        warning         = yellow         default   bold
        accent          = black          yellow              # search matches
        severity-high   = bright-red     default   bold
        severity-medium = yellow         default
        severity-low    = cyan           default
        sparkline       = bright-green   default
        border          = bright-black   default
        key             = bright-yellow  default   bold
        inferred        = magenta        default   underline
        """#
    static let lightText = #"""
        # EventScope light theme, for terminals with a light background.
        # Format: see dark.theme.

        normal          = default        default
        muted           = 244            default
        title           = blue           default   bold
        header          = black          252       bold
        selection       = bright-white   blue      bold
        tab-active      = bright-white   blue      bold
        tab-inactive    = black          252
        status-bar      = black          252
        status-ok       = 22             252       bold
        status-warn     = 130            252       bold
        status-error    = bright-white   red       bold
        denied          = red            default   bold
        granted         = 22             default
        warning         = 130            default   bold
        accent          = black          bright-yellow       # search matches
        severity-high   = red            default   bold
        severity-medium = 130            default
        severity-low    = 24             default
        sparkline       = 28             default
        border          = 248            default
        key             = blue           default   bold
        inferred        = magenta        default   underline
        """#
    static let highContrastText = #"""
        # EventScope high-contrast theme: pure black and white plus a few saturated colours,
        # everything important in bold.
        # Format: see dark.theme.

        normal          = bright-white   black
        muted           = white          black
        title           = bright-white   black     bold underline
        header          = black          bright-white bold
        selection       = black          bright-yellow bold
        tab-active      = black          bright-yellow bold
        tab-inactive    = bright-white   black     bold
        status-bar      = black          bright-white
        status-ok       = black          bright-green bold
        status-warn     = black          bright-yellow bold
        status-error    = bright-white   red       bold
        denied          = bright-white   red       bold
        granted         = bright-green   black     bold
        warning         = bright-yellow  black     bold
        accent          = black          bright-cyan bold    # search matches
        severity-high   = bright-white   red       bold
        severity-medium = bright-yellow  black     bold
        severity-low    = bright-cyan    black     bold
        sparkline       = bright-green   black     bold
        border          = bright-white   black
        key             = bright-yellow  black     bold underline
        inferred        = bright-magenta black     bold underline
        """#
    static let monochromeText = #"""
        # EventScope monochrome theme: no colours, only attributes. Used when NO_COLOR is set
        # and on terminals without colour; a copy is built into the binary.
        # Selection is reverse video so it shows on any terminal.
        # Format: see dark.theme.

        normal          = default default
        muted           = default default dim
        title           = default default bold
        header          = default default bold underline
        selection       = default default reverse bold
        tab-active      = default default reverse bold
        tab-inactive    = default default
        status-bar      = default default reverse
        status-ok       = default default reverse
        status-warn     = default default reverse bold
        status-error    = default default reverse bold underline
        denied          = default default bold
        granted         = default default
        warning         = default default bold
        accent          = default default underline bold     # search matches
        severity-high   = default default bold
        severity-medium = default default underline
        severity-low    = default default
        sparkline       = default default
        border          = default default dim
        key             = default default bold
        inferred        = default default dim underline
        """#
    static let solarizedDarkText = #"""
        # Solarized dark (palette by Ethan Schoonover), for EventScope.
        # base03 #002b36  base02 #073642  base01 #586e75  base0 #839496  base1 #93a1a1
        # yellow #b58900  orange #cb4b16  red #dc322f  magenta #d33682  violet #6c71c4
        # blue #268bd2    cyan #2aa198    green #859900
        # Format: see dark.theme.

        normal          = #839496  #002b36
        muted           = #586e75  #002b36
        title           = #268bd2  #002b36  bold
        header          = #93a1a1  #073642  bold
        selection       = #002b36  #2aa198  bold
        tab-active      = #002b36  #268bd2  bold
        tab-inactive    = #93a1a1  #073642
        status-bar      = #93a1a1  #073642
        status-ok       = #859900  #073642  bold
        status-warn     = #b58900  #073642  bold
        status-error    = #fdf6e3  #dc322f  bold
        denied          = #dc322f  #002b36  bold
        granted         = #859900  #002b36
        warning         = #cb4b16  #002b36  bold
        accent          = #002b36  #b58900           # search matches
        severity-high   = #dc322f  #002b36  bold
        severity-medium = #cb4b16  #002b36
        severity-low    = #2aa198  #002b36
        sparkline       = #859900  #002b36
        border          = #586e75  #002b36
        key             = #b58900  #002b36  bold
        inferred        = #6c71c4  #002b36  underline
        """#
    /// The default theme, from the compiled-in copy.
    public static var dark: Theme { builtin(darkText, name: "dark") }

    /// Attributes only: for `NO_COLOR` and terminals without colour.
    public static var monochrome: Theme { builtin(monochromeText, name: "monochrome") }

    /// The compiled-in theme called `name`, if there is one.
    public static func builtin(named name: String) -> Theme? {
        switch name {
        case "dark": builtin(darkText, name: "dark")
        case "light": builtin(lightText, name: "light")
        case "high-contrast": builtin(highContrastText, name: "high-contrast")
        case "monochrome": builtin(monochromeText, name: "monochrome")
        case "solarized-dark": builtin(solarizedDarkText, name: "solarized-dark")
        default: nil
        }
    }

    static func builtin(_ text: String, name: String) -> Theme {
        // The compiled-in text is checked by tests; should it ever fail, plain beats a crash.
        (try? parse(text, name: name, file: "<built-in \(name)>")) ?? Theme(name: name, styles: [:])
    }
}
