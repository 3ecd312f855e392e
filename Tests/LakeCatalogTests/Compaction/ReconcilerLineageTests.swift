import LakeCatalog
import LakeCore
import Synchronization
import Testing

/// Catalog syncs after a compaction that stopped between its steps: the listing shows the
/// compacted object next to the parts it replaced, and the catalog must index the rows once.
@Suite struct ReconcilerLineageTests {
    static let directory = "lake/timeframe=trades/exchange=NSE/symbol=X/year=1970/month=01/day=01/"
    static let parts = [ListedObject(key: directory + "part-a.parquet", size: 10, etag: "a", lastModified: 1_000),
                        ListedObject(key: directory + "part-b.parquet", size: 10, etag: "b", lastModified: 2_000)]
    static let compacted = ListedObject(key: directory + "compacted-1.parquet", size: 20, etag: "c", lastModified: 3_000)
    static let lineage = CompactionLineage(replacedFileNames: ["part-a.parquet", "part-b.parquet"], rankModified: 2_000,
                                           rankFileName: "part-b.parquet")

    /// A reconciler whose extractor answers from the listing: compacted objects with the lineage.
    /// The clock reads `now`; the compacted object was written at 3,000 ms, and compacted
    /// objects are trusted after `settleTime`.
    static func reconciler(_ catalog: Catalog, now: Int64 = 10_000, settleTime: Int64 = 5_000) throws -> CatalogReconciler {
        var reconciler = try CatalogReconciler(catalog: catalog, basePrefix: "lake", now: { now }) { object, partition in
            ObjectMetadata(rowCount: object.size, timeRange: 1...2,
                           lineage: partition.fileName.hasPrefix(CompactionLineage.fileNamePrefix) ? lineage : nil)
        }
        reconciler.compactionSettleTime = settleTime
        return reconciler
    }

    static func indexedKeys(_ catalog: Catalog) throws -> [String] {
        try catalog.objects(inDirectory: directory).map(\.key).sorted()
    }

    @Test func aCrashBeforeTheCatalogCommitIndexesTheCompactedObjectInsteadOfItsParts() async throws {
        let catalog = try Catalog.inMemory()
        let reconciler = try Self.reconciler(catalog)
        _ = try await reconciler.reconcile(listing: Self.parts)
        #expect(try Self.indexedKeys(catalog) == Self.parts.map(\.key))

        // The compacted object was written; the catalog and the parts were not touched.
        let report = try await reconciler.reconcile(listing: Self.parts + [Self.compacted])
        #expect(try Self.indexedKeys(catalog) == [Self.compacted.key])
        #expect(report.superseded == Self.parts.map(\.key))
        #expect(try catalog.object(key: Self.compacted.key)?.precedence == PartPrecedence(lastModified: 2_000, key: Self.parts[1].key))
        #expect(try catalog.objects(inDirectory: Self.directory).reduce(0) { $0 + $1.rowCount } == 20)
    }

    @Test(arguments: [false, true])
    func aCrashBeforeThePartsAreDeletedNeverIndexesThemAgain(rebuild: Bool) async throws {
        let catalog = try Catalog.inMemory()
        if !rebuild {
            // The parts were indexed; the compaction committed (compacted object in, parts out), then stopped.
            _ = try await Self.reconciler(catalog).reconcile(listing: Self.parts)
            let parts = try catalog.objects(inDirectory: Self.directory)
            let partition = try LakeLayout(basePrefix: "lake").parse(Self.compacted.key)
            let record = try ObjectRecord(key: Self.compacted.key, partition: partition, minTime: 1, maxTime: 2, rowCount: 20, size: 20,
                                          etag: "c", lastModified: Self.compacted.lastModified, indexedAt: 3_000,
                                          rankedAs: Self.lineage.rank(of: Self.compacted.key))
            #expect(try catalog.commitCompaction(record, lineage: Self.lineage, replacing: parts))
            // A second commit of the same parts finds them gone and writes nothing.
            #expect(try !catalog.commitCompaction(record, lineage: Self.lineage, replacing: parts))
        }
        let report = try await Self.reconciler(catalog).reconcile(listing: Self.parts + [Self.compacted])
        #expect(try Self.indexedKeys(catalog) == [Self.compacted.key])
        #expect(report.superseded == Self.parts.map(\.key))
        #expect(report.added == (rebuild ? 1 : 0))
        // Once the parts are gone, the catalog forgets them.
        _ = try await Self.reconciler(catalog).reconcile(listing: [Self.compacted])
        #expect(try catalog.replacedParts(underPrefix: "lake").isEmpty)
    }

    @Test(arguments: [(7_999, true), (8_000, false)])
    func aYoungCompactedObjectIsLeftForALaterSync(now: Int64, deferred: Bool) async throws {
        let catalog = try Catalog.inMemory()
        let report = try await Self.reconciler(catalog, now: now).reconcile(listing: Self.parts + [Self.compacted])
        #expect(report.deferred == (deferred ? [Self.compacted.key] : []))
        #expect(try Self.indexedKeys(catalog) == (deferred ? Self.parts.map(\.key) : [Self.compacted.key]))
    }

    @Test func aKeyWrittenAgainAfterTheCompactionIsNewData() async throws {
        let catalog = try Catalog.inMemory()
        let rewritten = ListedObject(key: Self.parts[0].key, size: 7, etag: "a2", lastModified: 4_000)
        let report = try await Self.reconciler(catalog).reconcile(listing: [rewritten, Self.parts[1], Self.compacted])
        #expect(try Self.indexedKeys(catalog) == [Self.compacted.key, rewritten.key].sorted())
        #expect(report.superseded == [Self.parts[1].key])
    }

    @Test func anOrdinaryPartNamingPartsInItsFooterRetiresNothing() async throws {
        let catalog = try Catalog.inMemory()
        // The extractor reports a lineage only for compacted names; an upload cannot claim one.
        let uploaded = ListedObject(key: Self.directory + "part-c.parquet", size: 5, etag: "u", lastModified: 5_000)
        let report = try await Self.reconciler(catalog).reconcile(listing: Self.parts + [uploaded])
        #expect(report.superseded.isEmpty)
        #expect(try Self.indexedKeys(catalog).count == 3)
    }
}
