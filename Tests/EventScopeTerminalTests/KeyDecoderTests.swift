import CNcursesw
import EventScopeTerminal
import EventScopeUI
import Testing

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (UInt32(13), Key.enter), (10, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
        (3, .ctrl("c")), (1, .ctrl("a")), (26, .ctrl("z")), (0x71, .char("q")), (0x20, .char(" ")),
        (0x4E2D, .char("中")),
    ])
    func characters(code: UInt32, expected: Key) {
        #expect(KeyDecoder.decode(isFunctionKey: false, code: code) == expected)
    }

    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_BTAB, .backTab), (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace),
        (KEY_DC, .delete), (KEY_RESIZE, .resize), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
    ])
    func functionKeys(code: Int32, expected: Key) {
        #expect(KeyDecoder.decode(isFunctionKey: true, code: UInt32(code)) == expected)
    }

    @Test func unusableCodesGiveNoKey() {
        #expect(KeyDecoder.decode(isFunctionKey: false, code: 0xD800) == nil)  // lone surrogate
        #expect(KeyDecoder.decode(isFunctionKey: false, code: 0x9B) == nil)  // C1 CSI
        #expect(KeyDecoder.decode(isFunctionKey: true, code: UInt32(KEY_MOUSE)) == nil)
        #expect(KeyDecoder.decode(isFunctionKey: true, code: UInt32(KEY_F0 + 40)) == nil)
    }
}
