import LakeCatalog
import LakeCore
import LakeFormats
@testable import LakeQuery
import LakeStorage
import Testing

/// `TradeQueryService`: pages of stored trades read only the objects they need (counted at
/// the store), latest trades come from the newest objects, and positions inside a shared
/// millisecond page without losing or repeating trades.
@Suite struct TradeQueryServiceTests {
    static let day: Int64 = epochDay(2025, 3, 1) * 86_400_000

    /// A lake of `days` UTC days with `perDay` trades each (one Parquet object per day, 10 s
    /// apart from 01:00), read through a counting store that the loader treats as remote.
    struct TradeLake {
        let lake: TestLake
        let store: CountingStore
        let trades: TradeBatch

        init(_ label: String, days: Int = 30, perDay: Int = 100) async throws {
            lake = try TestLake(label)
            store = CountingStore(lake.store)
            var batches = [TradeBatch](repeating: TradeBatch(), count: days)
            var all = TradeBatch()
            for day in batches.indices {
                for index in 0..<perDay {
                    let trade = Trade(time: TradeQueryServiceTests.day + Int64(day) * 86_400_000 + 3_600_000 + Int64(index) * 10_000,
                                      price: 100 + Double(day) + Double(index) / 100, size: Double(index + 1))
                    batches[day].append(trade)
                    all.append(trade)
                }
            }
            trades = all
            for (day, batch) in batches.enumerated() { try await write(batch, fileName: "part-\(day).parquet") }
        }

        /// Stores and indexes `batch` as one trades object.
        func write(_ batch: TradeBatch, fileName: String, exchange: String = "BINANCE") async throws {
            let partition = try PartitionKey(writing: .trades, exchange: exchange, symbol: "BTCUSDT", containing: batch.time[0],
                                             fileName: fileName)
            let key = try LakeLayout().objectKey(for: partition)
            let bytes = try ParquetWriter.write(trades: batch)
            try await lake.store.put(key, bytes: bytes)
            try lake.catalog.upsert([try ObjectRecord(key: key, partition: partition, minTime: batch.time.first!, maxTime: batch.time.last!,
                                                      rowCount: Int64(batch.count), size: Int64(bytes.count), etag: fileName,
                                                      lastModified: 0, indexedAt: 0)])
        }

        var service: TradeQueryService { TradeQueryService(catalog: lake.catalog, loader: ObjectLoader(store: store)) }

        func slice(_ range: Range<Int>) -> TradeBatch {
            TradeBatch(time: Array(trades.time[range]), price: Array(trades.price[range]), size: Array(trades.size[range]))
        }
    }

    /// A trades object over `times` (epoch ms) holding `rows` trades, for the window estimates.
    static func record(_ times: ClosedRange<Int64>, rows: Int64) throws -> ObjectRecord {
        let partition = try PartitionKey(writing: .trades, exchange: "BINANCE", symbol: "X", containing: times.lowerBound,
                                         fileName: "part-\(times.lowerBound).parquet")
        return try ObjectRecord(key: try LakeLayout().objectKey(for: partition), partition: partition, minTime: times.lowerBound,
                                maxTime: times.upperBound, rowCount: rows, size: 1, etag: "e", lastModified: 0, indexedAt: 0)
    }

    /// Window lengths: whole objects by their counts, the last one pro rata with a quarter more
    /// time, at least the span of the objects counted whole, nil when too few trades are stored.
    @Test(arguments: [
        // (edge, rows wanted, forward, expected milliseconds)
        (0, 50, true, 64 as Int64?),        // 50 of 1/ms: 62.5 → 63, plus the edge millisecond
        (100, 50, false, 65),               // back from 100 (exclusive): 99 is 1 away
        (0, 250, true, nil),                // more than both objects hold
        (50, 60, true, 164),                // 50 rows to 99, then 10 more from 200: 150 + 13 + 1
        (250, 60, false, 165),              // 50 rows back to 200, then 10 more from 99 (151 back): 151 + 13 + 1
        (1_000, 10, false, 715),            // behind a gap: the second object's last trade is 701 back
    ])
    func windowLengthsFollowTheCatalogCounts(edge: Int64, wanted: Int, forward: Bool, expected: Int64?) throws {
        let objects = [try Self.record(0...99, rows: 100), try Self.record(200...299, rows: 100)]
        #expect(TradeQueryService.windowLength(objects, from: edge, rowsWanted: wanted, forward: forward) == expected)
    }

    @Test func aPageOfAMonthLongRangeReadsOnlyTheObjectsItNeeds() async throws {
        let lake = try await TradeLake("trade-page")
        let page = try await lake.service.page("BTCUSDT", exchange: nil, from: .init(time: Self.day), before: .max, limit: 150)
        #expect(page.trades == lake.slice(0..<150) && page.exchange == "BINANCE")
        #expect(page.next == TradePage.Position(time: lake.trades.time[149], skip: 1))
        #expect(lake.store.counted.wholeGets == 2, "\(lake.store.counted)")

        let following = try await lake.service.page("BTCUSDT", exchange: nil, from: page.next!, before: .max, limit: 150)
        #expect(following.trades == lake.slice(150..<300))
        let last = try await lake.service.page("BTCUSDT", exchange: nil, from: .init(time: lake.trades.time[2_950]), before: .max, limit: 150)
        #expect(last.trades == lake.slice(2_950..<3_000) && last.next == nil)
    }

    @Test func latestTradesComeFromTheNewestObjectsOnly() async throws {
        let lake = try await TradeLake("trade-latest")
        let latest = try await lake.service.latest("BTCUSDT", exchange: nil, limit: 150)
        #expect(latest.trades == lake.slice(2_850..<3_000) && latest.next == nil)
        #expect(lake.store.counted.wholeGets == 2, "\(lake.store.counted)")
        let everything = try await lake.service.latest("BTCUSDT", exchange: "BINANCE", limit: 5_000)
        #expect(everything.trades == lake.trades)
    }

    /// A late part overlapping the newest day: its trades interleave, and the newest trade of the
    /// older day (after the late part's last) is still found.
    @Test func latestMergesAnOverlappingLatePart() async throws {
        let lake = try await TradeLake("trade-latest-overlap", days: 3, perDay: 10)
        let late = TradeBatch(time: [lake.trades.time[22], lake.trades.time[25] + 1], price: [1, 2], size: [1, 1])
        try await lake.write(late, fileName: "part-late.parquet")
        let latest = try await lake.service.latest("BTCUSDT", exchange: nil, limit: 6)
        #expect(latest.trades.time == [lake.trades.time[25], late.time[1]] + Array(lake.trades.time[26..<30]))
        let page = try await lake.service.page("BTCUSDT", exchange: nil, from: .init(time: lake.trades.time[22]), before: .max, limit: 3)
        #expect(page.trades.time == [lake.trades.time[22], late.time[0], lake.trades.time[23]])
        #expect(Array(page.trades.price.prefix(2)) == [lake.trades.price[22], 1], "the older object's trade comes first within the millisecond")
    }

    /// Ten trades in one millisecond, three at a time: each position skips what came before,
    /// including the trades the start position already skipped.
    @Test func positionsInsideOneMillisecondPageWithoutLossOrRepeats() async throws {
        let lake = try await TradeLake("trade-shared-ms", days: 1, perDay: 1)
        let time = lake.trades.time[0] + 1
        try await lake.write(TradeBatch(time: Array(repeating: time, count: 10), price: (1...10).map(Double.init),
                                        size: Array(repeating: 1, count: 10)), fileName: "part-burst.parquet")
        var position = TradePage.Position(time: time)
        var prices: [Double] = []
        var positions: [TradePage.Position] = []
        while true {
            let page = try await lake.service.page("BTCUSDT", exchange: nil, from: position, before: .max, limit: 3)
            prices += page.trades.price
            guard let next = page.next else { break }
            positions.append(next)
            position = next
        }
        #expect(prices == (1...10).map(Double.init))
        #expect(positions == [3, 6, 9].map { TradePage.Position(time: time, skip: $0) })
    }

    @Test func unknownBarsOnlyAndAmbiguousSymbolsAreQueryErrors() async throws {
        let lake = try await TradeLake("trade-errors", days: 1, perDay: 1)
        try await lake.lake.writer.write(BarBatch([Bar(time: Self.day, open: 1, high: 1, low: 1, close: 1, volume: 1)]),
                                         timeframe: .oneMinute, exchange: "NSE", symbol: "BARS")
        await #expect { try await lake.service.latest("NOPE", exchange: nil, limit: 1) } throws: { ($0 as? QueryError)?.kind == .unknownSymbol }
        await #expect { try await lake.service.page("BARS", exchange: nil, from: .init(time: 0), before: .max, limit: 1) } throws: {
            ($0 as? QueryError)?.kind == .noData && "\($0)".contains("1m")
        }
        await #expect { try await lake.service.latest("BTCUSDT", exchange: "NSE", limit: 1) } throws: { ($0 as? QueryError)?.kind == .unknownSymbol }

        // Trades of the same symbol on a second exchange: the exchange must be named.
        try await lake.write(TradeBatch(time: [Self.day], price: [7], size: [1]), fileName: "part-okx.parquet", exchange: "OKX")
        await #expect { try await lake.service.latest("BTCUSDT", exchange: nil, limit: 1) } throws: { ($0 as? QueryError)?.kind == .ambiguousSymbol }
        let okx = try await lake.service.page("BTCUSDT", exchange: "OKX", from: .init(time: .min), before: .max, limit: 10)
        #expect(okx.exchange == "OKX" && okx.trades.price == [7] && okx.next == nil)
    }
}
