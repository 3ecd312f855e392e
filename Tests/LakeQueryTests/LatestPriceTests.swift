import LakeCatalog
import LakeCore
import LakeQuery
import Testing

/// `BarQueryService.latest`: the newest row of the finest stored series, deduplicated across
/// parts like any query, from trades when trades are the finest series.
@Suite struct LatestPriceTests {
    static let day = epochDay(2024, 5, 1) * 86_400_000

    static func bars(minutes: ClosedRange<Int64>, close: Double) -> BarBatch {
        BarBatch(minutes.map { Bar(time: day + $0 * 60_000, open: close, high: close, low: close, close: close, volume: 1) })
    }

    @Test func newestBarOfTheFinestSeriesWinsAcrossParts() async throws {
        let lake = try TestLake("latest-bars")
        try await lake.writer.write(Self.bars(minutes: 0...600, close: 5), timeframe: .oneMinute, exchange: "BINANCE", symbol: "X")
        // An append repeating the last minutes: the newer part (written later, greater key) wins.
        try await lake.writer.write(Self.bars(minutes: 598...600, close: 7), timeframe: .oneMinute, exchange: "BINANCE", symbol: "X",
                                    fileName: "part-00001.parquet")
        // A coarser precomputed series ending later in label terms is not the finest one.
        try await lake.writer.write(BarBatch([Bar(time: Self.day + 86_400_000, open: 9, high: 9, low: 9, close: 9, volume: 1)]),
                                    timeframe: .day, exchange: "BINANCE", symbol: "X")
        let latest = try await lake.service().latest(symbol: "X")
        #expect(latest == LatestPrice(symbol: "X", exchange: "BINANCE", timeframe: .oneMinute, time: Self.day + 600 * 60_000, price: 7))
    }

    @Test func tradesAreUsedWhenTheyAreTheFinestSeries() async throws {
        let lake = try TestLake("latest-trades")
        try await lake.writer.write(Self.bars(minutes: 0...10, close: 5), timeframe: .oneMinute, exchange: "BINANCE", symbol: "T")
        let partition = try PartitionKey(writing: .trades, exchange: "BINANCE", symbol: "T", containing: Self.day, fileName: "part-0.csv")
        let key = try LakeLayout().objectKey(for: partition)
        let csv = "time,price,size\n2024-05-01T00:09:59.250Z,101.5,2\n2024-05-01T00:10:00.500Z,102.25,1\n"
        try await lake.store.put(key, bytes: Array(csv.utf8))
        try lake.catalog.upsert([try ObjectRecord(key: key, partition: partition, minTime: Self.day + 599_250, maxTime: Self.day + 600_500,
                                                  rowCount: 2, size: Int64(csv.utf8.count), etag: "e", lastModified: 1, indexedAt: 1)])
        let latest = try await lake.service().latest(symbol: "T")
        #expect(latest.timeframe == .trades && latest.price == 102.25 && latest.time == Self.day + 600_500)
    }

    @Test func unknownAndAmbiguousSymbolsAreQueryErrors() async throws {
        let lake = try TestLake("latest-errors")
        for exchange in ["NSE", "BSE"] {
            try await lake.writer.write(Self.bars(minutes: 0...1, close: 1), timeframe: .oneMinute, exchange: exchange, symbol: "DUAL")
        }
        let service = try lake.service()
        await #expect { try await service.latest(symbol: "NOPE") } throws: { ($0 as? QueryError)?.kind == .unknownSymbol }
        await #expect { try await service.latest(symbol: "DUAL") } throws: { ($0 as? QueryError)?.kind == .ambiguousSymbol }
        #expect(try await service.latest(symbol: "DUAL", exchange: "BSE").exchange == "BSE")
    }
}
