import LakeCore

extension Catalog {
    /// Inserts or replaces the records (matched by key) in one transaction: all or none.
    public func upsert(_ records: some Collection<ObjectRecord> & Sendable) throws {
        guard !records.isEmpty else { return }
        try inTransaction { database in try Self.replaceObjects(records, in: database) }
    }

    /// Inserts or replaces `records` inside the caller's transaction.
    static func replaceObjects(_ records: some Collection<ObjectRecord>, in database: SQLiteDatabase) throws {
        let delete = try database.cachedStatement("DELETE FROM objects WHERE key = ?1")
        let insert = try database.cachedStatement("INSERT INTO objects (\(ObjectRecord.columns), format) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)")
        for record in records {
            try delete.bind(record.key)
            try delete.run()
            try record.bindInsert(to: insert)
            try insert.run()
        }
        // Deleting then inserting (rather than updating in place) keeps the series totals
        // right through the two triggers alone; a missing key makes the delete a lookup.
    }

    /// Removes the records of `keys` (absent keys are ignored) in one transaction.
    /// - Returns: how many records were removed.
    @discardableResult
    public func removeObjects(keys: some Sequence<String> & Sendable) throws -> Int {
        try inTransaction { database in try Self.deleteObjects(keys: keys, in: database) }
    }

    /// Removes the records of `keys` inside the caller's transaction; returns how many.
    static func deleteObjects(keys: some Sequence<String>, in database: SQLiteDatabase) throws -> Int {
        let delete = try database.cachedStatement("DELETE FROM objects WHERE key = ?1")
        var removed = 0
        for key in keys {
            try delete.bind(key)
            try delete.run()
            removed += database.changes
        }
        return removed
    }

    /// The record of `key`, if indexed.
    public func object(key: String) throws -> ObjectRecord? {
        try withReader { database in
            let select = try database.cachedStatement("SELECT \(ObjectRecord.columns) FROM objects WHERE key = ?1")
            try select.bind(key)
            defer { select.reset() }
            return try select.step() ? ObjectRecord(row: select) : nil
        }
    }

    /// The objects of `symbol` at `timeframe` holding rows inside `range` (epoch ms),
    /// ordered by their first row time, then key; optionally only those of `exchange`.
    ///
    /// Uses the index `(symbol, timeframe, min_time)` bounded on both sides: an object
    /// overlapping `range` starts before its end and, since no object spans more than a
    /// year, less than a year before its start.
    public func objects(symbol: String, timeframe: Timeframe, exchange: String? = nil,
                        overlapping range: Range<Int64>) throws -> [ObjectRecord] {
        guard !range.isEmpty else { return [] }
        return try withReader { database in
            let select = try database.cachedStatement(Self.overlapQuery)
            try select.bind(symbol, timeframe.canonical, range.lowerBound, range.upperBound,
                            range.lowerBound &- CatalogSchema.maximumObjectSpan, exchange)
            return try Self.collect(select) { try ObjectRecord(row: $0) }
        }
    }

    /// The SQL of ``objects(symbol:timeframe:exchange:overlapping:)``; visible for the test
    /// that checks its query plan.
    static let overlapQuery = """
        SELECT \(ObjectRecord.columns) FROM objects
        WHERE symbol = ?1 AND timeframe = ?2 AND min_time > ?5 AND min_time < ?4 AND max_time >= ?3
          AND (?6 IS NULL OR exchange = ?6)
        ORDER BY min_time, key
        """

    /// Key → ETag of every indexed object under `basePrefix` (all objects when empty): the
    /// catalog's side of a reconcile.
    public func fingerprints(underPrefix basePrefix: String) throws -> [String: String] {
        let prefix = try PartitionKey.normalizedPrefix(basePrefix)
        return try withReader { database in
            // Keys under "p/" sort between "p/" and "p0" ('0' follows '/' in byte order).
            let select = try database.cachedStatement(
                "SELECT key, etag FROM objects WHERE ?1 = '' OR (key >= ?1 || '/' AND key < ?1 || '0')")
            try select.bind(prefix)
            defer { select.reset() }
            var result: [String: String] = [:]
            while try select.step() {
                result[select.string(at: 0)] = select.string(at: 1)
            }
            return result
        }
    }

    /// Reads every row of an executed-and-bound statement with `make`, then resets it.
    static func collect<Item>(_ statement: SQLiteStatement, _ make: (SQLiteStatement) throws -> Item) throws -> [Item] {
        defer { statement.reset() }
        var items: [Item] = []
        while try statement.step() {
            items.append(try make(statement))
        }
        return items
    }
}
