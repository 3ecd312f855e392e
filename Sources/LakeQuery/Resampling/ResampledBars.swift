import LakeCore

/// Bars produced by a resample, with each bar's bucket end — what decides whether a bar is
/// closed, and where fills go.
public struct ResampledBars: Sendable {
    /// The bars, labelled by bucket start.
    public var bars: BarBatch
    /// `bucketEnds[i]` is the (exclusive) end of bar `i`'s bucket.
    public var bucketEnds: [Int64]

    /// Bars and their bucket ends (same count).
    public init(bars: BarBatch, bucketEnds: [Int64]) {
        precondition(bars.count == bucketEnds.count, "one bucket end per bar")
        self.bars = bars
        self.bucketEnds = bucketEnds
    }

    /// How many leading bars are closed as of `asOf` (epoch ms): bar `i` is closed when its
    /// bucket has ended, `bucketEnds[i] <= asOf`. The rest — normally only the last bar, while
    /// its interval is still running — are still forming and may change.
    ///
    /// `asOf` is the wall clock for a historical query; a live feed may pass the end of the
    /// newest data it has (no bar can be complete beyond what has been received).
    public func closedCount(asOf: Int64) -> Int {
        var count = bucketEnds.count
        while count > 0, bucketEnds[count - 1] > asOf { count -= 1 }
        return count
    }

    /// These bars with a bar for every empty bucket between the first and the last bar, made
    /// as `policy` says (``FillPolicy/previous``: flat at the previous close; ``FillPolicy/null``:
    /// NaN prices); volume 0, VWAP missing, transactions 0 when the bars have counts.
    public func filled(_ policy: FillPolicy, boundaries: BucketBoundaries) -> ResampledBars {
        guard policy != .none, let first = bars.time.first, let lastEnd = bucketEnds.last else { return self }
        let starts = boundaries.bucketStarts(overlapping: first..<lastEnd)
        guard starts.count > bars.count else { return self }
        var result = BarBatch()
        var ends: [Int64] = []
        var row = 0
        for start in starts {
            if row < bars.count, bars.time[row] == start {
                result.append(bars[row])
                ends.append(bucketEnds[row])
                row += 1
                continue
            }
            let price = policy == .previous ? result.close.last ?? .nan : .nan
            result.append(Bar(time: start, open: price, high: price, low: price, close: price, volume: 0,
                              transactions: bars.transactions == nil ? nil : 0))
            ends.append(boundaries.bucket(containing: start)?.upperBound ?? start)
        }
        if bars.vwap != nil, result.vwap == nil {
            result.vwap = NullableColumn(values: Array(repeating: 0, count: result.count), validity: Array(repeating: false, count: result.count))
        }
        if bars.takerBuyVolume != nil, result.takerBuyVolume == nil {
            result.takerBuyVolume = NullableColumn(values: Array(repeating: 0, count: result.count), validity: Array(repeating: false, count: result.count))
        }
        return ResampledBars(bars: result, bucketEnds: ends)
    }
}
