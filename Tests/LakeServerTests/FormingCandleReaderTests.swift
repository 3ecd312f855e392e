import LakeCore
@testable import LakeServer
import Synchronization
import Testing

/// The reads of an update round: every subscription's forming candle in order, missing and
/// failed ones told apart, and no more reads at once than allowed.
struct FormingCandleReaderTests {
    private struct Unreadable: Error {}

    /// One bar at `start` when the symbol is not "EMPTY"; "FAIL" throws. The close is the
    /// timeframe, so each result can be matched to its subscription.
    private static let source: StreamHub.CandleSource = { symbol, minutes, range in
        if symbol == "FAIL" { throw Unreadable() }
        var bars = BarBatch()
        guard symbol != "EMPTY" else { return bars }
        // A bar before the bucket too: only the forming one counts.
        for time in [range.lowerBound - 60_000, range.lowerBound] {
            bars.time.append(time)
            bars.open.append(1); bars.high.append(2); bars.low.append(0.5); bars.close.append(Double(minutes)); bars.volume.append(3)
        }
        return bars
    }

    @Test func readsEverySubscriptionInOrder() async {
        let subscriptions = [("BTCUSDT", 1), ("EMPTY", 5), ("FAIL", 15), ("ETHUSDT", 60), ("ETHUSDT", 10_080)]
            .map { StreamHub.Subscription(symbol: $0.0, minutes: $0.1) }
        let now: Int64 = 1_700_000_123_456
        let results = await FormingCandleReader(parallelism: 2, candles: Self.source).read(subscriptions, now: now)
        #expect(results.count == 5)
        for (subscription, result) in zip(subscriptions, results) {
            switch (subscription.symbol, result) {
            case ("EMPTY", .success(nil)), ("FAIL", .failure):
                continue
            case (_, .success(let candle?)):
                #expect(candle.close == Double(subscription.minutes))
                #expect(candle.candleTime == StreamHub.bucketStart(now, step: Int64(subscription.minutes) * 60_000))
            default:
                Issue.record("\(subscription): unexpected \(result)")
            }
        }
    }

    @Test func readsAtMostTheAllowedNumberAtOnce() async {
        let counts = Mutex((inFlight: 0, most: 0))
        let slow: StreamHub.CandleSource = { _, _, _ in
            counts.withLock { $0.inFlight += 1; $0.most = max($0.most, $0.inFlight) }
            try await Task.sleep(for: .milliseconds(100))
            counts.withLock { $0.inFlight -= 1 }
            return BarBatch()
        }
        let subscriptions = (1...12).map { StreamHub.Subscription(symbol: "BTCUSDT", minutes: $0) }
        let results = await FormingCandleReader(parallelism: 4, candles: slow).read(subscriptions, now: 0)
        #expect(results.count == 12)
        let most = counts.withLock { $0.most }
        #expect(most > 1 && most <= 4, "at most \(most) reads at once")
    }
}
