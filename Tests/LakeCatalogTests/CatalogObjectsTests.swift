import Testing
import Foundation
import LakeCatalog
import LakeCore
import LakeTestSupport

@Suite struct CatalogObjectsTests {
    @Test func fileCatalogMigratesFromEmptyUsesWALAndKeepsDataAcrossReopen() throws {
        let path = try TestEnvironment.temporaryDirectory("catalog").appendingPathComponent("catalog.sqlite").path
        let record = try Fixtures.minuteObject("NSE_CIPLA-EQ", dayIndex: 0)
        do {
            let catalog = try Catalog(path: path)
            #expect(try catalog.journalMode() == "wal")
            try catalog.upsert([record])
        }
        let reopened = try Catalog(path: path)
        #expect(try reopened.object(key: record.key) == record)
        let raw = try SQLiteDatabase(path: path)
        #expect(try raw.userVersion() == Catalog.schemaVersion)
    }

    /// Lookups by (symbol, timeframe, range) over 10 days of one symbol plus a neighbour.
    @Test(arguments: [
        // (range start and end in hours after 2025-01-01, days whose objects overlap; rows run 03:45–10:00 inclusive)
        (0, 24, [0]), (0, 48, [0, 1]), (3, 4, [0]), (4, 5, [0]), (10, 11, [0]), (11, 24, []), (-24, 0, []),
        (24 * 9 + 4, 24 * 30, [9]), (-1000, 100_000, Array(0..<10)), (47, 48, []), (27, 28, [1]),
    ])
    func objectsOverlappingARange(startHour: Int, endHour: Int, expectedDays: [Int]) throws {
        let catalog = try Catalog.inMemory()
        try catalog.upsert((0..<10).map { try Fixtures.minuteObject("NSE_CIPLA-EQ", dayIndex: $0) })
        try catalog.upsert((0..<10).map { try Fixtures.minuteObject("NSE_CIPLA-EQ2", dayIndex: $0) })
        try catalog.upsert([Fixtures.dailyObject("NSE_CIPLA-EQ", year: 2025)])
        let hour: Int64 = 3_600_000
        let range = (Fixtures.january2025 + Int64(startHour) * hour)..<(Fixtures.january2025 + Int64(endHour) * hour)
        let found = try catalog.objects(symbol: "NSE_CIPLA-EQ", timeframe: .oneMinute, overlapping: range)
        #expect(found.map { ($0.minTime - Fixtures.january2025) / Fixtures.day } == expectedDays.map(Int64.init))
    }

    @Test func lookupFiltersByExchangeAndTimeframe() throws {
        let catalog = try Catalog.inMemory()
        try catalog.upsert([Fixtures.minuteObject("RELIANCE", exchange: "NSE", dayIndex: 0),
                            Fixtures.minuteObject("RELIANCE", exchange: "BSE", dayIndex: 0),
                            Fixtures.dailyObject("RELIANCE", year: 2025)])
        let everything = Fixtures.january2025..<(Fixtures.january2025 + 400 * Fixtures.day)
        #expect(try catalog.objects(symbol: "RELIANCE", timeframe: .oneMinute, overlapping: everything).count == 2)
        #expect(try catalog.objects(symbol: "RELIANCE", timeframe: .oneMinute, exchange: "BSE", overlapping: everything).map(\.partition.exchange) == ["BSE"])
        #expect(try catalog.objects(symbol: "RELIANCE", timeframe: .day, overlapping: everything).count == 1)
        #expect(try catalog.objects(symbol: "RELIANCE", timeframe: .oneHour, overlapping: everything).isEmpty)
        #expect(try catalog.objects(symbol: "RELIANCE", timeframe: .oneMinute, overlapping: everything.lowerBound..<everything.lowerBound).isEmpty)
    }

    @Test func timeLookupReadsABoundedIndexRangeNeverTheTable() throws {
        // The catalog creates the schema; a second connection asks SQLite how it runs the lookup.
        let path = try TestEnvironment.temporaryDirectory("plan").appendingPathComponent("c.sqlite").path
        _ = try Catalog(path: path)
        let database = try SQLiteDatabase(path: path)
        let plan = try database.prepare("""
            EXPLAIN QUERY PLAN SELECT key FROM objects
            WHERE symbol = 'A' AND timeframe = '1m' AND min_time > 0 AND min_time < 10 AND max_time >= 5 ORDER BY min_time, key
            """)
        var details: [String] = []
        while try plan.step() { details.append(plan.string(at: 3)) }
        #expect(details.contains { $0.contains("USING INDEX objects_by_series_time (symbol=? AND timeframe=? AND min_time>? AND min_time<?)") })
        #expect(!details.contains { $0.contains("SCAN") || $0.contains("TEMP B-TREE") })
    }

    @Test func upsertReplacesByKeyAndRemoveDeletes() throws {
        let catalog = try Catalog.inMemory()
        let first = try Fixtures.minuteObject("AAPL", exchange: "NASDAQ", dayIndex: 3, etag: "v1")
        let second = try Fixtures.minuteObject("AAPL", exchange: "NASDAQ", dayIndex: 3, etag: "v2", rows: 10)
        try catalog.upsert([first])
        try catalog.upsert([second])
        #expect(try catalog.object(key: first.key)?.etag == "v2")
        #expect(try catalog.stats().rowCount == 10)
        #expect(try catalog.removeObjects(keys: [first.key, "missing"]) == 1)
        #expect(try catalog.object(key: first.key) == nil)
        let stats = try catalog.stats()
        #expect(stats.objectCount == 0 && stats.totalBytes == 0 && stats.symbolCount == 0 && stats.byTimeframe.isEmpty)
    }

    @Test func recordsOutsideTheirPartitionAreRefused() throws {
        let partition = try PartitionKey(parsing: "timeframe=1m/exchange=NSE/symbol=A/year=2025/month=01/day=01/p.parquet")
        #expect {
            try ObjectRecord(key: "k", partition: partition, minTime: Fixtures.january2025 - 1, maxTime: Fixtures.january2025,
                             rowCount: 1, size: 1, etag: "e", lastModified: 0, indexedAt: 0)
        } throws: { ($0 as? CatalogError)?.kind == .outsidePartition }
        #expect {
            try ObjectRecord(key: "k", partition: partition, minTime: Fixtures.january2025 + 5, maxTime: Fixtures.january2025,
                             rowCount: 1, size: 1, etag: "e", lastModified: 0, indexedAt: 0)
        } throws: { ($0 as? CatalogError)?.kind == .invalidArgument }
    }

    @Test func seriesTotalsFollowInsertsAndDeletesAtBothEnds() throws {
        let catalog = try Catalog.inMemory()
        let objects = try (0..<5).map { try Fixtures.minuteObject("BTC-USDT", exchange: "BINANCE", dayIndex: $0 * 40) }
        try catalog.upsert(objects)
        func series() throws -> SeriesSummary { try #require(catalog.series(symbol: "BTC-USDT").first) }
        #expect(try series().objectCount == 5)
        #expect(try series().firstTime == objects[0].minTime && series().lastTime == objects[4].maxTime)
        try catalog.removeObjects(keys: [objects[4].key])
        #expect(try series().lastTime == objects[3].maxTime)
        try catalog.removeObjects(keys: [objects[0].key])
        #expect(try series().firstTime == objects[1].minTime)
        try catalog.removeObjects(keys: [objects[2].key])
        #expect(try series().objectCount == 2 && series().rowCount == 2 * 376 && series().totalBytes == 20_000)
        #expect(try (series().firstTime, series().lastTime) == (objects[1].minTime, objects[3].maxTime))
        try catalog.removeObjects(keys: [objects[1].key, objects[3].key])
        #expect(try catalog.series(symbol: "BTC-USDT").isEmpty)
    }

    @Test func statsCountPerTimeframe() throws {
        let catalog = try Catalog.inMemory()
        try catalog.upsert((0..<3).map { try Fixtures.minuteObject("A", dayIndex: $0) } + [Fixtures.dailyObject("A", year: 2024),
                            Fixtures.dailyObject("B", year: 2024), Fixtures.dailyObject("B", exchange: "BSE", year: 2024)])
        let stats = try catalog.stats()
        #expect(stats.objectCount == 6 && stats.symbolCount == 3 && stats.totalBytes == 30_000 + 24_000)
        #expect(stats.byTimeframe.map(\.timeframe) == [.oneMinute, .day])
        #expect(stats.byTimeframe.map(\.seriesCount) == [1, 3])
        #expect(stats.byTimeframe.map(\.rowCount) == [3 * 376, 750])
    }

    @Test func concurrentReadersAndWritersShareOneCatalog() async throws {
        let catalog = try Catalog.inMemory()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for day in 0..<50 {
                        try catalog.upsert([Fixtures.minuteObject("W\(writer)", dayIndex: day)])
                        _ = try catalog.symbols(Catalog.SymbolQuery(limit: 5))
                        _ = try catalog.objects(symbol: "W\(writer)", timeframe: .oneMinute,
                                                overlapping: Fixtures.january2025..<(Fixtures.january2025 + 60 * Fixtures.day))
                    }
                }
            }
            try await group.waitForAll()
        }
        let stats = try catalog.stats()
        #expect(stats.objectCount == 400 && stats.symbolCount == 8)
    }

    /// While a write is in progress (here another connection holds the write lock, so the
    /// catalog's own writer waits), queries are answered from the reader connections.
    @Test func queriesAreAnsweredWhileAWriteIsInProgress() async throws {
        let path = try TestEnvironment.temporaryDirectory("readers").appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog(path: path)
        try catalog.upsert([Fixtures.minuteObject("A", dayIndex: 0)])
        let blocker = try SQLiteDatabase(path: path)
        try blocker.execute("BEGIN IMMEDIATE")
        let write = Task { try catalog.upsert([Fixtures.minuteObject("B", dayIndex: 0)]) }
        // Give the write time to take the catalog's writer and wait on the file lock (busy
        // timeout 5 s). Reads must not queue behind it, and see the last commit.
        try await Task.sleep(for: .milliseconds(50))
        for _ in 0..<20 {
            #expect(try catalog.symbols().items.map(\.symbol) == ["A"])
            #expect(try catalog.stats().objectCount == 1)
        }
        try blocker.execute("ROLLBACK")
        try await write.value
        #expect(try catalog.symbols().items.map(\.symbol) == ["A", "B"])
    }

    @Test func fingerprintsAreScopedToThePrefix() throws {
        let catalog = try Catalog.inMemory()
        try catalog.upsert([Fixtures.minuteObject("A", dayIndex: 0, prefix: "processed"),
                            Fixtures.minuteObject("A", dayIndex: 0, prefix: "processed0"),
                            Fixtures.minuteObject("A", dayIndex: 1, prefix: "other/processed")])
        #expect(try catalog.fingerprints(underPrefix: "processed").keys.sorted() == [
            "processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=01/day=01/part-0.parquet"])
        #expect(try catalog.fingerprints(underPrefix: "/").count == 3)
    }
}
