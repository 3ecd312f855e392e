import Synchronization

/// The SQLite index of the lake: every object with its partition, time range, rows, size
/// and ETag; per-series totals; symbol reference data; ingest idempotency records; API keys;
/// sync history.
///
/// The store (S3 or a directory) is the source of truth: ``CatalogReconciler`` rebuilds or
/// refreshes the catalog from a listing at any time. Queries ask the catalog for exact keys
/// and never list the store.
///
/// **Concurrency.** One connection guarded by a `Mutex`: calls from any thread or task are
/// serialised, each runs to completion (microseconds for indexed lookups; a batch upsert
/// holds the lock for its one transaction). Calls block the caller briefly rather than
/// suspend, so they are safe from synchronous HTTP handlers and async code alike. Other
/// processes may open the same file: WAL mode lets their reads run beside our writes.
///
/// ```swift
/// let catalog = try Catalog(path: dataDirectory + "/catalog.sqlite")
/// let objects = try catalog.objects(symbol: "NSE_CIPLA-EQ", timeframe: .oneMinute, overlapping: start..<end)
/// ```
public final class Catalog: Sendable {
    private let database: Mutex<SQLiteDatabase>

    /// The most items one listing page (or search) may return.
    public static let maximumPageSize = 10_000

    /// The schema version this program writes.
    public static let schemaVersion = CatalogSchema.migrations.count

    /// Opens (or creates) the catalog at `path` and migrates it to ``schemaVersion``.
    /// - Throws: ``SQLiteError`` when the file cannot be opened, is not a database, or has a
    ///   schema newer than this program.
    public init(path: String, options: SQLiteDatabase.Options = SQLiteDatabase.Options()) throws {
        let connection = try SQLiteDatabase(path: path, options: options)
        try connection.migrate(CatalogSchema.migrations)
        database = Mutex(connection)
    }

    /// A private in-memory catalog (tests, and the embedded default before a data directory exists).
    public static func inMemory() throws -> Catalog {
        try Catalog(path: ":memory:")
    }

    /// Runs `body` with exclusive use of the connection.
    func withDatabase<Result: Sendable>(_ body: (SQLiteDatabase) throws -> Result) throws -> Result {
        try database.withLock { connection throws -> Result in try body(connection) }
    }

    /// Runs `body` in one transaction with exclusive use of the connection.
    func inTransaction<Result: Sendable>(_ body: (SQLiteDatabase) throws -> Result) throws -> Result {
        try withDatabase { connection in try connection.transaction { try body(connection) } }
    }

    /// `PRAGMA journal_mode` of the open file (`wal` for file catalogs, `memory` in memory).
    public func journalMode() throws -> String {
        try withDatabase { try $0.pragma("journal_mode") ?? "" }
    }
}
