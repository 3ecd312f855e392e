import CSQLite

/// A failed SQLite call: the result code and SQLite's own message, plus the SQL when a
/// statement was involved.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The extended SQLite result code (`SQLITE_CONSTRAINT_PRIMARYKEY`, `SQLITE_BUSY`, …).
    public let code: Int32
    /// `sqlite3_errmsg` at the time of the failure, or a description of the misuse.
    public let message: String
    /// The statement being prepared or run, when there was one.
    public let sql: String?

    /// An error with the given code, message and SQL.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The error of the last failed call on `connection`.
    init(connection: OpaquePointer?, code: Int32, sql: String? = nil) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        self.init(code: code, message: message, sql: sql)
    }

    /// The primary result code (the low byte of ``code``), e.g. `SQLITE_CONSTRAINT`.
    public var primaryCode: Int32 { code & 0xFF }

    /// Whether another connection held a lock for longer than the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// Whether a UNIQUE, PRIMARY KEY, CHECK or NOT NULL constraint refused the change.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// `SQLite error CODE: message [in: SQL]`.
    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " [in: \($0.prefix(200))]" } ?? "")
    }
}
