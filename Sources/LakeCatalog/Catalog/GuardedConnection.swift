import Synchronization

/// A connection and the lock that makes it shareable: the connection is reachable only
/// inside ``withLock(_:)``, so no two threads ever use it at once (see ``SQLiteDatabase``).
final class GuardedConnection: Sendable {
    private let mutex: Mutex<SQLiteDatabase>

    init(_ connection: sending SQLiteDatabase) {
        mutex = Mutex(connection)
    }

    /// Runs `body` with exclusive use of the connection.
    func withLock<Result: Sendable>(_ body: (SQLiteDatabase) throws -> Result) throws -> Result {
        try mutex.withLock { connection throws -> Result in try body(connection) }
    }
}
