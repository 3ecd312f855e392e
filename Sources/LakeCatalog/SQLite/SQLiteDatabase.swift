import CSQLite

/// One SQLite connection.
///
/// **Thread safety.** A connection is opened in SQLite's multi-thread mode
/// (`SQLITE_OPEN_NOMUTEX`): SQLite does no locking of its own, so a connection and its
/// statements must be used by one thread at a time. The type is therefore not `Sendable`;
/// owners keep it inside a `Mutex` or an actor (``Catalog`` does the former). Several
/// connections to the same file are fine: WAL lets readers proceed while one writer writes,
/// and the busy timeout makes a second writer wait rather than fail at once.
///
/// ```swift
/// let database = try SQLiteDatabase(path: "/var/lib/candlelake/catalog.sqlite")
/// try database.transaction {
///     let insert = try database.cachedStatement("INSERT INTO t(x) VALUES (?1)")
///     try insert.bind(42)
///     try insert.run()
/// }
/// ```
public final class SQLiteDatabase {
    /// How to open a database.
    public struct Options: Sendable {
        /// Open read-only (the file must exist).
        public var readOnly = false
        /// How long a statement waits for another connection's lock before failing with
        /// `SQLITE_BUSY`. Default 5 seconds.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// Use write-ahead logging (ignored for in-memory and read-only databases). Default on.
        public var writeAheadLog = true
        /// `PRAGMA synchronous`: `FULL` (default) makes each commit durable across power loss;
        /// `NORMAL` survives process crashes (kill -9) but may lose the last commits on power loss.
        public var synchronousFull = true

        /// The defaults: read-write, create if missing, WAL, 5 s busy timeout, synchronous FULL.
        public init() {}
    }

    let handle: OpaquePointer
    private var statementCache: [String: SQLiteStatement] = [:]
    private var savepointDepth = 0

    /// Opens (creating if needed, unless read-only) the database at `path`; `":memory:"` opens
    /// a private in-memory database.
    /// - Throws: ``SQLiteError`` when the file cannot be opened or configured.
    public init(path: String, options: Options = Options()) throws {
        _ = Self.processConfiguration
        var connection: OpaquePointer?
        let flags = (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError(connection: connection, code: code, sql: nil)
            sqlite3_close_v2(connection)
            throw error
        }
        handle = connection
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, options.busyTimeoutMilliseconds)
        if options.writeAheadLog && !options.readOnly && path != ":memory:" {
            _ = try pragma("journal_mode", "WAL")
        }
        if !options.readOnly {
            _ = try pragma("synchronous", options.synchronousFull ? "FULL" : "NORMAL")
        }
        try execute("PRAGMA foreign_keys = ON")
    }

    /// Process-wide settings applied once, before the first connection opens.
    private static let processConfiguration: Void = {
        _ = csqlite_disable_memory_statistics()
    }()

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that take no parameters (schema changes, pragmas).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// A new prepared statement for `sql` (one statement), owned by the caller.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(connection: handle, sql: sql)
    }

    /// A prepared statement for `sql` kept for reuse by this connection, reset and ready to
    /// bind. Hot paths use this so that each SQL text is compiled once per connection.
    public func cachedStatement(_ sql: String) throws -> SQLiteStatement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The rowid of the last successful INSERT into a rowid table.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Reads `PRAGMA name`, or sets it to `value` and reads back what SQLite reports.
    @discardableResult
    public func pragma(_ name: String, _ value: String? = nil) throws -> String? {
        precondition(name.allSatisfy { $0.isLetter || $0 == "_" }, "pragma names are identifiers")
        let statement = try prepare("PRAGMA \(name)" + (value.map { " = \($0)" } ?? ""))
        return try statement.step() ? statement.optionalString(at: 0) : nil
    }

    /// `PRAGMA user_version`: the schema version that migrations record.
    public func userVersion() throws -> Int {
        Int(try pragma("user_version") ?? "0") ?? 0
    }

    /// Runs `body` in a transaction: committed when `body` returns, rolled back when it throws
    /// (the error is rethrown). Inside another transaction it nests as a savepoint, so a
    /// failing inner block undoes only its own changes.
    ///
    /// The outer transaction starts with `BEGIN IMMEDIATE`, taking the write lock up front:
    /// a deferred transaction that reads and then writes can fail with `SQLITE_BUSY` halfway
    /// through, where an immediate one waits (busy timeout) before doing any work.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        let nested = isInTransaction
        let savepoint = "candlelake_\(savepointDepth)"
        try execute(nested ? "SAVEPOINT \(savepoint)" : "BEGIN IMMEDIATE")
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        do {
            let result = try body()
            try execute(nested ? "RELEASE \(savepoint)" : "COMMIT")
            return result
        } catch {
            // The rollback's own failure is secondary; the caller needs the original error.
            try? execute(nested ? "ROLLBACK TO \(savepoint); RELEASE \(savepoint)" : "ROLLBACK")
            throw error
        }
    }
}
