import LakeCatalog
import LakeCore
import LakeFormats
@testable import LakeQuery
import Testing

/// Trade objects of disjoint times are aggregated one by one, and with an
/// ``ObjectAggregateCache`` each whole object is aggregated once: a query asked again (the
/// stream's forming candle, every second) reads only the objects that are new.
@Suite struct ObjectAggregateCacheTests {
    static let day = epochDay(2025, 6, 2) * 86_400_000
    static let minute: Int64 = 60_000

    /// Trades every 3 s from 10:00 for `batches` batches of 20 s each, one object per batch (as
    /// live ingest stores them); the trades, and the lake.
    static func lake(_ label: String, batches: Int) async throws -> (TestLake, TradeBatch) {
        let lake = try TestLake(label)
        var all = TradeBatch()
        for batch in 0..<batches { all = try await append(batch: batch, to: lake, all) }
        return (lake, all)
    }

    static func append(batch: Int, to lake: TestLake, _ all: TradeBatch) async throws -> TradeBatch {
        let start = day + 36_000_000 + Int64(batch) * 20_000
        let times = Array(stride(from: start, to: start + 20_000, by: 3_000))
        let trades = TradeBatch(time: times, price: times.indices.map { 100 + Double((batch * 7 + $0) % 13) * 0.1 },
                                size: times.indices.map { 0.1 * Double(1 + (batch + $0) % 4) })
        let partition = try PartitionKey(writing: .trades, exchange: "BINANCE", symbol: "LIVE", containing: start,
                                         fileName: "part-\(batch).parquet")
        let key = try LakeLayout().objectKey(for: partition)
        let bytes = try ParquetWriter.write(trades: trades)
        try await lake.store.put(key, bytes: bytes)
        try lake.catalog.upsert([try ObjectRecord(key: key, partition: partition, minTime: times[0], maxTime: times[times.count - 1],
                                                  rowCount: Int64(times.count), size: Int64(bytes.count), etag: "e\(batch)",
                                                  lastModified: 1, indexedAt: 1)])
        var all = all
        (0..<trades.count).forEach { all.append(trades[$0]) }
        return all
    }

    /// The oracle: all trades resampled in one pass.
    static func onePass(_ trades: TradeBatch, _ timeframe: Timeframe, _ range: Range<Int64>) throws -> BarBatch {
        BarResampler.resample(trades.rows(in: range), into: try ExchangeCalendar.utc.boundaries(for: timeframe, covering: range)).bars
    }

    static func expectClose(_ got: BarBatch, _ want: BarBatch) {
        #expect(got.time == want.time)
        #expect(got.open == want.open && got.high == want.high && got.low == want.low && got.close == want.close)
        #expect(zip(got.volume, want.volume).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
        #expect(got.transactions?.values == want.transactions?.values)
    }

    @Test(arguments: ["1m", "5m", "1h", "1d"])
    func perObjectAggregationMatchesOnePass(target: String) async throws {
        let (lake, trades) = try await Self.lake("aggregates-match-\(target)", batches: 12)
        let timeframe = try Timeframe(parsing: target)
        let range = Self.day..<(Self.day + 86_400_000)
        let cache = ObjectAggregateCache()
        var service = try lake.service()
        service.aggregates = cache
        let first = try await service.bars(BarQuery(symbol: "LIVE", timeframe: timeframe, range: range)).bars
        let again = try await service.bars(BarQuery(symbol: "LIVE", timeframe: timeframe, range: range)).bars
        let uncached = try await lake.service().bars(BarQuery(symbol: "LIVE", timeframe: timeframe, range: range)).bars
        let expected = try Self.onePass(trades, timeframe, range)
        Self.expectClose(first, expected)
        #expect(again == first, "an answer from kept aggregates is the answer computed afresh")
        #expect(uncached == first)
        #expect(cache.counts.entries == 12 && cache.counts.hits == 12 && cache.counts.misses == 12)
    }

    /// The stream's case: the forming minute asked again after a new object arrived reads that
    /// object only; an object the range cuts is aggregated afresh every time, never kept.
    @Test func aNewObjectIsTheOnlyOneRead() async throws {
        var (lake, trades) = try await Self.lake("aggregates-new", batches: 2)
        let cache = ObjectAggregateCache()
        var service = try lake.service()
        service.aggregates = cache
        // The minute 10:00 holds batches 0, 1 and 2 (0–20 s, 20–40 s, 40–60 s).
        let minute = (Self.day + 36_000_000)..<(Self.day + 36_000_000 + Self.minute)
        let query = BarQuery(symbol: "LIVE", timeframe: .oneMinute, range: minute)
        _ = try await service.bars(query)
        #expect(cache.counts.misses == 2 && cache.counts.entries == 2)
        trades = try await Self.append(batch: 2, to: lake, trades)
        let result = try await service.bars(query).bars
        #expect(cache.counts.hits == 2 && cache.counts.misses == 3 && cache.counts.entries == 3)
        Self.expectClose(result, try Self.onePass(trades, .oneMinute, minute))
        // Half a minute: batch 1 (20–40 s) is cut, so only batch 0 is taken from the cache.
        let half = minute.lowerBound..<(minute.lowerBound + 30_000)
        _ = try await service.bars(BarQuery(symbol: "LIVE", timeframe: .oneMinute, range: half))
        #expect(cache.counts.hits == 3 && cache.counts.entries == 3)
    }

    /// Objects whose times overlap are merged (trades interleave), never aggregated one by one.
    @Test func overlappingObjectsAreMergedAndNotKept() async throws {
        let (lake, trades) = try await Self.lake("aggregates-overlap", batches: 1)
        // A second feed's object spanning the first one's times.
        let times = Array(stride(from: Self.day + 36_000_000 + 1_000, to: Self.day + 36_000_000 + 19_000, by: 3_000))
        let other = TradeBatch(time: times, price: times.map { _ in 150 }, size: times.map { _ in 1 })
        let partition = try PartitionKey(writing: .trades, exchange: "BINANCE", symbol: "LIVE", containing: times[0], fileName: "part-x.parquet")
        let key = try LakeLayout().objectKey(for: partition)
        let bytes = try ParquetWriter.write(trades: other)
        try await lake.store.put(key, bytes: bytes)
        try lake.catalog.upsert([try ObjectRecord(key: key, partition: partition, minTime: times[0], maxTime: times[times.count - 1],
                                                  rowCount: Int64(times.count), size: Int64(bytes.count), etag: "x", lastModified: 1, indexedAt: 1)])
        let cache = ObjectAggregateCache()
        var service = try lake.service()
        service.aggregates = cache
        let range = Self.day..<(Self.day + 86_400_000)
        let result = try await service.bars(BarQuery(symbol: "LIVE", timeframe: .oneMinute, range: range)).bars
        var all = trades
        (0..<other.count).forEach { all.append(other[$0]) }
        Self.expectClose(result, try Self.onePass(all, .oneMinute, range))
        #expect(cache.counts.entries == 0)
    }

    @Test func theLeastRecentlyUsedAreEvicted() async throws {
        let (lake, _) = try await Self.lake("aggregates-evict", batches: 30)
        let cache = ObjectAggregateCache(maximumEntries: 20)
        var service = try lake.service()
        service.aggregates = cache
        _ = try await service.bars(BarQuery(symbol: "LIVE", timeframe: .oneMinute, range: Self.day..<(Self.day + 86_400_000)))
        #expect(cache.counts.entries <= 20)
    }
}
