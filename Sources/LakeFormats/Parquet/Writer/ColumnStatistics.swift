/// Min, max and null count of one column chunk, in the PLAIN byte form statistics use.
enum ColumnStatistics {
    /// Statistics of rows `rows` of `column`: typed min/max (NaN ignored, byte arrays by
    /// unsigned lexicographic order), omitted for INT96 whose order is undefined.
    static func compute(_ column: Column, rows: Range<Int>) -> Statistics {
        var nulls: Int64 = 0
        let valid: (Int) -> Bool = { row in
            if column.isNull(row) { nulls += 1; return false }
            return true
        }
        var statistics = Statistics()
        switch column.values {
        case .boolean(let values):
            let present = rows.filter(valid).map { values[$0] }
            if let low = present.min(by: { !$0 && $1 }), let high = present.max(by: { !$0 && $1 }) {
                statistics = Statistics(minValue: [low ? 1 : 0], maxValue: [high ? 1 : 0])
            }
        case .int32(let values): statistics = minMax(rows.filter(valid).map { values[$0] }, kind: column.descriptor.kind)
        case .int64(let values): statistics = minMax(rows.filter(valid).map { values[$0] }, kind: column.descriptor.kind)
        case .float(let values): statistics = minMax(rows.filter(valid).map { values[$0] }.filter { !$0.isNaN }, kind: .float)
        case .double(let values): statistics = minMax(rows.filter(valid).map { values[$0] }.filter { !$0.isNaN }, kind: .double)
        case .int96: _ = rows.filter(valid)
        case .bytes(let values):
            var low: ArraySlice<UInt8>?, high: ArraySlice<UInt8>?
            for row in rows where valid(row) {
                let value = values[row]
                if low == nil || value.lexicographicallyPrecedes(low!) { low = value }
                if high == nil || high!.lexicographicallyPrecedes(value) { high = value }
            }
            if let low, let high { statistics = Statistics(minValue: Array(low), maxValue: Array(high)) }
        }
        statistics.nullCount = nulls
        return statistics
    }

    private static func minMax<T: BinaryInteger>(_ values: [T], kind: ValueKind) -> Statistics {
        // Unsigned annotations order by the unsigned value.
        if case .integer(_, false) = kind {
            guard let low = values.min(by: { UInt64(truncatingIfNeeded: $0) < UInt64(truncatingIfNeeded: $1) }),
                  let high = values.max(by: { UInt64(truncatingIfNeeded: $0) < UInt64(truncatingIfNeeded: $1) }) else { return Statistics() }
            return Statistics(minValue: plain(low), maxValue: plain(high))
        }
        guard let low = values.min(), let high = values.max() else { return Statistics() }
        return Statistics(minValue: plain(low), maxValue: plain(high))
    }

    private static func minMax<T: BinaryFloatingPoint>(_ values: [T], kind: ValueKind) -> Statistics {
        guard var low = values.min(), var high = values.max() else { return Statistics() }
        // The spec asks for -0.0 as a min of zero and +0.0 as a max of zero.
        if low == 0 { low = -0.0 }
        if high == 0 { high = 0.0 }
        return Statistics(minValue: plain(low), maxValue: plain(high))
    }

    /// The little-endian bytes of a fixed-width value.
    static func plain<T>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }
}
