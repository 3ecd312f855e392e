/// One catalog sync: what triggered it, when, and what it found.
public struct SyncRun: Hashable, Sendable {
    /// Row id, increasing.
    public let id: Int64
    /// What started it ("startup", "periodic", "upload", "admin", "cli").
    public let trigger: String
    /// Start (epoch ms).
    public let startedAt: Int64
    /// End (epoch ms); `nil` while running (or if the process died during it).
    public let finishedAt: Int64?
    /// Counts from the ``ReconcileReport`` (zero while running).
    public let listed, added, changed, deleted, unchanged, ignored, rejected: Int
    /// The error that ended it, if it failed.
    public let error: String?
}

extension Catalog {
    /// Records the start of a sync; returns its id for ``finishSyncRun(id:report:error:now:)``.
    public func beginSyncRun(trigger: String, now: Int64) throws -> Int64 {
        try withWriter { database in
            let insert = try database.cachedStatement("INSERT INTO sync_runs (trigger, started_at) VALUES (?1, ?2)")
            try insert.bind(trigger, now)
            try insert.run()
            return database.lastInsertRowID
        }
    }

    /// Records the end of sync `id` with its counts, or the error that stopped it.
    public func finishSyncRun(id: Int64, report: ReconcileReport?, error: String? = nil, now: Int64) throws {
        try withWriter { database in
            let update = try database.cachedStatement("""
                UPDATE sync_runs SET finished_at = ?2, listed = ?3, added = ?4, changed = ?5, deleted = ?6, unchanged = ?7,
                    ignored = ?8, rejected = ?9, error = ?10 WHERE id = ?1
                """)
            try update.bind(id, now, report?.listed ?? 0, report?.added ?? 0, report?.changed ?? 0, report?.deleted ?? 0,
                            report?.unchanged ?? 0, report?.ignoredCount ?? 0, report?.rejected.count ?? 0, error)
            try update.run()
        }
    }

    /// The most recent syncs, newest first.
    public func syncRuns(limit: Int = 10) throws -> [SyncRun] {
        try PageCursor.checkLimit(limit)
        return try withReader { database in
            let select = try database.cachedStatement("""
                SELECT id, trigger, started_at, finished_at, listed, added, changed, deleted, unchanged, ignored, rejected, error
                FROM sync_runs ORDER BY id DESC LIMIT ?1
                """)
            try select.bind(limit)
            return try Self.collect(select) { row in
                SyncRun(id: row.int64(at: 0), trigger: row.string(at: 1), startedAt: row.int64(at: 2), finishedAt: row.optionalInt64(at: 3),
                        listed: Int(row.int64(at: 4)), added: Int(row.int64(at: 5)), changed: Int(row.int64(at: 6)),
                        deleted: Int(row.int64(at: 7)), unchanged: Int(row.int64(at: 8)), ignored: Int(row.int64(at: 9)),
                        rejected: Int(row.int64(at: 10)), error: row.optionalString(at: 11))
            }
        }
    }
}
