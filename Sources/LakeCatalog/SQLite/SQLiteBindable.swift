import CSQLite

/// A Swift value that can be bound to a statement parameter.
///
/// Integers bind as `INTEGER`, `Double` as `REAL`, `String` as `TEXT`, `[UInt8]` as `BLOB`,
/// `Bool` as 0/1 and `nil` as `NULL`.
public protocol SQLiteBindable {
    /// Binds `self` to the 1-based parameter `index` of `statement`.
    func bind(to statement: SQLiteStatement, at index: Int32) throws
}

extension Int64: SQLiteBindable {
    /// Binds as `INTEGER`.
    public func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try statement.check(sqlite3_bind_int64(statement.handle, index, self))
    }
}

extension Int: SQLiteBindable {
    /// Binds as `INTEGER`.
    public func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try Int64(self).bind(to: statement, at: index)
    }
}

extension Bool: SQLiteBindable {
    /// Binds as `INTEGER` 0 or 1.
    public func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try Int64(self ? 1 : 0).bind(to: statement, at: index)
    }
}

extension Double: SQLiteBindable {
    /// Binds as `REAL`.
    public func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try statement.check(sqlite3_bind_double(statement.handle, index, self))
    }
}

extension String: SQLiteBindable {
    /// Binds as `TEXT` (SQLite copies the bytes).
    public func bind(to statement: SQLiteStatement, at index: Int32) throws {
        var text = self
        try text.withUTF8 { bytes in
            // An empty buffer may have no address; an empty C string binds empty TEXT, not NULL.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return try statement.check(csqlite_bind_text_transient(statement.handle, index, "", 0))
            }
            try base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                try statement.check(csqlite_bind_text_transient(statement.handle, index, chars, Int32(bytes.count)))
            }
        }
    }
}

extension Array: SQLiteBindable where Element == UInt8 {
    /// Binds as `BLOB` (SQLite copies the bytes); an empty array binds an empty blob, not `NULL`.
    public func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try withUnsafeBytes { bytes in
            // A NULL pointer would bind SQL NULL, so an empty blob is bound explicitly.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return try statement.check(sqlite3_bind_zeroblob(statement.handle, index, 0))
            }
            try statement.check(csqlite_bind_blob_transient(statement.handle, index, base, Int32(bytes.count)))
        }
    }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    /// Binds the wrapped value, or `NULL`.
    public func bind(to statement: SQLiteStatement, at index: Int32) throws {
        switch self {
        case .some(let value): try value.bind(to: statement, at: index)
        case .none: try statement.check(sqlite3_bind_null(statement.handle, index))
        }
    }
}
