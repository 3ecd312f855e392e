import LakeCore

/// Bars being aggregated, kept in a form that combines exactly: the VWAP as numerator
/// (Σ vwap·volume) and denominator (Σ volume), the optional sums with a "seen" flag, and each
/// bucket's end. Parts of a series are aggregated independently (in parallel) and then
/// concatenated with ``append(_:)``, which folds a bucket that straddles two parts.
struct PartialBars: Sendable {
    var label: [Int64] = []
    var end: [Int64] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []
    var vwapNumerator: [Double] = []
    var vwapVolume: [Double] = []
    var transactions: [Int64] = []
    var hasTransactions: [Bool] = []
    var takerBuy: [Double] = []
    var hasTakerBuy: [Bool] = []
    /// Whether the source had a VWAP (or was trades), so the result should carry one.
    var producesVWAP = false
    /// Whether the source had trade counts (or was trades).
    var producesTransactions = false
    /// Whether the source had taker buy volume.
    var producesTakerBuy = false

    var count: Int { label.count }

    /// Adds one finished bucket.
    mutating func append(_ bucket: BucketAccumulator, label start: Int64, end bucketEnd: Int64) {
        label.append(start)
        end.append(bucketEnd)
        open.append(bucket.open)
        high.append(bucket.high)
        low.append(bucket.low)
        close.append(bucket.close)
        volume.append(bucket.volume)
        vwapNumerator.append(bucket.vwapNumerator)
        vwapVolume.append(bucket.vwapVolume)
        transactions.append(bucket.transactions)
        hasTransactions.append(bucket.hasTransactions)
        takerBuy.append(bucket.takerBuy)
        hasTakerBuy.append(bucket.hasTakerBuy)
    }

    /// The bucket at `index` as an accumulator (to fold more rows into it).
    func accumulator(at index: Int) -> BucketAccumulator {
        BucketAccumulator(open: open[index], high: high[index], low: low[index], close: close[index], volume: volume[index],
                          vwapNumerator: vwapNumerator[index], vwapVolume: vwapVolume[index],
                          transactions: transactions[index], hasTransactions: hasTransactions[index],
                          takerBuy: takerBuy[index], hasTakerBuy: hasTakerBuy[index])
    }

    /// Appends the bars of a later part; a first bucket equal to this one's last is folded in.
    mutating func append(_ later: PartialBars) {
        producesVWAP = producesVWAP || later.producesVWAP
        producesTransactions = producesTransactions || later.producesTransactions
        producesTakerBuy = producesTakerBuy || later.producesTakerBuy
        var start = 0
        if let last = label.last, later.count > 0, later.label[0] == last {
            var merged = accumulator(at: count - 1)
            merged.fold(later.accumulator(at: 0))
            removeLast()
            append(merged, label: later.label[0], end: later.end[0])
            start = 1
        }
        guard start < later.count else { return }
        label.append(contentsOf: later.label[start...])
        end.append(contentsOf: later.end[start...])
        open.append(contentsOf: later.open[start...])
        high.append(contentsOf: later.high[start...])
        low.append(contentsOf: later.low[start...])
        close.append(contentsOf: later.close[start...])
        volume.append(contentsOf: later.volume[start...])
        vwapNumerator.append(contentsOf: later.vwapNumerator[start...])
        vwapVolume.append(contentsOf: later.vwapVolume[start...])
        transactions.append(contentsOf: later.transactions[start...])
        hasTransactions.append(contentsOf: later.hasTransactions[start...])
        takerBuy.append(contentsOf: later.takerBuy[start...])
        hasTakerBuy.append(contentsOf: later.hasTakerBuy[start...])
    }

    private mutating func removeLast() {
        label.removeLast(); end.removeLast(); open.removeLast(); high.removeLast(); low.removeLast()
        close.removeLast(); volume.removeLast(); vwapNumerator.removeLast(); vwapVolume.removeLast()
        transactions.removeLast(); hasTransactions.removeLast(); takerBuy.removeLast(); hasTakerBuy.removeLast()
    }

    /// The finished bars: VWAP = numerator / volume where any volume carried a VWAP.
    func finish() -> ResampledBars {
        var bars = BarBatch(time: label, open: open, high: high, low: low, close: close, volume: volume)
        if producesVWAP {
            let values = zip(vwapNumerator, vwapVolume).map { $1 > 0 ? $0 / $1 : 0 }
            let validity = vwapVolume.map { $0 > 0 }
            bars.vwap = NullableColumn(values: values, validity: validity.allSatisfy { $0 } ? nil : validity)
        }
        if producesTransactions {
            bars.transactions = NullableColumn(values: transactions, validity: hasTransactions.allSatisfy { $0 } ? nil : hasTransactions)
        }
        if producesTakerBuy {
            bars.takerBuyVolume = NullableColumn(values: takerBuy, validity: hasTakerBuy.allSatisfy { $0 } ? nil : hasTakerBuy)
        }
        return ResampledBars(bars: bars, bucketEnds: end)
    }
}

/// The running aggregate of one bucket. Missing or NaN inputs are skipped, as pandas'
/// `first`/`max`/`min`/`last`/`sum` skip NaN.
struct BucketAccumulator: Sendable {
    var open = Double.nan
    var high = Double.nan
    var low = Double.nan
    var close = Double.nan
    var volume = 0.0
    var vwapNumerator = 0.0
    var vwapVolume = 0.0
    var transactions: Int64 = 0
    var hasTransactions = false
    var takerBuy = 0.0
    var hasTakerBuy = false

    /// Folds in the prices and volume of one row (bar or trade).
    @inline(__always)
    mutating func add(open rowOpen: Double, high rowHigh: Double, low rowLow: Double, close rowClose: Double, volume rowVolume: Double) {
        if open.isNaN { open = rowOpen }
        if rowHigh > high || high.isNaN { high = rowHigh }
        if rowLow < low || low.isNaN { low = rowLow }
        if !rowClose.isNaN { close = rowClose }
        if !rowVolume.isNaN { volume += rowVolume }
    }

    /// Folds in a VWAP observed over `rowVolume` (skipped unless both are finite and volume > 0).
    @inline(__always)
    mutating func add(vwap: Double, over rowVolume: Double) {
        if vwap.isFinite, rowVolume.isFinite, rowVolume > 0 {
            vwapNumerator += vwap * rowVolume
            vwapVolume += rowVolume
        }
    }

    /// Folds a later bucket's aggregate into this one (same label).
    mutating func fold(_ later: BucketAccumulator) {
        add(open: later.open, high: later.high, low: later.low, close: later.close, volume: later.volume)
        vwapNumerator += later.vwapNumerator
        vwapVolume += later.vwapVolume
        transactions += later.transactions
        hasTransactions = hasTransactions || later.hasTransactions
        takerBuy += later.takerBuy
        hasTakerBuy = hasTakerBuy || later.hasTakerBuy
    }
}
