/// Bars in columns: contiguous arrays per field so that resampling and encoding run over
/// plain memory. All arrays have the same count; the optional fields are nil when the
/// source has no such column at all.
///
/// ```swift
/// var batch = BarBatch()
/// batch.append(Bar(time: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10))
/// batch[0].close // 1.5
/// ```
public struct BarBatch: Sendable, Hashable {
    /// Interval starts, epoch milliseconds UTC.
    public var time: [Int64] = []
    public var open: [Double] = []
    public var high: [Double] = []
    public var low: [Double] = []
    public var close: [Double] = []
    public var volume: [Double] = []
    /// Volume-weighted average price per bar, if the source has it.
    public var vwap: NullableColumn<Double>?
    /// Trade count per bar, if the source has it.
    public var transactions: NullableColumn<Int64>?
    /// Taker buy volume per bar, if the source has it.
    public var takerBuyVolume: NullableColumn<Double>?

    /// An empty batch.
    public init() {}

    /// A batch from whole columns; every array must have the same count.
    public init(time: [Int64], open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double],
                vwap: NullableColumn<Double>? = nil, transactions: NullableColumn<Int64>? = nil,
                takerBuyVolume: NullableColumn<Double>? = nil) {
        let count = time.count
        precondition([open.count, high.count, low.count, close.count, volume.count].allSatisfy { $0 == count }
                     && [vwap?.count, transactions?.count, takerBuyVolume?.count].allSatisfy { $0 == nil || $0 == count },
                     "BarBatch columns must have equal counts")
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.vwap = vwap
        self.transactions = transactions
        self.takerBuyVolume = takerBuyVolume
    }

    /// A batch holding `bars` in order; optional columns exist when any bar has the field.
    public init(_ bars: some Sequence<Bar>) {
        let all = Array(bars)
        time = all.map(\.time)
        open = all.map(\.open)
        high = all.map(\.high)
        low = all.map(\.low)
        close = all.map(\.close)
        volume = all.map(\.volume)
        if all.contains(where: { $0.vwap != nil }) { vwap = NullableColumn(all.map(\.vwap), placeholder: 0) }
        if all.contains(where: { $0.transactions != nil }) {
            transactions = NullableColumn(all.map(\.transactions), placeholder: 0)
        }
        if all.contains(where: { $0.takerBuyVolume != nil }) {
            takerBuyVolume = NullableColumn(all.map(\.takerBuyVolume), placeholder: 0)
        }
    }

    /// Number of bars.
    @inlinable public var count: Int { time.count }

    /// Whether the batch holds no bars.
    @inlinable public var isEmpty: Bool { time.isEmpty }

    /// Bar `index` as a value.
    public subscript(index: Int) -> Bar {
        Bar(time: time[index], open: open[index], high: high[index], low: low[index], close: close[index],
            volume: volume[index], vwap: vwap?[index], transactions: transactions?[index],
            takerBuyVolume: takerBuyVolume?[index])
    }

    /// Appends one bar, creating an optional column (missing for earlier rows) on first use.
    public mutating func append(_ bar: Bar) {
        let previous = count
        time.append(bar.time)
        open.append(bar.open)
        high.append(bar.high)
        low.append(bar.low)
        close.append(bar.close)
        volume.append(bar.volume)
        BarBatch.append(bar.vwap, to: &vwap, previousCount: previous)
        BarBatch.append(bar.transactions, to: &transactions, previousCount: previous)
        BarBatch.append(bar.takerBuyVolume, to: &takerBuyVolume, previousCount: previous)
    }

    private static func append<Value: Numeric & Sendable & Hashable>(
        _ value: Value?, to column: inout NullableColumn<Value>?, previousCount: Int
    ) {
        if column == nil {
            guard value != nil else { return }
            column = NullableColumn(values: Array(repeating: 0, count: previousCount),
                                    validity: previousCount == 0 ? nil : Array(repeating: false, count: previousCount))
        }
        column!.append(value, placeholder: 0)
    }
}
