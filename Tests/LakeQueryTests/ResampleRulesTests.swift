import LakeCore
import LakeQuery
import Testing

/// Fill, closed-bar and trade rules of the kernels, on small hand-made inputs.
@Suite struct ResampleRulesTests {
    static let fiveMinutes = try! ExchangeCalendar.utc.boundaries(for: Timeframe(minutes: 5), covering: 0..<1)

    /// Minutes 0, 1 and 12 (minute 5–9 bucket empty), with a NaN row and a missing VWAP.
    static let minutes = BarBatch([
        Bar(time: 0, open: 10, high: 12, low: 9, close: 11, volume: 100, vwap: 10.5, transactions: 3, takerBuyVolume: 40),
        Bar(time: 60_000, open: .nan, high: 15, low: .nan, close: 14, volume: .nan, vwap: nil, transactions: nil),
        Bar(time: 720_000, open: 20, high: 21, low: 19, close: 20.5, volume: 50, vwap: 20, transactions: 2, takerBuyVolume: 10),
    ])

    @Test func aggregatesSkippingMissingValues() {
        let result = BarResampler.resample(Self.minutes, into: Self.fiveMinutes)
        #expect(result.bars.time == [0, 600_000])
        #expect(result.bars[0] == Bar(time: 0, open: 10, high: 15, low: 9, close: 14, volume: 100, vwap: 10.5, transactions: 3,
                                      takerBuyVolume: 40))
        #expect(result.bucketEnds == [300_000, 900_000])
    }

    @Test(arguments: [
        (FillPolicy.none, [Int64(0), 600_000], [14.0, 20.5]),
        (.previous, [0, 300_000, 600_000], [14, 14, 20.5]),
        (.null, [0, 300_000, 600_000], [14, .nan, 20.5]),
    ])
    func fillsEmptyBucketsBetweenBars(policy: FillPolicy, times: [Int64], closes: [Double]) {
        let filled = BarResampler.resample(Self.minutes, into: Self.fiveMinutes).filled(policy, boundaries: Self.fiveMinutes)
        #expect(filled.bars.time == times)
        #expect(filled.bars.close.map { $0.isNaN ? -1 : $0 } == closes.map { $0.isNaN ? -1 : $0 })
        #expect(filled.bucketEnds == times.map { $0 + 300_000 })
        if policy != .none { #expect(filled.bars[1].volume == 0 && filled.bars[1].vwap == nil && filled.bars[1].transactions == 0) }
    }

    @Test(arguments: [(Int64(899_999), 1), (900_000, 2), (299_999, 0), (300_000, 1)])
    func barIsClosedWhenItsBucketHasEnded(asOf: Int64, closed: Int) {
        #expect(BarResampler.resample(Self.minutes, into: Self.fiveMinutes).closedCount(asOf: asOf) == closed)
    }

    @Test func tradesBecomeBars() {
        let trades = TradeBatch(time: [1_000, 2_000, 3_000, 301_000], price: [10, 12, 11, 9], size: [1, 3, 2, 5])
        let bars = BarResampler.resample(trades, into: Self.fiveMinutes).bars
        #expect(bars.count == 2)
        #expect(bars[0] == Bar(time: 0, open: 10, high: 12, low: 10, close: 11, volume: 6, vwap: (10 + 36 + 22) / 6.0, transactions: 3))
        #expect(bars[1] == Bar(time: 300_000, open: 9, high: 9, low: 9, close: 9, volume: 5, vwap: 9, transactions: 1))
    }

    @Test func negativeTimesBucketByFloor() {
        let bars = BarBatch([Bar(time: -60_000, open: 1, high: 1, low: 1, close: 1, volume: 1)])
        #expect(BarResampler.resample(bars, into: Self.fiveMinutes).bars.time == [-300_000])
    }

    @Test func limitCutsWithACursor() async throws {
        let lake = try TestLake("limit")
        try await lake.writeMinutes(symbol: "BTCUSDT", exchange: "BINANCE", session: .allDay,
                                    days: epochDay(2024, 1, 1)..<epochDay(2024, 1, 3), seed: 3, gaps: false)
        let service = try lake.service(now: epochDay(2024, 1, 2) * 86_400_000 + 1)
        let range = epochDay(2024, 1, 1) * 86_400_000..<epochDay(2024, 1, 3) * 86_400_000
        let first = try await service.bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range, limit: 30))
        #expect(first.bars.count == 30)
        #expect(first.nextStart == range.lowerBound + 30 * 3_600_000)
        let rest = try await service.bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: first.nextStart!..<range.upperBound))
        #expect(rest.bars.count == 18 && rest.nextStart == nil)
        #expect(rest.closedCount == 0)   // "now" is the first minute of Jan 2: later hours are still forming
        let whole = try await service.bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        #expect(whole.closedCount == 24)
        #expect(whole.bars.count == 48)
    }
}
