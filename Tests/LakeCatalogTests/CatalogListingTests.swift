import Testing
import LakeCatalog
import LakeCore

@Suite struct CatalogListingTests {
    /// NSE: 25 symbols S00…S24 with 1m data; BSE: S00…S04 with 1d data; NYSE: AAPL, BRK.B with both.
    static func populated() throws -> Catalog {
        let catalog = try Catalog.inMemory()
        var records: [ObjectRecord] = []
        for index in 0..<25 {
            let symbol = "S" + (index < 10 ? "0" : "") + String(index)
            records += try (0..<2).map { try Fixtures.minuteObject(symbol, dayIndex: $0) }
            if index < 5 { records.append(try Fixtures.dailyObject(symbol, exchange: "BSE", year: 2024)) }
        }
        for symbol in ["AAPL", "BRK.B"] {
            records.append(try Fixtures.minuteObject(symbol, exchange: "NYSE", dayIndex: 0))
            records.append(try Fixtures.dailyObject(symbol, exchange: "NYSE", year: 2024))
        }
        try catalog.upsert(records)
        return catalog
    }

    /// Every page of a listing, following cursors.
    static func allPages(_ query: Catalog.SymbolQuery, in catalog: Catalog) throws -> [[String]] {
        var pages: [[String]] = []
        var query = query
        repeat {
            let page = try catalog.symbols(query)
            pages.append(page.items.map { "\($0.exchange):\($0.symbol)" })
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return pages
    }

    /// (prefix, exchange, timeframe, limit) → pages of "EXCHANGE:SYMBOL".
    @Test(arguments: [
        ("", nil, nil, 100, 32, 1), ("", nil, nil, 10, 32, 4), ("", nil, nil, 32, 32, 1), ("", nil, nil, 31, 32, 2),
        ("S0", nil, nil, 100, 15, 1), ("S0", "BSE", nil, 2, 5, 3), ("S1", nil, "1d", 100, 0, 1),
        ("", "NYSE", "1d", 1, 2, 2), ("", nil, "1d", 100, 7, 1), ("BRK", nil, nil, 100, 1, 1), ("Z", nil, nil, 100, 0, 1),
        ("s0", nil, nil, 100, 0, 1),
    ] as [(String, String?, String?, Int, Int, Int)])
    func symbolListingPagesThroughEverything(prefix: String, exchange: String?, timeframe: String?, limit: Int,
                                             expectedCount: Int, expectedPages: Int) throws {
        let catalog = try Self.populated()
        let query = try Catalog.SymbolQuery(prefix: prefix, exchange: exchange, timeframe: timeframe.map { try Timeframe(parsing: $0) }, limit: limit)
        let pages = try Self.allPages(query, in: catalog)
        let items = pages.flatMap { $0 }
        #expect(items.count == expectedCount)
        #expect(pages.count == expectedPages)
        // Listed by symbol, then exchange.
        let sortKeys = items.map { item in item.split(separator: ":").reversed().joined(separator: " ") }
        #expect(sortKeys == sortKeys.sorted())
        #expect(Set(items).count == items.count)
    }

    @Test func symbolSummariesCarryTimeframesAndTotals() throws {
        let catalog = try Self.populated()
        let page = try catalog.symbols(Catalog.SymbolQuery(prefix: "AAPL"))
        let aapl = try #require(page.items.first)
        #expect(aapl.timeframes == [.oneMinute, .day])
        #expect(aapl.objectCount == 2 && aapl.rowCount == 376 + 250 && aapl.totalBytes == 18_000)
        #expect(aapl.firstTime == 1_704_067_200_000) // 2024-01-01, from the daily object
    }

    @Test func timeframeFilterKeepsTheSymbolsOtherTimeframes() throws {
        let catalog = try Self.populated()
        let page = try catalog.symbols(Catalog.SymbolQuery(prefix: "BRK", timeframe: .oneMinute))
        #expect(page.items.first?.timeframes == [.oneMinute, .day])
    }

    @Test func partitionsPageByTimeframeThenTime() throws {
        let catalog = try Self.populated()
        var query = Catalog.PartitionQuery(limit: 1)
        var keys: [String] = []
        repeat {
            let page = try catalog.partitions(symbol: "AAPL", query)
            keys += page.items.map(\.key)
            query.cursor = page.nextCursor
        } while query.cursor != nil
        #expect(keys == ["processed/timeframe=1d/exchange=NYSE/symbol=AAPL/year=2024/part-0.parquet",
                         "processed/timeframe=1m/exchange=NYSE/symbol=AAPL/year=2025/month=01/day=01/part-0.parquet"])
        let minutes = try catalog.partitions(symbol: "S03", Catalog.PartitionQuery(timeframe: .oneMinute))
        #expect(minutes.items.map(\.partition.day) == [1, 2] && minutes.nextCursor == nil)
        let secondDay = Fixtures.january2025 + Fixtures.day
        let ranged = try catalog.partitions(symbol: "S03", Catalog.PartitionQuery(range: secondDay..<(secondDay + Fixtures.day)))
        #expect(ranged.items.map(\.partition.day) == [2])
        #expect(try catalog.partitions(symbol: "S03", Catalog.PartitionQuery(exchange: "BSE")).items.map(\.partition.timeframe) == [.day])
    }

    /// Every combination of filters with small pages returns each matching object once, in order.
    @Test(arguments: [nil, Timeframe.oneMinute], [nil, 5..<25] as [Range<Int>?])
    func filteredPartitionPagesJoinUp(timeframe: Timeframe?, days: Range<Int>?) throws {
        let catalog = try Catalog.inMemory()
        try catalog.upsert((0..<30).map { try Fixtures.minuteObject("X", dayIndex: $0) } + [Fixtures.dailyObject("X", year: 2025)])
        let range = days.map { (Fixtures.january2025 + Int64($0.lowerBound) * Fixtures.day)..<(Fixtures.january2025 + Int64($0.upperBound) * Fixtures.day) }
        var query = Catalog.PartitionQuery(timeframe: timeframe, range: range, limit: 7)
        var found: [String] = []
        repeat {
            let page = try catalog.partitions(symbol: "X", query)
            found += page.items.map { "\($0.partition.timeframe):\(($0.minTime - Fixtures.january2025) / Fixtures.day)" }
            query.cursor = page.nextCursor
        } while query.cursor != nil
        let minuteDays = (days ?? 0..<30).map { "1m:\($0)" }
        #expect(found == (timeframe == nil ? ["1d:0"] : []) + minuteDays)
    }

    @Test(arguments: ["", "garbage", "c3ltYm9scwpB", String(repeating: "A", count: 5000)])
    func foreignCursorsAreRefused(_ cursor: String) throws {
        let catalog = try Self.populated()
        #expect { try catalog.symbols(Catalog.SymbolQuery(cursor: cursor)) } throws: { ($0 as? CatalogError)?.kind == .invalidCursor }
    }

    @Test func cursorsDoNotCrossListings() throws {
        let catalog = try Self.populated()
        let cursor = try #require(try catalog.symbols(Catalog.SymbolQuery(limit: 1)).nextCursor)
        #expect { try catalog.partitions(symbol: "AAPL", Catalog.PartitionQuery(cursor: cursor)) } throws: {
            ($0 as? CatalogError)?.kind == .invalidCursor
        }
    }

    @Test(arguments: [0, -1, 10_001])
    func limitsOutsideTheRangeAreRefused(_ limit: Int) throws {
        let catalog = try Catalog.inMemory()
        #expect { try catalog.symbols(Catalog.SymbolQuery(limit: limit)) } throws: { ($0 as? CatalogError)?.kind == .invalidArgument }
    }

    @Test func seriesListsStoredTimeframesFinestFirst() throws {
        let catalog = try Self.populated()
        #expect(try catalog.series(symbol: "S02").map { "\($0.exchange):\($0.timeframe)" } == ["NSE:1m", "BSE:1d"])
        #expect(try catalog.series(symbol: "S02", exchange: "BSE").map(\.rowCount) == [250])
    }
}
