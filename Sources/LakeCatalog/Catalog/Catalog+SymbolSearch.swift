import LakeCore

extension Catalog {
    /// Filters and paging of ``searchSymbols(_:)``.
    public struct SymbolSearch: Sendable {
        /// Matched against the symbol (exact, then prefix, then anywhere) and the reference
        /// name (prefix, then anywhere), ASCII case-insensitive; empty matches everything.
        public var text: String
        /// Only symbols on this exchange.
        public var exchange: String?
        /// Only active symbols (see ``SymbolListing/active``).
        public var activeOnly: Bool
        /// Epoch ms: a symbol without reference data is active when its last bar is at or after this.
        public var activeSince: Int64
        /// Page size, 1…``Catalog/maximumPageSize``.
        public var limit: Int
        /// The previous page's ``CatalogPage/nextCursor``.
        public var cursor: String?

        /// A search for `text`.
        public init(text: String = "", exchange: String? = nil, activeOnly: Bool = false, activeSince: Int64 = Int64.min,
                    limit: Int = 50, cursor: String? = nil) {
            (self.text, self.exchange, self.activeOnly, self.activeSince) = (text, exchange, activeOnly, activeSince)
            (self.limit, self.cursor) = (limit, cursor)
        }
    }

    /// Symbols matching `search`, best first: exact symbol, symbol prefix, name prefix, name
    /// substring, symbol substring; ties by symbol and exchange. Lists every symbol the lake
    /// holds (with reference data where loaded) and reference-only symbols.
    ///
    /// Reads the series totals (one row per symbol and timeframe) and the reference table —
    /// thousands of rows, never the objects. The ranked order is stable, so the cursor carries
    /// the offset of the next page.
    public func searchSymbols(_ search: SymbolSearch) throws -> CatalogPage<SymbolListing> {
        try PageCursor.checkLimit(search.limit)
        // The filters a client chooses, so that a cursor's offset is never applied to another list
        // (not `activeSince`: servers derive it from the clock, so it moves between pages); quoted,
        // so that the cursor's line-separated fields survive any text.
        let listing = "search:" + String(reflecting: (search.text, search.exchange, search.activeOnly))
        let offset = try search.cursor.map { text throws(CatalogError) -> Int in
            guard let offset = Int(try PageCursor.decode(text, listing: listing, count: 1)[0]), offset >= 0 else {
                throw CatalogError(.invalidCursor, "cursor is not one this server issued")
            }
            return offset
        } ?? 0
        let rows = try withReader { database in
            let select = try database.cachedStatement(Self.symbolSearchQuery)
            try select.bind(search.text, search.exchange, search.activeSince, search.activeOnly, search.limit + 1, offset)
            return try Self.collect(select) { row throws -> SymbolListing in
                SymbolListing(symbol: row.string(at: 0), exchange: row.string(at: 1), hasReference: row.int64(at: 2) != 0,
                              name: row.optionalString(at: 3), type: row.optionalString(at: 4), sector: row.optionalString(at: 5),
                              active: row.int64(at: 6) != 0, firstBar: row.optionalInt64(at: 7), lastBar: row.optionalInt64(at: 8),
                              timeframes: try Self.timeframes(row.optionalString(at: 9) ?? "", of: row.string(at: 0)),
                              objectCount: row.int64(at: 10), rowCount: row.int64(at: 11), totalBytes: row.int64(at: 12))
            }
        }
        guard rows.count > search.limit else { return CatalogPage(items: rows, nextCursor: nil) }
        return CatalogPage(items: Array(rows.prefix(search.limit)),
                           nextCursor: PageCursor.encode(listing: listing, fields: [String(offset + search.limit)]))
    }

    /// `?1` text, `?2` exchange, `?3` active-since, `?4` active only, `?5` limit, `?6` offset.
    static let symbolSearchQuery = """
        WITH lake AS (
            SELECT symbol, exchange, group_concat(timeframe) AS timeframes, sum(object_count) AS objects,
                   sum(total_rows) AS total_rows, sum(total_bytes) AS total_bytes, min(first_time) AS first_time,
                   max(last_time) AS last_time
            FROM series WHERE ?2 IS NULL OR exchange = ?2 GROUP BY symbol, exchange
        ), entries AS (
            SELECT r.symbol, r.exchange, 1 AS has_reference, r.name, r.type, r.sector, r.active,
                   coalesce(r.first_bar, l.first_time) AS first_bar, coalesce(r.last_bar, l.last_time) AS last_bar,
                   l.timeframes, coalesce(l.objects, 0) AS objects, coalesce(l.total_rows, 0) AS total_rows,
                   coalesce(l.total_bytes, 0) AS total_bytes
            FROM symbols r LEFT JOIN lake l ON l.symbol = r.symbol AND l.exchange = r.exchange
            WHERE ?2 IS NULL OR r.exchange = ?2
            UNION ALL
            SELECT l.symbol, l.exchange, 0, NULL, NULL, NULL, l.last_time >= ?3, l.first_time, l.last_time,
                   l.timeframes, l.objects, l.total_rows, l.total_bytes
            FROM lake l WHERE NOT EXISTS (SELECT 1 FROM symbols r WHERE r.symbol = l.symbol AND r.exchange = l.exchange)
        ), ranked AS (
            SELECT *, CASE WHEN lower(symbol) = lower(?1) THEN 0
                           WHEN substr(lower(symbol), 1, length(?1)) = lower(?1) THEN 1
                           WHEN substr(lower(coalesce(name, '')), 1, length(?1)) = lower(?1) THEN 2
                           WHEN instr(lower(coalesce(name, '')), lower(?1)) > 0 THEN 3
                           WHEN instr(lower(symbol), lower(?1)) > 0 THEN 4 END AS rank
            FROM entries
        )
        SELECT symbol, exchange, has_reference, name, type, sector, active, first_bar, last_bar, timeframes, objects,
               total_rows, total_bytes
        FROM ranked WHERE rank IS NOT NULL AND (?4 = 0 OR active = 1)
        ORDER BY rank, symbol, exchange LIMIT ?5 OFFSET ?6
        """

    /// The timeframes of a `group_concat(timeframe)` of series rows, finest first.
    /// - Throws: `.corruptRow` naming `symbol` when one does not parse.
    static func timeframes(_ list: String, of symbol: String) throws(CatalogError) -> [Timeframe] {
        try list.split(separator: ",").map { text throws(CatalogError) in
            do { return try Timeframe(parsing: text) } catch {
                throw CatalogError(.corruptRow, "series row of '\(symbol)' has timeframe '\(text)'")
            }
        }.sorted()
    }
}
