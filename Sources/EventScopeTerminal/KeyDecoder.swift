import CNcursesw
import EventScopeUI

/// Turns what `wget_wch` returned into a `Key`.
public enum KeyDecoder {
    /// The key for a `wget_wch` result: `isFunctionKey` when it returned `KEY_CODE_YES`.
    /// Returns nil for codes the app has no use for (mouse, unknown keys, invalid scalars).
    public static func decode(isFunctionKey: Bool, code: UInt32) -> Key? {
        isFunctionKey ? functionKey(Int32(truncatingIfNeeded: code)) : character(code)
    }

    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 0: return .ctrl(" ")
        case 1...26:
            guard let scalar = Unicode.Scalar(code + 96) else { return nil }
            return .ctrl(Character(scalar))
        case 28...31, 0x80...0x9F:
            return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        let f0 = evs_key_f0()
        if code > f0, code <= f0 + 12 { return .function(Int(code - f0)) }
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case evs_key_resize(): return .resize
        default: return nil
        }
    }
}
