import EventScopeUI
import Testing

/// The ASCII fast paths in `Grid.write` and `DisplayWidth` must agree with the general path.
@Suite struct GridWriteTests {
    @Test(arguments: [
        ("abc", 10, "abcxxxx"), ("abcdefghij", 4, "abcdxxx"), ("a\u{1b}b\tc", 10, "a?b?cxx"),
        ("a中b", 10, "a中bxxx"), ("中中中", 5, "中中xxx"),
    ])
    func writesClippedTextAndReplacesControls(text: String, maxWidth: Int, expected: String) {
        var grid = Grid(width: 7, height: 1, fill: Cell("x"))
        grid.write(text, x: 0, y: 0, maxWidth: maxWidth)
        #expect(grid.textLines == [expected])
    }

    @Test func writingFromANegativeColumnKeepsTheVisiblePart() {
        var grid = Grid(width: 4, height: 1, fill: Cell("x"))
        #expect(grid.write("abcdef", x: -2, y: 0) == 6)
        #expect(grid.textLines == ["cdef"])
    }

    @Test func displayWidthAgreesOnASCIIAndOtherText() {
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("a\tb") == 2)
        #expect(DisplayWidth.of("中a\u{301}") == 3)
    }
}

@Suite struct TextFitTests {
    @Test(arguments: [
        ("abc", 5, Alignment.left, "abc  "), ("abc", 5, .right, "  abc"), ("abc", 6, .center, " abc  "),
        ("abcdef", 4, .left, "abc…"), ("中文字", 5, .right, "中文…"), ("abc", 0, .left, ""),
    ])
    func alignsAndTruncatesByColumns(text: String, width: Int, alignment: Alignment, expected: String) {
        #expect(TextFit.aligned(text, width: width, alignment: alignment) == expected)
        #expect(DisplayWidth.of(TextFit.aligned(text, width: width, alignment: alignment)) == width)
    }
}
