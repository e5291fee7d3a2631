import EventScopeUI
import Testing

@Suite struct LayoutTests {
    /// Fills each rect with a letter and returns the first row (horizontal) or column (vertical).
    func letters(_ rects: [Rect], length: Int, vertical: Bool) -> String {
        var grid = Grid(width: vertical ? 1 : length, height: vertical ? length : 1, fill: Cell("."))
        for (index, rect) in rects.enumerated() {
            let letter = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))
            grid.fill(rect, with: Cell(letter))
        }
        return vertical ? grid.textLines.joined() : grid.textLines[0]
    }

    @Test(arguments: [
        ([LayoutConstraint.fixed(3), .fill(1)], 10, "aaabbbbbbb"),
        ([.fill(1), .fill(1)], 10, "aaaaabbbbb"),
        ([.fill(1), .fill(2)], 9, "aaabbbbbb"),
        ([.fill(1), .fill(1), .fill(1)], 10, "aaabbbcccc"),
        ([.percentage(30), .fill(1)], 10, "aaabbbbbbb"),
        ([.fixed(2), .min(3), .fixed(2)], 10, "aabbbbbbcc"),
        ([.fixed(4), .fixed(4)], 10, "aaaabbbb.."),
        ([.fixed(6), .fixed(6)], 10, "aaaaaabbbb"),
        ([.fixed(6), .min(6)], 10, "aaaaaabbbb"),
        ([.fixed(12), .fill(1)], 10, "aaaaaaaaaa"),
        ([.percentage(50), .percentage(50)], 7, "aaabbb."),
    ])
    func horizontalSplits(constraints: [LayoutConstraint], width: Int, expected: String) {
        let rects = Layout.horizontal(constraints, in: Rect(x: 0, y: 0, width: width, height: 1))
        #expect(letters(rects, length: width, vertical: false) == expected)
    }

    @Test func verticalSplitWithSpacing() {
        let rects = Layout.vertical([.fixed(1), .fill(1), .fixed(1)], in: Rect(x: 0, y: 0, width: 1, height: 8), spacing: 1)
        #expect(letters(rects, length: 8, vertical: true) == "a.bbbb.c")
    }

    @Test func rectsStayInsideAnOffsetParent() {
        let parent = Rect(x: 5, y: 3, width: 20, height: 4)
        let rects = Layout.horizontal([.fixed(5), .fill(1)], in: parent)
        #expect(rects == [Rect(x: 5, y: 3, width: 5, height: 4), Rect(x: 10, y: 3, width: 15, height: 4)])
    }

    @Test func degenerateInputsGiveEmptyRectsNotCrashes() {
        #expect(Layout.sizes([], total: 10) == [])
        #expect(Layout.sizes([.fill(1), .fixed(-3), .percentage(400)], total: 0) == [0, 0, 0])
        #expect(Layout.sizes([.fixed(3), .fixed(3)], total: 4, spacing: 9) == [0, 0])
    }
}
