extension ParquetFileReader {
    /// Row groups that may hold a value of integer column `name` (INT32/INT64, including
    /// timestamps and dates, in the column's own unit) within `range`, judged by min/max
    /// statistics. Groups without usable statistics are kept: pruning never loses rows.
    public func rowGroups(where name: String, overlaps range: ClosedRange<Int64>) throws(ParquetError) -> [Int] {
        let (leaf, descriptor) = try prunableColumn(name)
        if case .integer(_, false) = descriptor.kind { return Array(metadata.rowGroups.indices) }
        return metadata.rowGroups.indices.filter { group in
            guard let (low, high) = bounds(group: group, leaf: leaf, descriptor.physicalType) else { return true }
            return low <= range.upperBound && high >= range.lowerBound
        }
    }

    /// Row groups that may hold a value of floating-point column `name` within `range`.
    public func rowGroups(where name: String, overlaps range: ClosedRange<Double>) throws(ParquetError) -> [Int] {
        let (leaf, descriptor) = try prunableColumn(name)
        return metadata.rowGroups.indices.filter { group in
            guard let statistics = metadata.rowGroups[group].columns[leaf].metaData?.statistics,
                  let low = Self.floating(statistics.min, descriptor.physicalType),
                  let high = Self.floating(statistics.max, descriptor.physicalType) else { return true }
            return low <= range.upperBound && high >= range.lowerBound
        }
    }

    private func prunableColumn(_ name: String) throws(ParquetError) -> (Int, ColumnDescriptor) {
        guard let leaf = schema.leafIndex(of: name) else { throw ParquetError(.invalidRequest, "no flat column named \(name)") }
        return (leaf, schema.leaves[leaf])
    }

    private func bounds(group: Int, leaf: Int, _ type: PhysicalType) -> (Int64, Int64)? {
        guard let statistics = metadata.rowGroups[group].columns[leaf].metaData?.statistics,
              let low = Self.integer(statistics.min, type), let high = Self.integer(statistics.max, type) else { return nil }
        return (low, high)
    }

    /// A PLAIN-encoded INT32/INT64 statistic.
    static func integer(_ bytes: [UInt8]?, _ type: PhysicalType) -> Int64? {
        guard let bytes else { return nil }
        switch (type, bytes.count) {
        case (.int32, 4): return Int64(Int32(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }))
        case (.int64, 8): return Int64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) })
        default: return nil
        }
    }

    /// A PLAIN-encoded FLOAT/DOUBLE statistic (NaN treated as unknown).
    static func floating(_ bytes: [UInt8]?, _ type: PhysicalType) -> Double? {
        guard let bytes else { return nil }
        let value: Double
        switch (type, bytes.count) {
        case (.float, 4): value = Double(Float(bitPattern: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        case (.double, 8): value = Double(bitPattern: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        default: return nil
        }
        return value.isNaN ? nil : value
    }
}
