import LakeCore

/// Concatenates row ranges of several batches into one with bulk array appends. An optional
/// column exists in the result when any input has it; rows from inputs without it are missing.
struct BarBatchBuilder {
    private(set) var batch = BarBatch()
    private let hasVWAP: Bool
    private let hasTransactions: Bool
    private let hasTaker: Bool

    /// A builder reserving `capacity` rows, with the optional columns any of `inputs` has.
    init(capacity: Int, like inputs: [BarBatch]) {
        hasVWAP = inputs.contains { $0.vwap != nil }
        hasTransactions = inputs.contains { $0.transactions != nil }
        hasTaker = inputs.contains { $0.takerBuyVolume != nil }
        batch.time.reserveCapacity(capacity)
        batch.open.reserveCapacity(capacity)
        batch.high.reserveCapacity(capacity)
        batch.low.reserveCapacity(capacity)
        batch.close.reserveCapacity(capacity)
        batch.volume.reserveCapacity(capacity)
        if hasVWAP { batch.vwap = Self.empty(capacity) }
        if hasTransactions { batch.transactions = Self.empty(capacity) }
        if hasTaker { batch.takerBuyVolume = Self.empty(capacity) }
    }

    /// Appends `rows` of `source`.
    mutating func append(_ source: BarBatch, rows: Range<Int>) {
        batch.time.append(contentsOf: source.time[rows])
        batch.open.append(contentsOf: source.open[rows])
        batch.high.append(contentsOf: source.high[rows])
        batch.low.append(contentsOf: source.low[rows])
        batch.close.append(contentsOf: source.close[rows])
        batch.volume.append(contentsOf: source.volume[rows])
        if hasVWAP { Self.append(source.vwap, rows, to: &batch.vwap) }
        if hasTransactions { Self.append(source.transactions, rows, to: &batch.transactions) }
        if hasTaker { Self.append(source.takerBuyVolume, rows, to: &batch.takerBuyVolume) }
    }

    private static func empty<Value: Numeric & Sendable & Hashable>(_ capacity: Int) -> NullableColumn<Value> {
        var values: [Value] = []
        values.reserveCapacity(capacity)
        return NullableColumn(values: values)
    }

    /// Appends `rows` of an optional source column (missing rows when the source has none);
    /// the validity array is created only once a missing row appears.
    private static func append<Value: Numeric & Sendable & Hashable>(
        _ source: NullableColumn<Value>?, _ rows: Range<Int>, to target: inout NullableColumn<Value>?
    ) {
        let existing = target!.count
        if let source {
            target!.values.append(contentsOf: source.values[rows])
            if let validity = source.validity {
                if target!.validity == nil { target!.validity = Array(repeating: true, count: existing) }
                target!.validity!.append(contentsOf: validity[rows])
            } else {
                target!.validity?.append(contentsOf: repeatElement(true, count: rows.count))
            }
        } else {
            target!.values.append(contentsOf: repeatElement(0, count: rows.count))
            if target!.validity == nil { target!.validity = Array(repeating: true, count: existing) }
            target!.validity!.append(contentsOf: repeatElement(false, count: rows.count))
        }
    }
}
