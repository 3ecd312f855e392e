import Testing
import Foundation
import Synchronization
import LakeCatalog
import LakeCore

@Suite struct CatalogReconcilerTests {
    static func key(_ symbol: String, day: Int, prefix: String = "processed") -> String {
        "\(prefix)/timeframe=1m/exchange=NSE/symbol=\(symbol)/year=2025/month=01/day=\(day < 10 ? "0" : "")\(day)/part-0.parquet"
    }

    static func listed(_ key: String, etag: String) -> ListedObject {
        ListedObject(key: key, size: 1_000, etag: etag, lastModified: 7)
    }

    /// Metadata as a footer reader would report it: rows 03:45–10:00 UTC of the partition's day.
    @Sendable static func sessionMetadata(_ object: ListedObject, _ key: PartitionKey) async throws -> ObjectMetadata {
        let start = key.timeRange.lowerBound
        return ObjectMetadata(rowCount: 376, timeRange: (start + 13_500_000)...(start + 36_000_000))
    }

    static func reconciler(_ catalog: Catalog, _ extract: @escaping CatalogReconciler.MetadataExtractor = sessionMetadata) throws -> CatalogReconciler {
        try CatalogReconciler(catalog: catalog, basePrefix: "processed/", now: { 42 }, extractMetadata: extract)
    }

    /// A catalog holding A, B and C (ETag "e1"), reconciled once.
    static func seeded() async throws -> Catalog {
        let catalog = try Catalog.inMemory()
        let report = try await reconciler(catalog).reconcile(listing: ["A", "B", "C"].map { listed(key($0, day: 1), etag: "\"e1\"") })
        #expect(report.added == 3)
        return catalog
    }

    @Test func planFindsAddedChangedDeletedUnchangedAndIgnored() async throws {
        let catalog = try await Self.seeded()
        let listing = [
            Self.listed(Self.key("A", day: 1), etag: "e1"),
            Self.listed(Self.key("B", day: 1), etag: "\"e2\""),
            Self.listed(Self.key("D", day: 2), etag: "e1"),
            Self.listed("processed/_SUCCESS", etag: "x"),
            Self.listed("processed/timeframe=1m/exchange=NSE/symbol=D/year=2025/month=01/day=02/notes.json", etag: "x"),
            Self.listed(Self.key("E", day: 1, prefix: "raw"), etag: "x"),
        ]
        let plan = try Self.reconciler(catalog).plan(listing: listing)
        #expect(plan.added.map(\.listed.key) == [Self.key("D", day: 2)])
        #expect(plan.changed.map(\.listed.etag) == ["e2"])
        #expect(plan.deleted == [Self.key("C", day: 1)])
        #expect((plan.listed, plan.unchanged, plan.ignoredCount) == (6, 1, 3))
        #expect(plan.ignored.map(\.reason) == [
            "expected 'timeframe=…' after the prefix, found '_SUCCESS'",
            "file 'notes.json' must end in .parquet, .csv or .csv.gz",
            "key '\(Self.key("E", day: 1, prefix: "raw"))' is not inside the lake prefix 'processed/'",
        ])
    }

    @Test func applyIndexesReindexesAndRemoves() async throws {
        let catalog = try await Self.seeded()
        let progress = Mutex<[ReconcileProgress]>([])
        var reconciler = try Self.reconciler(catalog)
        reconciler.batchSize = 1
        let report = try await reconciler.reconcile(listing: [
            Self.listed(Self.key("A", day: 1), etag: "e1"), Self.listed(Self.key("B", day: 1), etag: "e2"),
            Self.listed(Self.key("D", day: 2), etag: "e1"),
        ]) { update in progress.withLock { $0.append(update) } }
        #expect((report.added, report.changed, report.deleted, report.unchanged, report.rejected.count) == (1, 1, 1, 1, 0))
        #expect(try catalog.fingerprints(underPrefix: "processed") == [
            Self.key("A", day: 1): "e1", Self.key("B", day: 1): "e2", Self.key("D", day: 2): "e1"])
        let d = try #require(try catalog.object(key: Self.key("D", day: 2)))
        #expect(d.rowCount == 376 && d.indexedAt == 42 && d.size == 1_000 && d.partition.day == 2)
        #expect(progress.withLock { $0.map(\.processed) } == [1, 2])
        // A second pass finds nothing to do.
        let again = try await Self.reconciler(catalog).reconcile(listing: [
            Self.listed(Self.key("A", day: 1), etag: "e1"), Self.listed(Self.key("B", day: 1), etag: "e2"),
            Self.listed(Self.key("D", day: 2), etag: "e1"),
        ])
        #expect((again.added, again.changed, again.deleted, again.unchanged) == (0, 0, 0, 3))
    }

    @Test func unreadableOrMisplacedObjectsAreRejectedNotIndexed() async throws {
        let catalog = try await Self.seeded()
        struct Unreadable: Error, CustomStringConvertible { var description: String { "not a Parquet file" } }
        let report = try await Self.reconciler(catalog) { object, key in
            if object.key.contains("symbol=B/") { throw Unreadable() }
            if object.key.contains("symbol=D/") { return ObjectMetadata(rowCount: 1, timeRange: 0...0) }
            return ObjectMetadata(rowCount: 0, timeRange: nil)
        }.reconcile(listing: [
            Self.listed(Self.key("A", day: 1), etag: "e1"), Self.listed(Self.key("B", day: 1), etag: "e2"),
            Self.listed(Self.key("C", day: 1), etag: "e1"), Self.listed(Self.key("D", day: 2), etag: "e1"),
            Self.listed(Self.key("F", day: 3), etag: "e1"),
        ])
        #expect(report.rejected.map(\.key) == [Self.key("D", day: 2), Self.key("B", day: 1)])
        #expect(report.rejected.last?.reason == "not a Parquet file")
        #expect(report.rejected.first?.reason.contains("outside its partition") == true)
        // The stale record of the changed-but-unreadable B is gone; F (no rows) covers its whole day.
        #expect(try catalog.object(key: Self.key("B", day: 1)) == nil)
        let f = try #require(try catalog.object(key: Self.key("F", day: 3)))
        #expect(f.timeRange == f.partition.timeRange && f.rowCount == 0)
        #expect((report.added, report.changed, report.deleted) == (1, 0, 1))
    }

    @Test func singleObjectsAreIndexedOrRefusedWithTheReason() async throws {
        let catalog = try Catalog.inMemory()
        let reconciler = try Self.reconciler(catalog)
        let record = try await reconciler.index(Self.listed(Self.key("A", day: 5), etag: "\"v1\""))
        #expect(try catalog.object(key: Self.key("A", day: 5)) == record)
        #expect(record.etag == "v1")
        await #expect(throws: LayoutError.self) { try await reconciler.index(Self.listed("processed/../x.parquet", etag: "e")) }
        let misplaced = try Self.reconciler(catalog) { _, _ in ObjectMetadata(rowCount: 1, timeRange: 0...1) }
        await #expect { try await misplaced.index(Self.listed(Self.key("B", day: 5), etag: "e")) } throws: {
            ($0 as? CatalogError)?.kind == .outsidePartition
        }
        #expect(try catalog.object(key: Self.key("B", day: 5)) == nil)
    }

    @Test func pagedListingsReconcileAndRecordTheRun() async throws {
        let catalog = try Catalog.inMemory()
        let (stream, continuation) = AsyncThrowingStream<ListedObject, any Error>.makeStream()
        for day in 1...20 { continuation.yield(Self.listed(Self.key("A", day: day), etag: "e")) }
        continuation.finish()
        let report = try await Self.reconciler(catalog).run(trigger: "startup", listing: stream)
        #expect(report.added == 20)
        struct ListingFailed: Error, CustomStringConvertible { var description: String { "S3 unreachable" } }
        let (failing, failure) = AsyncThrowingStream<ListedObject, any Error>.makeStream()
        failure.finish(throwing: ListingFailed())
        await #expect(throws: ListingFailed.self) { try await Self.reconciler(catalog).run(trigger: "periodic", listing: failing) }
        let runs = try catalog.syncRuns()
        #expect(runs.map(\.trigger) == ["periodic", "startup"])
        #expect(runs[0].error == "S3 unreachable" && runs[1].added == 20 && runs[1].listed == 20 && runs[1].finishedAt == 42)
    }

    @Test func fullRebuildRereadsUnchangedObjects() async throws {
        let catalog = try await Self.seeded()
        var reconciler = try Self.reconciler(catalog) { _, key in
            ObjectMetadata(rowCount: 7, timeRange: key.timeRange.lowerBound...key.timeRange.lowerBound)
        }
        reconciler.reindexUnchanged = true
        let report = try await reconciler.reconcile(listing: ["A", "B"].map { Self.listed(Self.key($0, day: 1), etag: "e1") })
        #expect((report.changed, report.deleted, report.unchanged) == (2, 1, 0))
        #expect(try catalog.stats().rowCount == 14)
    }

    @Test func extractionsRunConcurrentlyWithinTheLimit() async throws {
        let catalog = try Catalog.inMemory()
        let counters = Mutex((current: 0, peak: 0))
        var reconciler = try Self.reconciler(catalog) { object, key in
            counters.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) }
            try await Task.sleep(for: .milliseconds(5))
            counters.withLock { $0.current -= 1 }
            return try await Self.sessionMetadata(object, key)
        }
        reconciler.maximumConcurrentExtractions = 4
        let report = try await reconciler.reconcile(listing: (1...28).map { Self.listed(Self.key("A", day: $0), etag: "e") })
        #expect(report.added == 28)
        #expect(counters.withLock { $0.peak } == 4)
    }

    /// 100,000 objects: a full build, then a sync with 10,000 each of deletions, changes and additions.
    @Test func reconcilesAHundredThousandObjects() async throws {
        let catalog = try Catalog.inMemory()
        let symbols = (0..<100).map { "SYM\($0)" }
        func listing(etag: (String, Int) -> String, days: Range<Int>) -> [ListedObject] {
            symbols.flatMap { symbol in
                days.map { day in
                    let key = try! PartitionKey(writing: .oneMinute, exchange: "NSE", symbol: symbol,
                                                containing: Fixtures.january2025 + Int64(day) * Fixtures.day, fileName: "part-0.parquet")
                    return ListedObject(key: key.objectKey(basePrefix: "processed"), size: 50_000, etag: etag(symbol, day), lastModified: 0)
                }
            }
        }
        let full = listing(etag: { _, _ in "e1" }, days: 0..<1_000)
        let clock = ContinuousClock()
        var parsed = 0
        let parse = try clock.measure {
            let layout = try LakeLayout(basePrefix: "processed")
            for object in full where try layout.parse(object.key).day != nil { parsed += 1 }
        }
        #expect(parsed == full.count)
        var report: ReconcileReport?
        let build = try await clock.measure { report = try await Self.reconciler(catalog).reconcile(listing: full) }
        #expect(report?.added == 100_000)
        // Days 0–99 deleted, 100–199 changed, 1000–1099 added.
        let next = listing(etag: { _, day in day < 200 ? "e2" : "e1" }, days: 100..<1_100)
        let sync = try await clock.measure { report = try await Self.reconciler(catalog).reconcile(listing: next) }
        let counts = try #require(report.map { [$0.added, $0.changed, $0.deleted, $0.unchanged] })
        #expect(counts == [10_000, 10_000, 10_000, 80_000])
        let stats = try catalog.stats()
        #expect(stats.objectCount == 100_000 && stats.totalBytes == 5_000_000_000 && stats.symbolCount == 100)
        print("100,000 objects: parse keys \(parse); reconcile into an empty catalog \(build); resync with 30,000 differences \(sync)")
    }
}
