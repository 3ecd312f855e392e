import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import Testing

/// A symbol whose history is stored as one-minute bars and whose newest data as trades (a
/// backfill, then live ingest): the bars answer up to their end, the trades after it, and a
/// bucket holding the switch combines both.
@Suite struct PlannerHistoryTests {
    static let day1 = epochDay(2025, 3, 3) * 86_400_000
    static let dayMs: Int64 = 86_400_000
    /// The bars end at noon of the third day.
    static let barsEnd = day1 + 2 * dayMs + 43_200_000

    /// Minute bars from day 1 to `barsEnd`, and trades every 7 s from `tradesStart` to noon of
    /// day 4, one object per UTC day each.
    static func lake(_ label: String, tradesStart: Int64) async throws -> (TestLake, bars: BarBatch, trades: TradeBatch) {
        let lake = try TestLake(label)
        var generator = DemoBarGenerator(seed: 11)
        let days = epochDay(2025, 3, 3)..<epochDay(2025, 3, 6)
        var history = BarBatch()
        for (_, bars) in generator.minuteBars(session: .allDay, startPrice: 80, days: days, gaps: false) {
            let kept = BarBatch((0..<bars.count).map { bars[$0] }.filter { $0.time < barsEnd })
            guard !kept.isEmpty else { continue }
            try await lake.writer.write(kept, timeframe: .oneMinute, exchange: "BINANCE", symbol: "MIX")
            (0..<kept.count).forEach { history.append(kept[$0]) }
        }
        let times = Array(stride(from: tradesStart, to: day1 + 3 * dayMs + 43_200_000, by: 7_000))
        let trades = TradeBatch(time: times, price: times.indices.map { 90 + Double($0 % 101) * 0.25 },
                                size: times.indices.map { Double(1 + $0 % 5) })
        var start = 0
        while start < trades.count {
            let day = trades.time[start] / dayMs
            var end = start
            while end < trades.count && trades.time[end] / dayMs == day { end += 1 }
            try await write(TradeBatch(time: Array(trades.time[start..<end]), price: Array(trades.price[start..<end]),
                                       size: Array(trades.size[start..<end])), to: lake)
            start = end
        }
        return (lake, history, trades)
    }

    static func write(_ trades: TradeBatch, to lake: TestLake) async throws {
        let partition = try PartitionKey(writing: .trades, exchange: "BINANCE", symbol: "MIX", containing: trades.time[0],
                                         fileName: "part-0.parquet")
        let key = try LakeLayout().objectKey(for: partition)
        let bytes = try ParquetWriter.write(trades: trades)
        try await lake.store.put(key, bytes: bytes)
        try lake.catalog.upsert([try ObjectRecord(key: key, partition: partition, minTime: trades.time[0], maxTime: trades.time[trades.count - 1],
                                                  rowCount: Int64(trades.count), size: Int64(bytes.count), etag: "e", lastModified: 1, indexedAt: 1)])
    }

    /// The oracle: the bars before `cut` and the trades from `cut` on as one series of bars
    /// (a trade as a bar of one price), resampled in one pass.
    static func expected(_ bars: BarBatch, _ trades: TradeBatch, cut: Int64, into timeframe: Timeframe, range: Range<Int64>) throws -> BarBatch {
        var rows = (0..<bars.count).map { bars[$0] }.filter { $0.time < cut && range.contains($0.time) }
        rows += (0..<trades.count).map { trades[$0] }.filter { $0.time >= cut && range.contains($0.time) }
            .map { Bar(time: $0.time, open: $0.price, high: $0.price, low: $0.price, close: $0.price, volume: $0.size) }
        return BarResampler.resample(BarBatch(rows), into: try ExchangeCalendar.utc.boundaries(for: timeframe, covering: range)).bars
    }

    @Test(arguments: [
        // Trades start where the bars end; or an hour before (the bars win the overlap).
        (barsEnd, "1d"), (barsEnd, "4h"), (barsEnd - 3_600_000, "1d"), (barsEnd - 3_600_000, "1h"),
    ])
    func barsAnswerUpToTheirEndAndTradesAfter(tradesStart: Int64, target: String) async throws {
        let (lake, bars, trades) = try await Self.lake("history-\(tradesStart % 10_000_000)-\(target)", tradesStart: tradesStart)
        let timeframe = try Timeframe(parsing: target)
        let range = Self.day1..<(Self.day1 + 5 * Self.dayMs)
        let result = try await lake.service().bars(BarQuery(symbol: "MIX", timeframe: timeframe, range: range))
        #expect(result.plan.parts.map(\.source) == [.oneMinute, .trades])
        #expect(result.plan.parts.map(\.range) == [range.lowerBound..<Self.barsEnd, Self.barsEnd..<range.upperBound])
        let expected = try Self.expected(bars, trades, cut: Self.barsEnd, into: timeframe, range: range)
        #expect(result.bars.time == expected.time)
        #expect(result.bars.open == expected.open)
        #expect(result.bars.high == expected.high)
        #expect(result.bars.low == expected.low)
        #expect(result.bars.close == expected.close)
        #expect(zip(result.bars.volume, expected.volume).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
        // A bucket after the switch counts its trades.
        let counts = try #require(result.bars.transactions)
        for (index, start) in result.bars.time.enumerated() where start >= Self.barsEnd {
            let bucket = start..<(start + timeframe.nominalMilliseconds)
            #expect(counts[index] == Int64(trades.time.filter { bucket.contains($0) }.count), "bucket at \(start)")
        }
    }

    @Test func aRangeTheBarsDoNotReachIsTradesAlone() async throws {
        let (lake, _, _) = try await Self.lake("history-after", tradesStart: Self.barsEnd)
        let range = (Self.day1 + 3 * Self.dayMs)..<(Self.day1 + 4 * Self.dayMs)
        let plan = try lake.service().planner.plan(BarQuery(symbol: "MIX", timeframe: .oneHour, range: range))
        #expect(plan.parts.map(\.source) == [.trades])
    }

    @Test func aRangeTheBarsCoverIsBarsAlone() async throws {
        let (lake, _, _) = try await Self.lake("history-before", tradesStart: Self.barsEnd)
        let range = Self.day1..<(Self.day1 + 2 * Self.dayMs)
        let plan = try lake.service().planner.plan(BarQuery(symbol: "MIX", timeframe: .oneHour, range: range))
        #expect(plan.parts.map(\.source) == [.oneMinute])
    }
}
