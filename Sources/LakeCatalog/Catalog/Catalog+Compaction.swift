import LakeCore

extension Catalog {
    /// The replaced parts under `basePrefix` not yet known to be gone from the store, by part
    /// key (when two compacted objects name a part, either will do: both hold its rows).
    public func replacedParts(underPrefix basePrefix: String) throws -> [String: ReplacedPart] {
        let prefix = try PartitionKey.normalizedPrefix(basePrefix)
        return try withReader { database in
            let select = try database.cachedStatement("""
                SELECT r.key, r.compacted_key, o.last_modified FROM replaced_parts r JOIN objects o ON o.key = r.compacted_key
                WHERE ?1 = '' OR (r.compacted_key >= ?1 || '/' AND r.compacted_key < ?1 || '0')
                """)
            try select.bind(prefix)
            var parts: [String: ReplacedPart] = [:]
            for part in try Self.collect(select, { ReplacedPart(key: $0.string(at: 0), compactedKey: $0.string(at: 1), compactedLastModified: $0.int64(at: 2)) }) {
                parts[part.key] = part
            }
            return parts
        }
    }

    /// A sync's write: inserts or replaces `records`, records the lineage of the compacted ones
    /// (`lineages` by key), and removes the records of `replaced` keys — all in one transaction,
    /// so no reader sees a compacted object next to the parts it replaced.
    /// - Returns: how many records of `replaced` keys were removed.
    @discardableResult
    public func index(_ records: [ObjectRecord], lineages: [String: CompactionLineage],
                      removing replaced: some Collection<String> & Sendable) throws -> Int {
        try inTransaction { database in
            try Self.replaceObjects(records, in: database)
            for (key, lineage) in lineages { try Self.recordLineage(lineage, of: key, in: database) }
            return try Self.deleteObjects(keys: replaced, in: database)
        }
    }

    /// Commits a compaction: inserts `compacted` and its lineage and removes `parts`, in one
    /// transaction — but only if every part is still indexed with the ETag it was read with.
    /// A concurrent sync or another process changed the partition otherwise, and nothing is
    /// written.
    /// - Returns: whether the compaction was committed.
    public func commitCompaction(_ compacted: ObjectRecord, lineage: CompactionLineage, replacing parts: [ObjectRecord]) throws -> Bool {
        try inTransaction { database in
            let select = try database.cachedStatement("SELECT etag FROM objects WHERE key = ?1")
            for part in parts {
                try select.bind(part.key)
                defer { select.reset() }
                guard try select.step(), select.string(at: 0) == part.etag else { return false }
            }
            try Self.replaceObjects([compacted], in: database)
            try Self.recordLineage(lineage, of: compacted.key, in: database)
            _ = try Self.deleteObjects(keys: parts.map(\.key), in: database)
            return true
        }
    }

    /// Forgets the replaced parts `keys`, once they are gone from the store.
    public func forgetReplacedParts(keys: some Sequence<String> & Sendable) throws {
        try inTransaction { database in
            let delete = try database.cachedStatement("DELETE FROM replaced_parts WHERE key = ?1")
            for key in keys {
                try delete.bind(key)
                try delete.run()
            }
        }
    }

    /// Records which parts the compacted object `key` replaced (after its row was inserted:
    /// deleting that row deletes these).
    private static func recordLineage(_ lineage: CompactionLineage, of key: String, in database: SQLiteDatabase) throws {
        let insert = try database.cachedStatement("INSERT OR IGNORE INTO replaced_parts (compacted_key, key) VALUES (?1, ?2)")
        for replaced in lineage.replacedKeys(of: key) {
            try insert.bind(key, replaced)
            try insert.run()
        }
    }
}

extension Catalog {
    /// The records of the objects directly in `directory` (a key prefix ending in `/`), in the
    /// order queries read them: by first row time, then key.
    public func objects(inDirectory directory: String) throws -> [ObjectRecord] {
        precondition(directory.hasSuffix("/"), "a directory ends with '/'")
        return try withReader { database in
            // Keys under "d/" sort between "d/" and "d0" ('0' follows '/' in byte order).
            let select = try database.cachedStatement("""
                SELECT \(ObjectRecord.columns) FROM objects WHERE key > ?1 AND key < ?2 AND instr(substr(key, length(?1) + 1), '/') = 0
                ORDER BY min_time, key
                """)
            try select.bind(directory, String(directory.dropLast()) + "0")
            return try Self.collect(select) { try ObjectRecord(row: $0) }
        }
    }

    /// The partition directories holding at least `minimumObjects` objects, with their counts,
    /// optionally only those of one timeframe, exchange or symbol and holding rows in `range`.
    public func crowdedPartitions(minimumObjects: Int, timeframe: Timeframe? = nil, exchange: String? = nil, symbol: String? = nil,
                                  overlapping range: Range<Int64>? = nil) throws -> [PartitionSummary] {
        try withReader { database in
            let select = try database.cachedStatement("""
                SELECT substr(key, 1, length(key) - length(file_name)) AS directory, count(*)
                FROM objects
                WHERE (?1 IS NULL OR timeframe = ?1) AND (?2 IS NULL OR exchange = ?2) AND (?3 IS NULL OR symbol = ?3)
                  AND (?4 IS NULL OR max_time >= ?4) AND (?5 IS NULL OR min_time < ?5)
                GROUP BY directory HAVING count(*) >= ?6 ORDER BY directory
                """)
            try select.bind(timeframe?.canonical, exchange, symbol, range?.lowerBound, range?.upperBound, Int64(max(1, minimumObjects)))
            return try Self.collect(select) {
                PartitionSummary(directory: $0.string(at: 0), objects: Int($0.int64(at: 1)))
            }
        }
    }
}
