import LakeCore

extension BarBatch {
    /// The rows whose time lies in `range`: a slice found by binary search when times ascend
    /// (the normal case), a filter otherwise.
    func rows(in range: Range<Int64>) -> BarBatch {
        if let span = TimeColumn.span(of: time, in: range) {
            return span == 0..<count ? self : gather(Array(span))
        }
        return gather(time.indices.filter { range.contains(time[$0]) })
    }

    /// The rows at `indices`, in that order.
    func gather(_ indices: [Int]) -> BarBatch {
        func pick<Value>(_ values: [Value]) -> [Value] { indices.map { values[$0] } }
        func pick<Value>(_ column: NullableColumn<Value>?) -> NullableColumn<Value>? {
            column.map { NullableColumn(values: pick($0.values), validity: $0.validity.map(pick)) }
        }
        return BarBatch(time: pick(time), open: pick(open), high: pick(high), low: pick(low), close: pick(close),
                        volume: pick(volume), vwap: pick(vwap), transactions: pick(transactions),
                        takerBuyVolume: pick(takerBuyVolume))
    }
}

extension TradeBatch {
    /// The trades whose time lies in `range`, in time order (stable for equal times).
    func rows(in range: Range<Int64>) -> TradeBatch {
        if let span = TimeColumn.span(of: time, in: range) {
            // Ascending already (the normal case): the whole batch shared, or three slice copies.
            return span == 0..<count ? self : TradeBatch(time: Array(time[span]), price: Array(price[span]), size: Array(size[span]))
        }
        var indices = time.indices.filter { range.contains(time[$0]) }
        if !TimeColumn.isAscending(time, indices) {
            indices.sort { (time[$0], $0) < (time[$1], $1) }
        }
        return TradeBatch(time: indices.map { time[$0] }, price: indices.map { price[$0] }, size: indices.map { size[$0] })
    }
}

/// Helpers over a column of epoch-ms times.
enum TimeColumn {
    /// The index range of times in `range` when `times` is non-decreasing, else nil.
    static func span(of times: [Int64], in range: Range<Int64>) -> Range<Int>? {
        guard isAscending(times, times.indices) else { return nil }
        return lowerBound(times, range.lowerBound)..<lowerBound(times, range.upperBound)
    }

    /// Whether every time is greater than the one before.
    static func isStrictlyAscending(_ times: [Int64]) -> Bool {
        var previous = Int64.min
        for time in times {
            if time <= previous { return false }
            previous = time
        }
        return true
    }

    /// Whether `times[indices]` never decreases.
    static func isAscending(_ times: [Int64], _ indices: some Collection<Int>) -> Bool {
        var previous = Int64.min
        for index in indices {
            if times[index] < previous { return false }
            previous = times[index]
        }
        return true
    }

    /// The first index whose time is `>= value` in ascending `times`.
    static func lowerBound(_ times: [Int64], _ value: Int64) -> Int {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
