import EventScopeUI
import Foundation
import Testing

@Suite struct TableTests {
    let columns = [
        TableColumn("TIME", minWidth: 5, preferredWidth: 8, priority: 0),
        TableColumn("PRINCIPAL", minWidth: 6, preferredWidth: 10, priority: 1),
        TableColumn("TOPIC", minWidth: 5, preferredWidth: 8, priority: 3),
        TableColumn("N", minWidth: 3, alignment: .right, priority: 2),
    ]

    var rows: [TableRow] {
        [
            TableRow(["12:00:01", "User:alice", "orders", "7"]),
            TableRow(["12:00:02", "User:mallory", "payments", "12"], role: .denied),
            TableRow(["12:00:03", "User:bob", "customer", "3"]),
        ]
    }

    @Test(arguments: [
        // Wide: every column as wide as its widest text in the rows shown (one row here), not
        // its preferred width; the rest of the row is blank.
        (40, ["   TIME     PRINCIPAL  TOPIC  N         ", "   12:00:01 User:alice orders 7         "]),
        // Narrower: by priority, TIME, PRINCIPAL (its preferred 10) and N get their width;
        // TOPIC, least important, takes what is left and is cut.
        (30, ["   TIME     PRINCIPAL  TOPIC N", "   12:00:01 User:alice orde… 7"]),
        // Minimums no longer fit: TOPIC (priority 3) is dropped first; then N (priority 2) makes
        // room for TIME; `»`, in a column of its own, says columns are out of view.
        (21, ["   TIME     PRINCIP…»", "   12:00:01 User:al… "]),
        // Only the most important column is left.
        (9, ["   TIME »", "   12:0… "]),
    ])
    func columnsShrinkThenDropByPriority(width: Int, expected: [String]) {
        let table = Table(columns: columns, rows: rows)
        let grid = rendered(width: width, height: 2) { grid, rect in table.render(into: &grid, in: rect) }
        #expect(grid.textLines == expected)
    }

    @Test func columnWidthsReportDroppedColumns() {
        #expect(Table.columnWidths(columns, available: 38) == [8, 10, 8, 3])
        #expect(Table.columnWidths(columns, available: 19) == [8, 9, nil, nil])
        // Measured: columns take what their text needs, past the preferred width when there is room.
        #expect(Table.columnWidths(columns, available: 38, contentWidths: [8, 14, 6, 2]) == [8, 14, 6, 2])
        #expect(Table.columnWidths(columns, available: 32, contentWidths: [8, 14, 6, 2]) == [8, 12, 6, 2])
        #expect(Table.columnWidths(columns, available: 4) == [nil, nil, nil, nil])
    }

    @Test func selectedRowHasMarkerAndSelectionRoleAndDeniedRowHasMarker() {
        let table = Table(columns: columns, rows: rows, selectedIndex: 2)
        let grid = rendered(width: 40, height: 4) { grid, rect in table.render(into: &grid, in: rect) }
        #expect(
            grid.textLines == [
                "   TIME     PRINCIPAL    TOPIC     N    ",
                "   12:00:01 User:alice   orders    7    ",
                " ✗ 12:00:02 User:mallory payments 12    ",
                "▶  12:00:03 User:bob     customer  3    ",
            ])
        #expect(runs(grid, row: 0) == ["header@0-39"])
        #expect(runs(grid, row: 2) == ["denied@0-39"])
        #expect(runs(grid, row: 3) == ["selection@0-39"])
    }

    @Test func scrollKeepsSelectionVisible() {
        let many = (0..<10).map { TableRow(["r\($0)"]) }
        let table = Table(columns: [TableColumn("ROW", minWidth: 3)], rows: many, selectedIndex: 7, scrollOffset: 0)
        let grid = rendered(width: 8, height: 4) { grid, rect in table.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["   ROW  ", "   r5   ", "   r6   ", "▶  r7   "])
    }

    @Test(arguments: [
        (Optional(7), 0, 3, 10, 5), (Optional(2), 5, 3, 10, 2), (Optional(4), 3, 3, 10, 3),
        (nil, 50, 3, 10, 7), (Optional(0), 0, 0, 10, 0), (Optional(3), 0, 5, 0, 0),
    ])
    func adjustedOffset(selected: Int?, offset: Int, visible: Int, count: Int, expected: Int) {
        #expect(Table.adjustedOffset(selected: selected, offset: offset, visibleRows: visible, rowCount: count) == expected)
    }

    @Test func emptyTableShowsMessage() {
        let table = Table(columns: columns, rows: [], emptyMessage: "no decisions yet")
        let grid = rendered(width: 24, height: 3) { grid, rect in table.render(into: &grid, in: rect) }
        #expect(grid.textLines[1] == "  no decisions yet      ")
        #expect(grid.textLines[2] == String(repeating: " ", count: 24))
    }

    @Test func fillColumnTakesLeftoverAndWideTextNeverOverlaps() {
        let table = Table(columns: [TableColumn("A", minWidth: 2), TableColumn("DETAIL", minWidth: 4, fills: true)], rows: [TableRow(["中文字", "日本語のテキスト"])])
        let grid = rendered(width: 16, height: 2) { grid, rect in table.render(into: &grid, in: rect) }
        #expect(grid.textLines == ["   A      DETAIL", "   中文字 日本… "])
    }

    @Test func renderStaysInsideItsRect() {
        let table = Table(columns: columns, rows: rows, selectedIndex: 0)
        let grid = rendered(width: 30, height: 5, rect: Rect(x: 2, y: 1, width: 20, height: 3)) { grid, rect in table.render(into: &grid, in: rect) }
        #expect(grid.textLines[0] == String(repeating: "x", count: 30))
        #expect(grid.textLines[4] == String(repeating: "x", count: 30))
        for line in grid.textLines[1...3] {
            #expect(line.hasPrefix("xx"))
            #expect(line.hasSuffix("xxxxxxxx"))
        }
    }

    /// Two identities that differ only past the cut stay different on screen: the column keeps
    /// their ends, and where even those agree, the place where they differ is shown.
    @Test func principalsThatDifferOnlyAtTheEndStayDistinguishable() {
        let column = [TableColumn("PRINCIPAL", minWidth: 10, preferredWidth: 22, cut: .middle)]
        let names = [
            "User:CN=shipping-service,OU=logistics,O=acme",
            "User:CN=shipping-service,OU=logistics,O=evil",
            "User:CN=shipping-service-a,OU=logistics,O=acme",
            "User:CN=shipping-service-b,OU=logistics,O=acme",
            "User:CN=shipping-service,OU=logistics,O=acme",
        ]
        let table = Table(columns: column, rows: names.map { TableRow([$0]) })
        let grid = rendered(width: 24, height: 6) { grid, rect in table.render(into: &grid, in: rect) }
        let shown = grid.textLines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(shown.allSatisfy { $0.contains("…") && DisplayWidth.of($0) <= 21 })
        // A name no other resembles is cut in the middle, keeping its distinguishing end.
        #expect(shown[1].hasPrefix("User:CN=") && shown[1].hasSuffix(",O=evil"))
        // Names alike at both ends show where they differ.
        #expect(shown[0].contains("ice,OU"))
        // The same principal looks the same; different ones never do.
        #expect(shown[0] == shown[4])
        #expect(Set(shown.prefix(4)).count == 4)
        #expect(shown[2].contains("-a") && shown[3].contains("-b"))
    }
}
