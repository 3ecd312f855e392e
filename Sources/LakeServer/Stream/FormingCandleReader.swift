import LakeCore

/// Reads the forming candle of every subscription of an update round, a few at a time.
///
/// Reads overlap because each is mostly waiting (a catalog lookup, an object from the store or
/// the cache), so 200 subscriptions do not take 200 reads' time; they are bounded so that a
/// round cannot flood the store or the query engine.
struct FormingCandleReader: Sendable {
    /// Reads in flight at most.
    let parallelism: Int
    let candles: StreamHub.CandleSource

    /// The forming candle of each subscription at `now` (epoch ms) — nil when its bucket has no
    /// trade yet — or the error reading it, in the order of `subscriptions`.
    func read(_ subscriptions: [StreamHub.Subscription], now: Int64) async -> [Result<StreamMessage.Candle?, any Error>] {
        await withTaskGroup(of: (Int, Result<StreamMessage.Candle?, any Error>).self) { group in
            var results = [Result<StreamMessage.Candle?, any Error>?](repeating: nil, count: subscriptions.count)
            var next = 0, inFlight = 0
            while true {
                while next < subscriptions.count && inFlight < parallelism {
                    let (index, subscription) = (next, subscriptions[next])
                    group.addTask { (index, await formingCandle(of: subscription, now: now)) }
                    next += 1
                    inFlight += 1
                }
                guard let (index, result) = await group.next() else { break }
                inFlight -= 1
                results[index] = result
            }
            return results.map { $0! }
        }
    }

    private func formingCandle(of subscription: StreamHub.Subscription, now: Int64) async -> Result<StreamMessage.Candle?, any Error> {
        let step = Int64(subscription.minutes) * 60_000
        let start = StreamHub.bucketStart(now, step: step)
        do {
            let bars = try await candles(subscription.symbol, subscription.minutes, start..<(start + step))
            return .success(bars.time.lastIndex(of: start).map { StreamMessage.Candle(bars, row: $0) })
        } catch {
            return .failure(error)
        }
    }
}
