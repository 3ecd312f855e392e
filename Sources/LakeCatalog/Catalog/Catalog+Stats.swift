import LakeCore

/// Totals over the whole catalog, for `/status` and the monitoring endpoints.
public struct CatalogStats: Hashable, Sendable {
    /// Totals of one timeframe.
    public struct TimeframeTotals: Hashable, Sendable {
        /// The timeframe.
        public let timeframe: Timeframe
        /// Objects at this timeframe.
        public let objectCount: Int64
        /// Rows at this timeframe.
        public let rowCount: Int64
        /// Bytes at this timeframe.
        public let totalBytes: Int64
        /// Distinct (symbol, exchange) pairs with data at this timeframe.
        public let seriesCount: Int64
    }

    /// All objects.
    public let objectCount: Int64
    /// All rows.
    public let rowCount: Int64
    /// All bytes.
    public let totalBytes: Int64
    /// Distinct (symbol, exchange) pairs.
    public let symbolCount: Int64
    /// Per timeframe, finest first.
    public let byTimeframe: [TimeframeTotals]
}

extension Catalog {
    /// Object, row, byte and symbol counts, overall and per timeframe (from the series totals,
    /// one row per symbol and timeframe, not from the objects).
    public func stats() throws -> CatalogStats {
        try withReader { database in
            let perTimeframe = try database.cachedStatement("""
                SELECT timeframe, sum(object_count), sum(total_rows), sum(total_bytes), count(*) FROM series GROUP BY timeframe
                """)
            let totals = try Self.collect(perTimeframe) { row throws -> CatalogStats.TimeframeTotals in
                guard let timeframe = try? Timeframe(parsing: row.string(at: 0)) else {
                    throw CatalogError(.corruptRow, "series row has timeframe '\(row.string(at: 0))'")
                }
                return CatalogStats.TimeframeTotals(timeframe: timeframe, objectCount: row.int64(at: 1), rowCount: row.int64(at: 2),
                                                    totalBytes: row.int64(at: 3), seriesCount: row.int64(at: 4))
            }.sorted { $0.timeframe < $1.timeframe }
            let symbols = try database.cachedStatement("SELECT count(*) FROM (SELECT DISTINCT symbol, exchange FROM series)")
            defer { symbols.reset() }
            try symbols.step()
            return CatalogStats(objectCount: totals.reduce(0) { $0 + $1.objectCount }, rowCount: totals.reduce(0) { $0 + $1.rowCount },
                                totalBytes: totals.reduce(0) { $0 + $1.totalBytes }, symbolCount: symbols.int64(at: 0),
                                byTimeframe: totals)
        }
    }
}
