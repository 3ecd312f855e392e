import LakeCatalog
import LakeCore
import Testing

/// The symbol search behind `/api/v1/search` and `/api/v1/tickers/`: reference data joined with
/// what the lake holds, lake-only symbols listed too, activity derived from the last bar when
/// no reference says otherwise, ranked and paged.
@Suite struct CatalogSymbolSearchTests {
    /// AAPL (reference + data), CIPLA (reference only, inactive), BTCUSDT and OLDCO (data only:
    /// BTCUSDT until day 20, OLDCO until day 2), and APPLIED (data only) on NYSE.
    static func catalog() throws -> Catalog {
        let catalog = try Catalog.inMemory()
        try catalog.upsertReference([
            SymbolReference(symbol: "AAPL", exchange: "NASDAQ", name: "Apple Inc.", type: "equity", sector: "Technology"),
            SymbolReference(symbol: "CIPLA", exchange: "BSE", name: "Cipla Limited", type: "equity", active: false),
        ], updatedAt: 1)
        try catalog.upsert([
            try Fixtures.minuteObject("AAPL", exchange: "NASDAQ", dayIndex: 0),
            try Fixtures.minuteObject("AAPL", exchange: "NASDAQ", dayIndex: 1, rows: 10, size: 500),
            try Fixtures.minuteObject("BTCUSDT", exchange: "BINANCE", dayIndex: 20),
            try Fixtures.minuteObject("OLDCO", exchange: "NYSE", dayIndex: 2),
            try Fixtures.minuteObject("APPLIED", exchange: "NYSE", dayIndex: 20),
        ])
        return catalog
    }

    static let day10 = Fixtures.january2025 + 10 * Fixtures.day

    /// (text, exchange, active only) → symbols in rank order.
    @Test(arguments: [
        ("", nil, false, ["AAPL", "APPLIED", "BTCUSDT", "CIPLA", "OLDCO"]),
        ("", nil, true, ["AAPL", "APPLIED", "BTCUSDT"]),
        ("aapl", nil, false, ["AAPL"]),
        ("ap", nil, false, ["APPLIED", "AAPL"]),           // ticker prefix, then name prefix ("Apple Inc.")
        ("apple", nil, false, ["AAPL"]),
        ("inc", nil, false, ["AAPL"]),                     // name substring
        ("usd", nil, false, ["BTCUSDT"]),                  // ticker substring
        ("limited", nil, true, []),
        ("", "NYSE", false, ["APPLIED", "OLDCO"]),
        ("%", nil, false, []),
    ] as [(String, String?, Bool, [String])])
    func searchJoinsReferenceAndLakeRanked(text: String, exchange: String?, activeOnly: Bool, expected: [String]) throws {
        let page = try Self.catalog().searchSymbols(Catalog.SymbolSearch(text: text, exchange: exchange, activeOnly: activeOnly,
                                                                         activeSince: Self.day10))
        #expect(page.items.map(\.symbol) == expected)
        #expect(page.nextCursor == nil)
    }

    @Test func listingsCarryReferenceAndLakeTotals() throws {
        let items = try Self.catalog().searchSymbols(Catalog.SymbolSearch(activeSince: Self.day10)).items
        let apple = try #require(items.first { $0.symbol == "AAPL" })
        #expect(apple.hasReference && apple.name == "Apple Inc." && apple.sector == "Technology" && apple.active)
        #expect(apple.timeframes == [.oneMinute] && apple.objectCount == 2 && apple.rowCount == 386 && apple.totalBytes == 10_500)
        #expect(apple.firstBar == Fixtures.january2025 + 13_500_000)
        let cipla = try #require(items.first { $0.symbol == "CIPLA" })
        #expect(cipla.timeframes.isEmpty && cipla.rowCount == 0 && cipla.firstBar == nil && !cipla.active)
        let old = try #require(items.first { $0.symbol == "OLDCO" })
        #expect(!old.hasReference && old.name == nil && old.type == nil && !old.active)
    }

    @Test func pagesFollowTheRankedOrderToTheEnd() throws {
        let catalog = try Self.catalog()
        var search = Catalog.SymbolSearch(limit: 2)
        var seen: [String] = []
        while true {
            let page = try catalog.searchSymbols(search)
            seen += page.items.map(\.symbol)
            guard let next = page.nextCursor else { break }
            search.cursor = next
        }
        #expect(seen == ["AAPL", "APPLIED", "BTCUSDT", "CIPLA", "OLDCO"])
        #expect(throws: CatalogError.self) { try catalog.searchSymbols(Catalog.SymbolSearch(text: "x", cursor: "garbage")) }
        let otherSearch = try #require(try catalog.searchSymbols(Catalog.SymbolSearch(text: "", limit: 1)).nextCursor)
        #expect(throws: CatalogError.self) { try catalog.searchSymbols(Catalog.SymbolSearch(text: "a", cursor: otherSearch)) }
    }

    /// A cursor carries an offset into one ranked list: the filters that shape the list are part
    /// of it, and any text (a line break too) pages to the end.
    @Test func cursorsBelongToTheirFiltersAndText() throws {
        let catalog = try Self.catalog()
        let first = try #require(try catalog.searchSymbols(Catalog.SymbolSearch(limit: 1)).nextCursor)
        for other in [Catalog.SymbolSearch(exchange: "NYSE", cursor: first), Catalog.SymbolSearch(activeOnly: true, cursor: first)] {
            #expect(throws: CatalogError.self) { try catalog.searchSymbols(other) }
        }
        // The activity threshold follows the clock, so the next page is asked with a later one.
        #expect(try catalog.searchSymbols(Catalog.SymbolSearch(activeSince: Self.day10, limit: 1, cursor: first)).items.map(\.symbol)
                == ["APPLIED"])
        try catalog.upsertReference([SymbolReference(symbol: "NL1", exchange: "X", name: "two\nlines"),
                                     SymbolReference(symbol: "NL2", exchange: "X", name: "two\nlines")], updatedAt: 1)
        let page = try catalog.searchSymbols(Catalog.SymbolSearch(text: "o\nl", limit: 1))
        let next = try #require(page.nextCursor)
        #expect(try catalog.searchSymbols(Catalog.SymbolSearch(text: "o\nl", limit: 1, cursor: next)).items.map(\.symbol) == ["NL2"])
    }
}
