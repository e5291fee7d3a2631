/// Theme files compiled into the binary so it works without the `themes/` folder.
///
/// Tests check these stay identical to `themes/dark.theme` and `themes/monochrome.theme`.
extension Theme {
    static let builtinDarkText = #"""
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

    static let builtinMonochromeText = #"""
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

    /// The default theme, from the compiled-in copy.
    public static var dark: Theme {
        builtin(builtinDarkText, name: "dark")
    }

    /// Attributes only: for `NO_COLOR` and terminals without colour.
    public static var monochrome: Theme {
        builtin(builtinMonochromeText, name: "monochrome")
    }

    static func builtin(_ text: String, name: String) -> Theme {
        // The compiled-in text is checked by tests; should it ever fail, plain beats a crash.
        (try? parse(text, name: name, file: "<built-in \(name)>")) ?? Theme(name: name, styles: [:])
    }
}
