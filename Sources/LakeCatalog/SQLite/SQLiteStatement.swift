import CSQLite

/// A prepared statement: bind parameters, ``step()`` through rows, read typed columns.
///
/// ```swift
/// let statement = try database.cachedStatement("SELECT etag FROM objects WHERE key = ?1")
/// try statement.bind(key)
/// while try statement.step() { print(statement.string(at: 0)) }
/// ```
///
/// Not thread-safe, like the ``SQLiteDatabase`` it belongs to; use it only while holding
/// that connection. Parameters are 1-based (as in SQL), columns 0-based (as in SQLite's C API).
public final class SQLiteStatement {
    let handle: OpaquePointer
    private let connection: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String

    init(connection: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteError(connection: connection, code: code, sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1, 2, … in order, after clearing earlier bindings.
    public func bind<each Value: SQLiteBindable>(_ values: repeat each Value) throws {
        try check(sqlite3_clear_bindings(handle))
        var index: Int32 = 1
        for value in repeat each values {
            try value.bind(to: self, at: index)
            index += 1
        }
    }

    /// Advances to the next row: `true` when a row is available, `false` when done.
    /// - Throws: ``SQLiteError`` (constraint violations, busy, I/O errors); the statement is
    ///   reset so that it can be used again.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(connection: connection, code: sqlite3_extended_errcode(connection), sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs a statement that returns no rows (or ignores them) to completion, then resets it.
    public func run() throws {
        defer { reset() }
        while try step() {}
    }

    /// Rewinds the statement so it can run again; bindings are kept until the next ``bind(_:)``.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Whether column `index` of the current row is `NULL`.
    public func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` as an integer (`NULL` reads as 0).
    public func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Column `index` as an integer, or `nil` when `NULL`.
    public func optionalInt64(at index: Int32) -> Int64? {
        isNull(at: index) ? nil : int64(at: index)
    }

    /// Column `index` as a floating-point number (`NULL` reads as 0).
    public func double(at index: Int32) -> Double {
        sqlite3_column_double(handle, index)
    }

    /// Column `index` as text (`NULL` reads as the empty string).
    public func string(at index: Int32) -> String {
        guard let text = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` as text, or `nil` when `NULL`.
    public func optionalString(at index: Int32) -> String? {
        isNull(at: index) ? nil : string(at: index)
    }

    /// Column `index` as bytes (`NULL` reads as empty).
    public func blob(at index: Int32) -> [UInt8] {
        // SQLite's rule: ask for the pointer first, then its length.
        guard let bytes = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, index))))
    }

    /// Throws the connection's error unless `code` is `SQLITE_OK`.
    func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw SQLiteError(connection: connection, code: code, sql: sql) }
    }
}
