import LakeCore
import LakeFormats

/// Row count and time range of a Parquet file from its footer alone: the time column's
/// min/max statistics of every row group. Nil when a row group lacks statistics or the
/// column's type leaves the unit ambiguous; the caller then reads the column chunks.
enum ParquetTimeStatistics {
    /// The flat leaf holding bar/trade times (the first name in `ColumnAliases.time` order).
    static func timeLeaf(in schema: ParquetSchema) -> Int? {
        // Nested leaves get a name no alias matches, so indices stay those of `leaves`.
        ColumnAliases.index(of: ColumnAliases.time, in: schema.leaves.map { $0.isFlat ? $0.name : "" })
    }

    /// The time range from statistics, or nil when they cannot answer: a row group without
    /// them, an optional column whose null count is not known to be 0 (a missing time must be
    /// found and refused), or an unsigned column with only the legacy (signed-order) min/max.
    static func timeRange(_ metadata: FileMetaData, leaf: Int, descriptor: ColumnDescriptor) -> ClosedRange<Int64>? {
        var low = Int64.max, high = Int64.min
        let legacyOrderIsWrong = if case .integer(_, false) = descriptor.kind { true } else { false }
        for group in metadata.rowGroups where group.numRows > 0 {
            guard leaf < group.columns.count, let statistics = group.columns[leaf].metaData?.statistics,
                  descriptor.repetition == .required || statistics.nullCount == 0,
                  let minimum = (legacyOrderIsWrong ? statistics.minValue : statistics.min).flatMap({ raw($0, descriptor.physicalType) }),
                  let maximum = (legacyOrderIsWrong ? statistics.maxValue : statistics.max).flatMap({ raw($0, descriptor.physicalType) })
            else { return nil }
            low = min(low, minimum)
            high = max(high, maximum)
        }
        guard low <= high else { return nil }
        let milliseconds: (Int64) -> Int64?
        switch descriptor.kind {
        case .timestamp(let unit, _): milliseconds = { unit.convert($0, to: .milliseconds) }
        case .date: milliseconds = { $0.multipliedReportingOverflow(by: 86_400_000).overflow ? nil : $0 * 86_400_000 }
        // A plain integer epoch's unit is inferred from the largest magnitude, exactly as the
        // OHLCV mapping does when it reads the whole column.
        case .integer:
            let unit = EpochUnit.infer(fromMagnitude: low.magnitude > high.magnitude ? low : high)
            milliseconds = { unit.convert($0, to: .milliseconds) }
        default: return nil
        }
        guard let first = milliseconds(low), let last = milliseconds(high) else { return nil }
        return first...last
    }

    /// A statistics value in PLAIN encoding as an integer.
    private static func raw(_ bytes: [UInt8], _ type: PhysicalType) -> Int64? {
        switch (type, bytes.count) {
        case (.int64, 8): return bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
        case (.int32, 4): return Int64(bytes.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(as: Int32.self)) })
        default: return nil
        }
    }
}
