/// The catalog's tables, one migration per schema version (see ``SQLiteMigration``).
///
/// - `objects`: one row per lake object. Its rows' times lie inside its partition, so an
///   object spans less than ``maximumObjectSpan``; lookups by time use the index
///   `(symbol, timeframe, min_time)` bounded on both sides, never a scan.
/// - `series`: per (symbol, exchange, timeframe) totals, kept by triggers in the same
///   transaction as `objects` changes, so listings and stats never aggregate `objects`.
/// - `symbols`: reference data (name, type, sector, active, first/last bar).
/// - `ingest_requests`: idempotency records of the ingest API.
/// - `api_keys`: hashed API keys with tier and scopes.
/// - `sync_runs`: history of catalog syncs.
/// - `replaced_parts` (version 2): parts a compacted object replaced that may still be in the
///   store (a compaction interrupted before its delete step), so that no sync indexes one
///   again (see ``CompactionLineage``); forgotten once the part is gone. With the `rank_*`
///   columns of `objects`: a compacted object's place in "newest part wins".
enum CatalogSchema {
    /// The longest time an object can span: a leap year, the coarsest partition.
    static let maximumObjectSpan: Int64 = 366 * 86_400_000

    static let migrations: [SQLiteMigration] = [
        SQLiteMigration(version: 1, sql: """
            CREATE TABLE objects (
                key TEXT PRIMARY KEY NOT NULL,
                timeframe TEXT NOT NULL,
                exchange TEXT NOT NULL,
                symbol TEXT NOT NULL,
                year INTEGER NOT NULL,
                month INTEGER,
                day INTEGER,
                file_name TEXT NOT NULL,
                min_time INTEGER NOT NULL,
                max_time INTEGER NOT NULL,
                row_count INTEGER NOT NULL CHECK (row_count >= 0),
                size INTEGER NOT NULL CHECK (size >= 0),
                etag TEXT NOT NULL,
                last_modified INTEGER NOT NULL,
                format TEXT NOT NULL,
                indexed_at INTEGER NOT NULL,
                CHECK (min_time <= max_time AND max_time - min_time < \(maximumObjectSpan))
            ) WITHOUT ROWID;
            CREATE INDEX objects_by_series_time ON objects(symbol, timeframe, min_time);

            CREATE TABLE series (
                symbol TEXT NOT NULL,
                exchange TEXT NOT NULL,
                timeframe TEXT NOT NULL,
                object_count INTEGER NOT NULL,
                total_rows INTEGER NOT NULL,
                total_bytes INTEGER NOT NULL,
                first_time INTEGER NOT NULL,
                last_time INTEGER NOT NULL,
                PRIMARY KEY (symbol, exchange, timeframe)
            ) WITHOUT ROWID;

            CREATE TRIGGER objects_counted_on_insert AFTER INSERT ON objects BEGIN
                INSERT INTO series (symbol, exchange, timeframe, object_count, total_rows, total_bytes, first_time, last_time)
                VALUES (NEW.symbol, NEW.exchange, NEW.timeframe, 1, NEW.row_count, NEW.size, NEW.min_time, NEW.max_time)
                ON CONFLICT (symbol, exchange, timeframe) DO UPDATE SET
                    object_count = object_count + 1,
                    total_rows = total_rows + excluded.total_rows,
                    total_bytes = total_bytes + excluded.total_bytes,
                    first_time = min(first_time, excluded.first_time),
                    last_time = max(last_time, excluded.last_time);
            END;

            -- Only an object at either end of a series forces a recount of that end, and the
            -- recount reads a bounded slice of the (symbol, timeframe, min_time) index: the
            -- latest max_time belongs to an object starting within one span of the latest min_time.
            CREATE TRIGGER objects_counted_on_delete AFTER DELETE ON objects BEGIN
                DELETE FROM series
                WHERE symbol = OLD.symbol AND exchange = OLD.exchange AND timeframe = OLD.timeframe AND object_count = 1;
                UPDATE series SET
                    object_count = object_count - 1,
                    total_rows = total_rows - OLD.row_count,
                    total_bytes = total_bytes - OLD.size,
                    first_time = CASE WHEN OLD.min_time > first_time THEN first_time ELSE (
                        SELECT min(min_time) FROM objects
                        WHERE symbol = OLD.symbol AND timeframe = OLD.timeframe AND exchange = OLD.exchange) END,
                    last_time = CASE WHEN OLD.max_time < last_time THEN last_time ELSE (
                        SELECT max(max_time) FROM objects
                        WHERE symbol = OLD.symbol AND timeframe = OLD.timeframe AND exchange = OLD.exchange
                          AND min_time > (SELECT max(min_time) FROM objects
                              WHERE symbol = OLD.symbol AND timeframe = OLD.timeframe AND exchange = OLD.exchange)
                              - \(maximumObjectSpan)) END
                WHERE symbol = OLD.symbol AND exchange = OLD.exchange AND timeframe = OLD.timeframe;
            END;

            CREATE TRIGGER objects_are_replaced_not_updated BEFORE UPDATE ON objects BEGIN
                SELECT RAISE(ABORT, 'objects rows are replaced (delete and insert), never updated');
            END;

            CREATE TABLE symbols (
                symbol TEXT NOT NULL,
                exchange TEXT NOT NULL,
                name TEXT,
                type TEXT,
                sector TEXT,
                active INTEGER NOT NULL DEFAULT 1,
                first_bar INTEGER,
                last_bar INTEGER,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (symbol, exchange)
            ) WITHOUT ROWID;

            CREATE TABLE ingest_requests (
                idempotency_key TEXT PRIMARY KEY NOT NULL,
                request_hash TEXT NOT NULL,
                status INTEGER NOT NULL,
                response BLOB NOT NULL,
                created_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ingest_requests_by_age ON ingest_requests(created_at);

            CREATE TABLE api_keys (
                key_id TEXT PRIMARY KEY NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                tier TEXT NOT NULL,
                scopes TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER,
                revoked_at INTEGER,
                last_used_at INTEGER
            ) WITHOUT ROWID;

            CREATE TABLE sync_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                trigger TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                finished_at INTEGER,
                listed INTEGER NOT NULL DEFAULT 0,
                added INTEGER NOT NULL DEFAULT 0,
                changed INTEGER NOT NULL DEFAULT 0,
                deleted INTEGER NOT NULL DEFAULT 0,
                unchanged INTEGER NOT NULL DEFAULT 0,
                ignored INTEGER NOT NULL DEFAULT 0,
                rejected INTEGER NOT NULL DEFAULT 0,
                error TEXT
            );
            """),
        SQLiteMigration(version: 2, sql: """
            ALTER TABLE objects ADD COLUMN rank_modified INTEGER;
            ALTER TABLE objects ADD COLUMN rank_key TEXT;

            CREATE TABLE replaced_parts (
                key TEXT NOT NULL,
                compacted_key TEXT NOT NULL,
                PRIMARY KEY (key, compacted_key)
            ) WITHOUT ROWID;
            -- Deleting any object looks up its replaced parts: without this, deleting the
            -- 10,000 parts of one compaction scanned the table 10,000 times.
            CREATE INDEX replaced_parts_by_compacted_key ON replaced_parts(compacted_key);

            CREATE TRIGGER replaced_parts_go_with_their_object AFTER DELETE ON objects BEGIN
                DELETE FROM replaced_parts WHERE compacted_key = old.key;
            END;
            """),
    ]
}
