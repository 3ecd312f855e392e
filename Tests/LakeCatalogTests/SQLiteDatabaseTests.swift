import Testing
import Foundation
import LakeCatalog
import LakeTestSupport

@Suite struct SQLiteDatabaseTests {
    static func temporaryFile() throws -> String {
        try TestEnvironment.temporaryDirectory("sqlite").appendingPathComponent("test.sqlite").path
    }

    @Test func fileDatabasesUseWriteAheadLogAndKeepDataAcrossReopen() throws {
        let path = try Self.temporaryFile()
        do {
            let database = try SQLiteDatabase(path: path)
            #expect(try database.pragma("journal_mode") == "wal")
            #expect(try database.pragma("synchronous") == "2")
            try database.execute("CREATE TABLE t (x INTEGER)")
            let insert = try database.prepare("INSERT INTO t VALUES (?1)")
            try insert.bind(41)
            try insert.run()
        }
        let reopened = try SQLiteDatabase(path: path)
        let select = try reopened.prepare("SELECT x + 1 FROM t")
        #expect(try select.step())
        #expect(select.int64(at: 0) == 42)
        #expect(try !select.step())
    }

    @Test func valuesRoundTripThroughEveryBinding() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.execute("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n TEXT, e TEXT, z BLOB, f INTEGER)")
        let insert = try database.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        let text = "NSE_CIPLA-EQ ₹ 日本 \u{0}nul"
        try insert.bind(Int64.min, 2.5, text, [0, 1, 255] as [UInt8], String?.none, "", [UInt8](), true)
        try insert.run()
        let select = try database.prepare("SELECT i, d, s, b, n, e, z, f, typeof(e), typeof(z) FROM t")
        #expect(try select.step())
        #expect(select.int64(at: 0) == Int64.min)
        #expect(select.double(at: 1) == 2.5)
        #expect(select.string(at: 2) == text)
        #expect(select.blob(at: 3) == [0, 1, 255])
        #expect(select.optionalString(at: 4) == nil && select.isNull(at: 4))
        #expect(select.optionalString(at: 5) == "")
        #expect(select.blob(at: 6) == [])
        #expect(select.int64(at: 7) == 1)
        #expect(select.string(at: 8) == "text" && select.string(at: 9) == "blob")
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let database = try SQLiteDatabase(path: ":memory:")
        try database.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: Boom.self) {
            try database.transaction {
                try database.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(!database.isInTransaction)
        try database.transaction {
            try database.execute("INSERT INTO t VALUES (2)")
            // A failing inner block undoes only its own work.
            #expect(throws: Boom.self) {
                try database.transaction {
                    try database.execute("INSERT INTO t VALUES (3)")
                    throw Boom()
                }
            }
            try database.execute("INSERT INTO t VALUES (4)")
        }
        let select = try database.prepare("SELECT group_concat(x) FROM t")
        #expect(try select.step())
        #expect(select.string(at: 0) == "2,4")
    }

    @Test func errorsCarrySQLitesMessageAndTheStatement() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        #expect {
            try database.prepare("SELEKT 1")
        } throws: { error in
            let error = error as? SQLiteError
            return error?.message.contains("syntax error") == true && error?.sql == "SELEKT 1"
        }
        try database.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
        try database.execute("INSERT INTO t VALUES (1)")
        let insert = try database.cachedStatement("INSERT INTO t VALUES (?1)")
        try insert.bind(1)
        #expect { try insert.run() } throws: { ($0 as? SQLiteError)?.isConstraintViolation == true }
        // The statement is usable again after the failure.
        try insert.bind(2)
        try insert.run()
        #expect(database.changes == 1)
    }

    @Test func migrationsApplyOnceInOrderAndRefuseNewerSchemas() throws {
        let path = try Self.temporaryFile()
        let steps = [
            SQLiteMigration(version: 1, sql: "CREATE TABLE a (x INTEGER);"),
            SQLiteMigration(version: 2, sql: "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z INTEGER);"),
        ]
        let database = try SQLiteDatabase(path: path)
        #expect(try database.migrate(Array(steps.prefix(1))) == (0, 1))
        #expect(try database.migrate(steps) == (1, 2))
        #expect(try database.migrate(steps) == (2, 2))
        #expect(try database.userVersion() == 2)
        #expect { try database.migrate(Array(steps.prefix(1))) } throws: {
            ($0 as? SQLiteError)?.message == "database schema version 2 is newer than this program's 1"
        }
    }

    @Test func failingMigrationLeavesThePreviousVersionIntact() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let steps = [
            SQLiteMigration(version: 1, sql: "CREATE TABLE a (x INTEGER);"),
            SQLiteMigration(version: 2, sql: "CREATE TABLE b (y INTEGER); CREATE TABLE a (x INTEGER);"),
        ]
        #expect(throws: SQLiteError.self) { try database.migrate(steps) }
        #expect(try database.userVersion() == 1)
        // Table b of the failed step was rolled back with it.
        #expect(throws: SQLiteError.self) { try database.execute("SELECT * FROM b") }
    }

    @Test func busyTimeoutMakesASecondWriterWaitThenFail() throws {
        let path = try Self.temporaryFile()
        var options = SQLiteDatabase.Options()
        options.busyTimeoutMilliseconds = 50
        let first = try SQLiteDatabase(path: path, options: options)
        let second = try SQLiteDatabase(path: path, options: options)
        try first.execute("CREATE TABLE t (x INTEGER)")
        try first.execute("BEGIN IMMEDIATE")
        let started = ContinuousClock.now
        #expect { try second.execute("INSERT INTO t VALUES (1)") } throws: { ($0 as? SQLiteError)?.isBusy == true }
        #expect(ContinuousClock.now - started >= .milliseconds(40))
        // WAL: the reader is not blocked by the writer.
        #expect(try second.prepare("SELECT count(*) FROM t").step())
        try first.execute("COMMIT")
    }
}
