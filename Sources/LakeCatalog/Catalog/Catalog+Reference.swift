import LakeCore

extension Catalog {
    /// Inserts or replaces reference records (matched by symbol and exchange) in one
    /// transaction. Symbols and exchanges must pass ``LayoutIdentifier``.
    public func upsertReference(_ references: [SymbolReference], updatedAt: Int64) throws {
        for reference in references {
            try LayoutIdentifier.validateSymbol(reference.symbol)
            try LayoutIdentifier.validateExchange(reference.exchange)
        }
        try inTransaction { database in
            let upsert = try database.cachedStatement("""
                INSERT INTO symbols (symbol, exchange, name, type, sector, active, first_bar, last_bar, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                ON CONFLICT (symbol, exchange) DO UPDATE SET name = excluded.name, type = excluded.type,
                    sector = excluded.sector, active = excluded.active, first_bar = excluded.first_bar,
                    last_bar = excluded.last_bar, updated_at = excluded.updated_at
                """)
            for reference in references {
                try upsert.bind(reference.symbol, reference.exchange, reference.name, reference.type, reference.sector,
                                reference.active, reference.firstBar, reference.lastBar, updatedAt)
                try upsert.run()
            }
        }
    }

    /// Reference records whose symbol or name contains `text` (ASCII case-insensitive; empty
    /// matches all), best matches first: exact symbol, then symbol prefix, then the rest, each
    /// by symbol. Bars missing from the reference come from the lake's coverage.
    ///
    /// This scans the reference table, which holds one row per instrument (thousands, not the
    /// millions of object rows); `limit` is 1…``Catalog/maximumPageSize``.
    public func searchReference(_ text: String, exchange: String? = nil, activeOnly: Bool = false,
                                limit: Int = 50) throws -> [SymbolReference] {
        try PageCursor.checkLimit(limit)
        return try withReader { database in
            let select = try database.cachedStatement("""
                SELECT r.symbol, r.exchange, r.name, r.type, r.sector, r.active,
                       coalesce(r.first_bar, (SELECT min(first_time) FROM series s WHERE s.symbol = r.symbol AND s.exchange = r.exchange)),
                       coalesce(r.last_bar, (SELECT max(last_time) FROM series s WHERE s.symbol = r.symbol AND s.exchange = r.exchange))
                FROM symbols r
                WHERE (?1 = '' OR instr(lower(r.symbol), lower(?1)) > 0 OR instr(lower(coalesce(r.name, '')), lower(?1)) > 0)
                  AND (?2 IS NULL OR r.exchange = ?2) AND (?3 = 0 OR r.active = 1)
                ORDER BY CASE WHEN lower(r.symbol) = lower(?1) THEN 0
                              WHEN substr(lower(r.symbol), 1, length(?1)) = lower(?1) THEN 1 ELSE 2 END,
                         r.symbol, r.exchange
                LIMIT ?4
                """)
            try select.bind(text, exchange, activeOnly, limit)
            return try Self.collect(select) { row in
                SymbolReference(symbol: row.string(at: 0), exchange: row.string(at: 1), name: row.optionalString(at: 2),
                                type: row.optionalString(at: 3), sector: row.optionalString(at: 4), active: row.int64(at: 5) != 0,
                                firstBar: row.optionalInt64(at: 6), lastBar: row.optionalInt64(at: 7))
            }
        }
    }

    /// The reference record of `symbol` (on `exchange`, or the first exchange by name).
    public func reference(symbol: String, exchange: String? = nil) throws -> SymbolReference? {
        try searchReference(symbol, exchange: exchange, limit: 1).first { $0.symbol == symbol }
    }
}
