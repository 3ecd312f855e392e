/// One step of a schema's history: the SQL that takes the schema from `version - 1` to
/// `version`. Versions start at 1 and increase by one; a published step never changes.
public struct SQLiteMigration: Sendable {
    /// The schema version after this step.
    public let version: Int
    /// The statements of the step, run with ``SQLiteDatabase/execute(_:)``.
    public let sql: String

    /// A step to `version` made of `sql`.
    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }
}

extension SQLiteDatabase {
    /// Brings the schema up to the last of `migrations`, recording progress in
    /// `PRAGMA user_version`. Each step runs in its own transaction together with the
    /// version bump, so a failure leaves the database at the previous version, never between.
    ///
    /// - Returns: the version before and after.
    /// - Throws: ``SQLiteError`` from a failing step, or when the file's version is newer than
    ///   this program knows (an older binary must not write to a newer schema).
    @discardableResult
    public func migrate(_ migrations: [SQLiteMigration]) throws -> (from: Int, to: Int) {
        for (offset, migration) in migrations.enumerated() {
            precondition(migration.version == offset + 1, "migrations must be numbered 1, 2, 3, …")
        }
        let latest = migrations.count
        let start = try userVersion()
        guard start <= latest else {
            throw SQLiteError(code: 1, message: "database schema version \(start) is newer than this program's \(latest)")
        }
        for migration in migrations.dropFirst(start) {
            try transaction {
                try execute(migration.sql)
                try execute("PRAGMA user_version = \(migration.version)")
            }
        }
        return (start, latest)
    }
}
