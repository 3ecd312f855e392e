import LakeCore

/// The resampling kernels: bars (of any finer stored timeframe) or trades into bars of the
/// buckets given by `BucketBoundaries` — N minutes on the UTC-epoch grid, or days, ISO weeks
/// and months at local midnight of the exchange.
///
/// open = first, high = max, low = min, close = last, volume = sum (NaN skipped), VWAP =
/// Σ(vwap·volume) / Σ volume over rows that have one, transactions and taker buy volume summed
/// where present. Bars are labelled by their bucket's start; empty buckets make no bar (see
/// ``ResampledBars/filled(_:boundaries:)``).
///
/// The loops run over the arrays' storage directly, find buckets with a `BucketCursor` (a
/// comparison per row, arithmetic or a step at bucket changes) and allocate only when a bar
/// is emitted. Input rows must ascend strictly in time (the loader guarantees it); rows
/// outside the boundaries' covered range are ignored.
///
/// ```swift
/// let buckets = try calendar.boundaries(for: .day, covering: range)
/// let daily = BarResampler.resample(minutes, into: buckets).bars
/// ```
public enum BarResampler {
    /// `bars` aggregated into the buckets of `boundaries`.
    public static func resample(_ bars: BarBatch, into boundaries: BucketBoundaries) -> ResampledBars {
        aggregate(bars, into: boundaries).finish()
    }

    /// `trades` (ascending time) aggregated into the buckets of `boundaries`: size is volume,
    /// the VWAP is Σ price·size / Σ size, transactions count the trades.
    public static func resample(_ trades: TradeBatch, into boundaries: BucketBoundaries) -> ResampledBars {
        aggregate(trades, into: boundaries).finish()
    }

    /// The combinable aggregate of `bars` (used per part, then concatenated).
    static func aggregate(_ bars: BarBatch, into boundaries: BucketBoundaries) -> PartialBars {
        var result = PartialBars()
        result.producesVWAP = bars.vwap != nil
        result.producesTransactions = bars.transactions != nil
        result.producesTakerBuy = bars.takerBuyVolume != nil
        guard !bars.isEmpty else { return result }
        let vwap = OptionalColumnReader(bars.vwap)
        let transactions = OptionalColumnReader(bars.transactions)
        let taker = OptionalColumnReader(bars.takerBuyVolume)
        bars.time.withUnsafeBufferPointer { time in
        bars.open.withUnsafeBufferPointer { open in
        bars.high.withUnsafeBufferPointer { high in
        bars.low.withUnsafeBufferPointer { low in
        bars.close.withUnsafeBufferPointer { close in
        bars.volume.withUnsafeBufferPointer { volume in
            walkBuckets(time, boundaries: boundaries, into: &result, fresh: BucketAccumulator()) { current, row in
                current.add(open: open[row], high: high[row], low: low[row], close: close[row], volume: volume[row])
                if let value = vwap.value(at: row) { current.add(vwap: value, over: volume[row]) }
                if let value = transactions.value(at: row) {
                    current.transactions &+= value
                    current.hasTransactions = true
                }
                if let value = taker.value(at: row), !value.isNaN {
                    current.takerBuy += value
                    current.hasTakerBuy = true
                }
            }
        }}}}}}
        return result
    }

    /// The combinable aggregate of `trades`.
    static func aggregate(_ trades: TradeBatch, into boundaries: BucketBoundaries) -> PartialBars {
        var result = PartialBars()
        result.producesVWAP = true
        result.producesTransactions = true
        var fresh = BucketAccumulator()
        fresh.hasTransactions = true
        trades.time.withUnsafeBufferPointer { time in
        trades.price.withUnsafeBufferPointer { price in
        trades.size.withUnsafeBufferPointer { size in
            walkBuckets(time, boundaries: boundaries, into: &result, fresh: fresh) { current, row in
                let p = price[row]
                current.add(open: p, high: p, low: p, close: p, volume: size[row])
                current.add(vwap: p, over: size[row])
                current.transactions += 1
            }
        }}}
        return result
    }

    /// Walks ascending `time`, folding each row inside the boundaries into its bucket's
    /// accumulator with `add` (rows outside are skipped) and appending every finished bucket
    /// to `result`. A new bucket starts as `fresh`.
    @inline(__always)
    private static func walkBuckets(_ time: UnsafeBufferPointer<Int64>, boundaries: BucketBoundaries,
                                    into result: inout PartialBars, fresh: BucketAccumulator,
                                    add: (inout BucketAccumulator, Int) -> Void) {
        var cursor = boundaries.makeCursor()
        var bucket: Range<Int64> = 0..<0
        var current = fresh
        var started = false
        for row in 0..<time.count {
            let t = time[row]
            if !bucket.contains(t) {
                guard let next = cursor.bucket(containing: t) else { continue }
                if started { result.append(current, label: bucket.lowerBound, end: bucket.upperBound) }
                bucket = next
                current = fresh
                started = true
            }
            add(&current, row)
        }
        if started { result.append(current, label: bucket.lowerBound, end: bucket.upperBound) }
    }
}

/// Reads an optional nullable column without per-row optional unwrapping of the column itself.
struct OptionalColumnReader<Value: Sendable & Hashable>: Sendable {
    private let values: [Value]
    private let validity: [Bool]?
    private let present: Bool

    init(_ column: NullableColumn<Value>?) {
        values = column?.values ?? []
        validity = column?.validity
        present = column != nil
    }

    /// The row's value, nil when the column is absent or the row missing.
    @inline(__always)
    func value(at row: Int) -> Value? {
        guard present else { return nil }
        if let validity, !validity[row] { return nil }
        return values[row]
    }
}
