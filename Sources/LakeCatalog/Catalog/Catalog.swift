import Synchronization

/// The SQLite index of the lake: every object with its partition, time range, rows, size
/// and ETag; per-series totals; symbol reference data; ingest idempotency records; API keys;
/// sync history.
///
/// The store (S3 or a directory) is the source of truth: ``CatalogReconciler`` rebuilds or
/// refreshes the catalog from a listing at any time. Queries ask the catalog for exact keys
/// and never list the store.
///
/// **Concurrency.** One writer connection and a small pool of reader connections, each
/// guarded by a `Mutex`. Writes are serialised on the writer; reads go to a reader, so a
/// sync's batch transaction never stalls a query (WAL lets readers see the last commit while
/// a write is in progress). Every call runs to completion — microseconds for indexed lookups —
/// and blocks its caller briefly rather than suspending, so it is safe from synchronous HTTP
/// handlers and async code alike. An in-memory catalog has only the writer, which then also
/// serves reads. Other processes may open the same file.
///
/// ```swift
/// let catalog = try Catalog(path: dataDirectory + "/catalog.sqlite")
/// let objects = try catalog.objects(symbol: "NSE_CIPLA-EQ", timeframe: .oneMinute, overlapping: start..<end)
/// ```
public final class Catalog: Sendable {
    private let writer: GuardedConnection
    private let readers: [GuardedConnection]
    private let nextReader = Atomic<Int>(0)

    /// The most items one listing page (or search) may return.
    public static let maximumPageSize = 10_000

    /// The schema version this program writes.
    public static let schemaVersion = CatalogSchema.migrations.count

    /// Opens (or creates) the catalog at `path`, migrates it to ``schemaVersion``, and opens
    /// `readerCount` extra connections for queries (none for `":memory:"`).
    /// - Throws: ``SQLiteError`` when the file cannot be opened, is not a database, or has a
    ///   schema newer than this program.
    public init(path: String, options: SQLiteDatabase.Options = SQLiteDatabase.Options(), readerCount: Int = 4) throws {
        precondition(readerCount >= 0, "reader count must not be negative")
        let connection = try SQLiteDatabase(path: path, options: options)
        try connection.migrate(CatalogSchema.migrations)
        writer = GuardedConnection(connection)
        var readerOptions = options
        readerOptions.writeAheadLog = false // already set on the file by the writer
        readers = try (0..<(path == ":memory:" ? 0 : readerCount)).map { _ in
            let reader = try SQLiteDatabase(path: path, options: readerOptions)
            try reader.execute("PRAGMA query_only = ON")
            return GuardedConnection(reader)
        }
    }

    /// A private in-memory catalog (tests, and the embedded default before a data directory exists).
    public static func inMemory() throws -> Catalog {
        try Catalog(path: ":memory:")
    }

    /// Runs `body` with exclusive use of the writer connection.
    func withWriter<Result: Sendable>(_ body: (SQLiteDatabase) throws -> Result) throws -> Result {
        try writer.withLock(body)
    }

    /// Runs `body` in one write transaction.
    func inTransaction<Result: Sendable>(_ body: (SQLiteDatabase) throws -> Result) throws -> Result {
        try withWriter { connection in try connection.transaction { try body(connection) } }
    }

    /// Runs the read-only `body` on the next reader connection (the writer when there are none).
    func withReader<Result: Sendable>(_ body: (SQLiteDatabase) throws -> Result) throws -> Result {
        guard !readers.isEmpty else { return try withWriter(body) }
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        // The counter wraps to negative after 2^63 calls; keep the index in range regardless.
        return try readers[(index % readers.count + readers.count) % readers.count].withLock(body)
    }

    /// `PRAGMA journal_mode` of the open file (`wal` for file catalogs, `memory` in memory).
    public func journalMode() throws -> String {
        try withWriter { try $0.pragma("journal_mode") ?? "" }
    }
}
