import LakeCore

extension Catalog {
    /// Filters for ``symbols(_:)``.
    public struct SymbolQuery: Sendable {
        /// Only symbols starting with this text (case-sensitive); empty for all.
        public var prefix: String = ""
        /// Only symbols on this exchange.
        public var exchange: String?
        /// Only symbols that have data at this timeframe (their other timeframes are still listed).
        public var timeframe: Timeframe?
        /// Page size, 1…``Catalog/maximumPageSize``.
        public var limit: Int = 100
        /// The previous page's ``CatalogPage/nextCursor``.
        public var cursor: String?

        /// All symbols, first page of 100.
        public init(prefix: String = "", exchange: String? = nil, timeframe: Timeframe? = nil, limit: Int = 100,
                    cursor: String? = nil) {
            (self.prefix, self.exchange, self.timeframe, self.limit, self.cursor) = (prefix, exchange, timeframe, limit, cursor)
        }
    }

    /// The symbols in the lake, ordered by symbol then exchange, one page at a time.
    /// Reads the per-series totals (kept by triggers), walking the primary key in order.
    public func symbols(_ query: SymbolQuery = SymbolQuery()) throws -> CatalogPage<SymbolSummary> {
        try PageCursor.checkLimit(query.limit)
        let after = try query.cursor.map { text throws(CatalogError) in try PageCursor.decode(text, listing: "symbols", count: 2) }
        let rows = try withReader { database in
            // The cursor condition is spelled out only when there is a cursor, so that SQLite
            // can start the key range there instead of filtering from the first symbol.
            let select = try database.cachedStatement("""
                SELECT symbol, exchange, group_concat(timeframe), sum(object_count), sum(total_rows), sum(total_bytes),
                       min(first_time), max(last_time)
                FROM series
                WHERE symbol >= ?1 AND symbol < ?1 || char(127) AND (?2 IS NULL OR exchange = ?2)
                  \(after == nil ? "" : "AND (symbol, exchange) > (?4, ?5)")
                GROUP BY symbol, exchange
                HAVING ?3 IS NULL OR sum(timeframe = ?3) > 0
                ORDER BY symbol, exchange
                LIMIT ?6
                """)
            try select.bind(query.prefix, query.exchange, query.timeframe?.canonical, after?[0], after?[1], query.limit + 1)
            return try Self.collect(select) { row throws -> SymbolSummary in
                SymbolSummary(symbol: row.string(at: 0), exchange: row.string(at: 1),
                              timeframes: try Self.timeframes(row.string(at: 2), of: row.string(at: 0)),
                              objectCount: row.int64(at: 3), rowCount: row.int64(at: 4), totalBytes: row.int64(at: 5),
                              firstTime: row.int64(at: 6), lastTime: row.int64(at: 7))
            }
        }
        return Self.page(rows, limit: query.limit) { PageCursor.encode(listing: "symbols", fields: [$0.symbol, $0.exchange]) }
    }

    /// Filters for ``partitions(symbol:_:)``.
    public struct PartitionQuery: Sendable {
        /// Only this timeframe.
        public var timeframe: Timeframe?
        /// Only this exchange.
        public var exchange: String?
        /// Only objects holding rows inside this range (epoch ms).
        public var range: Range<Int64>?
        /// Page size, 1…``Catalog/maximumPageSize``.
        public var limit: Int = 1_000
        /// The previous page's ``CatalogPage/nextCursor``.
        public var cursor: String?

        /// Every partition, first page of 1,000.
        public init(timeframe: Timeframe? = nil, exchange: String? = nil, range: Range<Int64>? = nil, limit: Int = 1_000,
                    cursor: String? = nil) {
            (self.timeframe, self.exchange, self.range, self.limit, self.cursor) = (timeframe, exchange, range, limit, cursor)
        }
    }

    /// The objects of `symbol`, ordered by timeframe (as text), first row time and key, one page at a time.
    public func partitions(symbol: String, _ query: PartitionQuery = PartitionQuery()) throws -> CatalogPage<ObjectRecord> {
        try PageCursor.checkLimit(query.limit)
        let after = try query.cursor.map { text throws(CatalogError) in try PageCursor.decode(text, listing: "partitions:" + symbol, count: 3) }
        let afterTime = try after.map { fields throws(CatalogError) in
            guard let time = Int64(fields[1]) else { throw CatalogError(.invalidCursor, "cursor is not one this server issued") }
            return time
        }
        let rows = try withReader { database in
            // Conditions appear only when their filter is set, so that each one can narrow the
            // (symbol, timeframe, min_time) index range rather than filter row by row.
            var conditions = ["symbol = ?1", "(?3 IS NULL OR exchange = ?3)"]
            if query.timeframe != nil { conditions.append("timeframe = ?2") }
            if query.range != nil {
                conditions.append("min_time < ?5 AND max_time >= ?4 AND min_time > ?4 - \(CatalogSchema.maximumObjectSpan)")
            }
            if after != nil { conditions.append("(timeframe, min_time, key) > (?6, ?7, ?8)") }
            let select = try database.cachedStatement("""
                SELECT \(ObjectRecord.columns) FROM objects WHERE \(conditions.joined(separator: " AND "))
                ORDER BY timeframe, min_time, key LIMIT ?9
                """)
            try select.bind(symbol, query.timeframe?.canonical, query.exchange, query.range?.lowerBound, query.range?.upperBound,
                            after?[0], afterTime, after?[2], query.limit + 1)
            return try Self.collect(select) { try ObjectRecord(row: $0) }
        }
        return Self.page(rows, limit: query.limit) {
            PageCursor.encode(listing: "partitions:" + symbol, fields: [$0.partition.timeframe.canonical, String($0.minTime), $0.key])
        }
    }

    /// The stored timeframes of `symbol` (on `exchange`, or on all), finest first, with totals.
    public func series(symbol: String, exchange: String? = nil) throws -> [SeriesSummary] {
        try withReader { database in
            let select = try database.cachedStatement("""
                SELECT symbol, exchange, timeframe, object_count, total_rows, total_bytes, first_time, last_time
                FROM series WHERE symbol = ?1 AND (?2 IS NULL OR exchange = ?2)
                """)
            try select.bind(symbol, exchange)
            return try Self.collect(select) { row throws -> SeriesSummary in
                guard let timeframe = try? Timeframe(parsing: row.string(at: 2)) else {
                    throw CatalogError(.corruptRow, "series row for '\(symbol)' has timeframe '\(row.string(at: 2))'")
                }
                return SeriesSummary(symbol: row.string(at: 0), exchange: row.string(at: 1), timeframe: timeframe,
                                     objectCount: row.int64(at: 3), rowCount: row.int64(at: 4), totalBytes: row.int64(at: 5),
                                     firstTime: row.int64(at: 6), lastTime: row.int64(at: 7))
            }
        }.sorted { ($0.timeframe, $0.exchange) < ($1.timeframe, $1.exchange) }
    }

    /// Cuts `rows` (fetched with `limit + 1`) to a page, with a cursor when more follow.
    static func page<Item>(_ rows: [Item], limit: Int, cursor: (Item) -> String) -> CatalogPage<Item> {
        guard rows.count > limit else { return CatalogPage(items: rows, nextCursor: nil) }
        let items = Array(rows.prefix(limit))
        return CatalogPage(items: items, nextCursor: items.last.map(cursor))
    }
}
