import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeServer
import LakeStorage
import Testing

@Suite struct CatalogSynchronizerTests {
    @Test func syncIndexesNewChangedAndDeletedObjects() async throws {
        let (lake, directory) = try LakeFixtures.localLake(basePrefix: "ohlcv/processed")
        defer { try? FileManager.default.removeItem(at: directory) }
        let prefix = "ohlcv/processed"
        let first = LakeFixtures.key("AAA", prefix: prefix)
        let second = LakeFixtures.key("BBB", name: "part-00001.csv", prefix: prefix)
        try await lake.store.put(first, bytes: try LakeFixtures.parquet(LakeFixtures.bars(count: 30)))
        try await lake.store.put(second, bytes: LakeFixtures.csv(LakeFixtures.bars(count: 5)))
        try await lake.store.put(prefix + "/README.txt", bytes: Array("not a partition".utf8))
        try await lake.store.put("elsewhere/" + LakeFixtures.key("CCC"), bytes: try LakeFixtures.parquet(LakeFixtures.bars(count: 1)))
        let synchronizer = CatalogSynchronizer(lake: lake)

        let initial = try await synchronizer.sync(trigger: "test").report
        #expect((initial.listed, initial.added, initial.ignoredCount, initial.rejected.count) == (3, 2, 1, 0))
        let record = try #require(try lake.catalog.object(key: first))
        #expect(record.rowCount == 30)
        #expect(record.minTime == LakeFixtures.november3 + 9 * 3_600_000)
        #expect(record.maxTime == LakeFixtures.november3 + 9 * 3_600_000 + 29 * 60_000)
        #expect(try lake.catalog.object(key: second)?.rowCount == 5)

        // Rewrite one (new ETag), delete the other, add one whose rows leave its partition.
        try await Task.sleep(for: .milliseconds(5))
        try await lake.store.put(first, bytes: try LakeFixtures.parquet(LakeFixtures.bars(count: 10)))
        try await lake.store.delete(second)
        let wrongDay = LakeFixtures.key("DDD", day: 4, prefix: prefix)
        try await lake.store.put(wrongDay, bytes: try LakeFixtures.parquet(LakeFixtures.bars(count: 3)))
        let next = try await synchronizer.sync(trigger: "test").report
        #expect((next.changed, next.deleted, next.added, next.unchanged) == (1, 1, 0, 0))
        #expect(next.rejected.map(\.key) == [wrongDay])
        #expect(next.rejected.first?.reason.contains("outside its partition") == true)
        #expect(try lake.catalog.object(key: first)?.rowCount == 10)
        #expect(try lake.catalog.object(key: second) == nil)

        let quiet = try await synchronizer.sync(trigger: "test").report
        #expect((quiet.unchanged, quiet.added, quiet.changed, quiet.deleted) == (1, 0, 0, 0))
        #expect(try lake.catalog.syncRuns(limit: 5).count == 3)
    }

    @Test(arguments: [
        ("time,price\n2025-11-03T09:00:00Z,1\n", "not OHLCV data"),
        ("open,high,low,close,volume\n1,2,0,1,5\n", "not OHLCV data"),
        ("garbage", "not OHLCV data"),
    ])
    func nonOHLCVObjectsAreRejectedNotIndexed(content: String, reason: String) async throws {
        let (lake, directory) = try LakeFixtures.localLake()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = LakeFixtures.key("BAD", name: "part-0.csv")
        try await lake.store.put(key, bytes: Array(content.utf8))
        let report = try await CatalogSynchronizer(lake: lake).sync(trigger: "test").report
        #expect(report.rejected.count == 1)
        #expect(report.rejected.first?.reason.contains(reason) == true)
        #expect(try lake.catalog.object(key: key) == nil)
    }

    @Test func parquetWithoutOHLCVColumnsIsRejectedFromItsFooter() async throws {
        let (lake, directory) = try LakeFixtures.localLake()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = LakeFixtures.key("NOVOL")
        let bars = LakeFixtures.bars(count: 2).columnTable()
        let withoutVolume = ColumnTable(columns: bars.columns.filter { $0.name != "volume" }, rowCount: bars.rowCount)
        try await lake.store.put(key, bytes: try ParquetWriter.write(withoutVolume))
        let report = try await CatalogSynchronizer(lake: lake).sync(trigger: "test").report
        #expect(report.rejected.first?.reason == "not OHLCV data: no volume column")
    }

    @Test func anUploadIndexedWhileASyncListsIsNotDeletedByIt() async throws {
        let (plain, directory) = try LakeFixtures.localLake()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = HookedListingStore(plain.store)
        let lake = Lake(store: store, catalog: plain.catalog, location: plain.location, basePrefix: "")
        let key = LakeFixtures.key("LATE")
        let bars = LakeFixtures.bars(count: 3)
        store.duringNextListing {
            try await store.put(key, bytes: try LakeFixtures.parquet(bars))
            let partition = try PartitionKey(parsing: key)
            _ = try await lake.index(key: key, partition: partition,
                                     metadata: ObjectMetadata(rowCount: 3, timeRange: bars.time.first!...bars.time.last!))
        }
        let report = try await CatalogSynchronizer(lake: lake).sync(trigger: "test").report
        #expect(report.deleted == 0)
        #expect(try lake.catalog.object(key: key)?.rowCount == 3)
    }

    @Test func concurrentRequestsJoinTheRunningSync() async throws {
        let (lake, directory) = try LakeFixtures.localLake()
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<40 {
            try await lake.store.put(LakeFixtures.key("S\(index)"), bytes: try LakeFixtures.parquet(LakeFixtures.bars(count: 2)))
        }
        let synchronizer = CatalogSynchronizer(lake: lake)
        async let a = synchronizer.sync(trigger: "a")
        async let b = synchronizer.sync(trigger: "b")
        let outcomes = try await [a, b]
        #expect(outcomes.map(\.report.added).reduce(0, +) >= 40)
        #expect(try lake.catalog.stats().objectCount == 40)
        #expect(synchronizer.progress == nil)
    }

    /// A CSV object has no footer: a sync scans it whole, in place in a local lake and streamed
    /// through a scratch file from S3, with memory flat and no scratch file left.
    @Test(arguments: ServiceHarness.Backend.allCases)
    func aLargeCSVObjectIsScannedWithoutLoadingIt(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            _ = try await harness.service.synchronizer.sync(trigger: "start-up, finished")
            let path = harness.directory.appendingPathComponent("large.csv").path
            let rows = try LakeFixtures.writeLargeCSV(at: path, mebibytes: 72)
            let key = harness.key(LakeFixtures.key("BIGCSV", name: "part-00000.csv"))
            try await harness.service.lake.store.put(key, fileAt: path, contentType: "text/csv")
            try FileManager.default.removeItem(atPath: path)
            let outcome = try await ServiceHarness.measured { try await harness.service.synchronizer.sync(trigger: "test") }
            #expect(outcome.report.rejected.isEmpty)
            #expect(try harness.service.lake.catalog.object(key: key)?.rowCount == Int64(rows))
            let scratch = harness.service.configuration.cacheDirectory + "/uploads"
            #expect(try PresignedUploadStreamingTests.files(under: scratch).isEmpty, "no scratch file is left")
        }
    }
}
