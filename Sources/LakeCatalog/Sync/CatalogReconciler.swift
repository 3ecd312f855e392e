import Foundation
import LakeCore
import Synchronization

/// Brings the catalog in line with a store listing: indexes new objects, re-indexes objects
/// whose ETag changed, and drops records of objects that are gone. A full rebuild is the same
/// operation against an empty catalog.
///
/// Reading an object's row count and time range is injected (``MetadataExtractor``): the
/// Parquet footer and CSV readers live in other modules. Extractions run concurrently, up to
/// ``maximumConcurrentExtractions`` at a time (they are network-bound range reads), and their
/// results are written in batches of ``batchSize`` records per transaction.
///
/// ```swift
/// let reconciler = try CatalogReconciler(catalog: catalog, basePrefix: "processed") { object, key in
///     try await footerReader.metadata(of: object.key, format: key.format)
/// }
/// let report = try await reconciler.reconcile(listing: store.list(prefix: "processed/"))
/// ```
public struct CatalogReconciler: Sendable {
    /// Reads the row count and time range of one listed object.
    public typealias MetadataExtractor = @Sendable (ListedObject, PartitionKey) async throws -> ObjectMetadata

    /// The catalog being reconciled.
    public let catalog: Catalog
    /// The lake's layout and base prefix; objects outside the prefix are not the catalog's business.
    public let layout: LakeLayout
    /// How many extractions run at once. Default 16.
    public var maximumConcurrentExtractions = 16
    /// Records per write transaction (and per progress report). Default 1,000.
    public var batchSize = 1_000
    /// Re-read objects whose ETag is unchanged as well: a full rebuild, for when the catalog
    /// is suspect or the metadata reader has improved. Default `false` (incremental).
    public var reindexUnchanged = false
    /// How old (ms, by its last-modified time) an unindexed compacted object must be before a
    /// sync indexes it and retires the parts it names. A younger one may belong to a compaction
    /// that is about to commit — or to find its parts changed and delete it — so it is left for
    /// a later sync (``ReconcileReport/deferred``). Default ``defaultCompactionSettleTime``.
    public var compactionSettleTime = Self.defaultCompactionSettleTime
    private let extract: MetadataExtractor
    private let now: @Sendable () -> Int64

    /// A reconciler for the lake under `basePrefix`.
    /// - Parameter now: the clock for `indexed_at` (epoch ms); tests pass a fixed one.
    /// - Throws: ``LayoutError`` when `basePrefix` is not a valid prefix.
    public init(catalog: Catalog, basePrefix: String, now: @escaping @Sendable () -> Int64 = Self.systemNow,
                extractMetadata: @escaping MetadataExtractor) throws(LayoutError) {
        self.catalog = catalog
        self.layout = try LakeLayout(basePrefix: basePrefix)
        self.now = now
        self.extract = extractMetadata
    }

    /// The default ``compactionSettleTime``: 15 minutes, far longer than a compaction takes from
    /// writing its object to committing it (a HEAD and one transaction), with room for clock skew.
    public static let defaultCompactionSettleTime: Int64 = 15 * 60_000

    /// The current time in epoch milliseconds.
    @Sendable public static func systemNow() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// Compares the catalog with `listing` without changing anything.
    public func plan(listing: some Sequence<ListedObject>) throws -> ReconcilePlan {
        var planner = try makePlanner()
        for object in listing { planner.add(object) }
        return planner.finish()
    }

    /// Compares the catalog with a listing that arrives page by page.
    public func plan(listing: some AsyncSequence<ListedObject, any Error>) async throws -> ReconcilePlan {
        var planner = try makePlanner()
        for try await object in listing { planner.add(object) }
        return planner.finish()
    }

    /// Plans against `listing` and applies the plan.
    public func reconcile(listing: some Sequence<ListedObject>,
                          progress: (@Sendable (ReconcileProgress) -> Void)? = nil) async throws -> ReconcileReport {
        try await apply(plan(listing: listing), progress: progress)
    }

    /// Plans against a paged `listing` and applies the plan.
    public func reconcile(listing: some AsyncSequence<ListedObject, any Error>,
                          progress: (@Sendable (ReconcileProgress) -> Void)? = nil) async throws -> ReconcileReport {
        try await apply(plan(listing: listing), progress: progress)
    }

    /// Reconciles against a paged `listing` and records the run in the catalog's sync history
    /// (``Catalog/syncRuns(limit:)``) — started, then finished with its counts or its error.
    /// - Parameter trigger: what started the sync ("startup", "periodic", "upload", "admin", "cli").
    public func run(trigger: String, listing: some AsyncSequence<ListedObject, any Error>,
                    progress: (@Sendable (ReconcileProgress) -> Void)? = nil) async throws -> ReconcileReport {
        let id = try catalog.beginSyncRun(trigger: trigger, now: now())
        do {
            let report = try await reconcile(listing: listing, progress: progress)
            try catalog.finishSyncRun(id: id, report: report, now: now())
            return report
        } catch {
            try catalog.finishSyncRun(id: id, report: nil, error: String(describing: error), now: now())
            throw error
        }
    }

    private func makePlanner() throws -> ReconcilePlanner {
        ReconcilePlanner(catalogFingerprints: try catalog.fingerprints(underPrefix: layout.basePrefix), layout: layout,
                         reindexUnchanged: reindexUnchanged)
    }

    /// Applies `plan`: removes deleted records, then reads and writes added and changed
    /// objects batch by batch. An object whose metadata cannot be read, or whose rows lie
    /// outside its partition, is reported in ``ReconcileReport/rejected`` and not indexed (a
    /// changed object's stale record is removed). Cancellation stops between batches; what
    /// was written stays written and the next reconcile continues from there.
    ///
    /// Compacted objects (``CompactionLineage/fileNamePrefix``) are read first: a listed part
    /// that an indexed or newly read compacted object replaced is not indexed and its record
    /// is removed in the same transaction that indexes the compacted object
    /// (``ReconcileReport/superseded``). A compacted object younger than
    /// ``compactionSettleTime`` is left for a later sync.
    public func apply(_ plan: ReconcilePlan, progress: (@Sendable (ReconcileProgress) -> Void)? = nil) async throws -> ReconcileReport {
        precondition(batchSize > 0 && maximumConcurrentExtractions > 0, "batch size and concurrency must be positive")
        var report = ReconcileReport()
        (report.listed, report.unchanged, report.ignoredCount, report.ignored) = (plan.listed, plan.unchanged, plan.ignoredCount, plan.ignored)
        for start in stride(from: 0, to: plan.deleted.count, by: batchSize) {
            report.deleted += try catalog.removeObjects(keys: plan.deleted[start..<min(start + batchSize, plan.deleted.count)])
        }
        let work = plan.added.map { ($0, false) } + plan.changed.map { ($0, true) }
        let isCompacted = { (entry: ReconcilePlan.Entry) in entry.partition.fileName.hasPrefix(CompactionLineage.fileNamePrefix) }
        var replaced = try catalog.replacedParts(underPrefix: layout.basePrefix)
        let settled = now() - compactionSettleTime
        let compactedWork = work.filter { isCompacted($0.0) }
        report.deferred = compactedWork.filter { $0.0.listed.lastModified > settled }.map(\.0.listed.key)
        let compacted = try await index(compactedWork.filter { $0.0.listed.lastModified <= settled }, report: &report,
                                        replaced: &replaced, plan: plan)
        var processed = compacted + report.deferred.count
        let superseded = Set(report.superseded)
        let parts = work.filter { !isCompacted($0.0) && !superseded.contains($0.0.listed.key) }
        let total = processed + parts.count
        for start in stride(from: 0, to: parts.count, by: batchSize) {
            try Task.checkCancellation()
            let batch = Array(parts[start..<min(start + batchSize, parts.count)])
            try await write(batch, extracted: await extractAll(batch.map(\.0)), report: &report)
            processed += batch.count
            progress?(ReconcileProgress(processed: processed, total: total, deleted: report.deleted))
        }
        return report
    }

    /// Reads the compacted objects of `work`, adds their lineage to `replaced`, and indexes
    /// them while removing the records of every listed part they (or indexed compacted objects)
    /// replaced. Returns how many objects were read.
    private func index(_ work: [(ReconcilePlan.Entry, Bool)], report: inout ReconcileReport,
                       replaced: inout [String: ReplacedPart], plan: ReconcilePlan) async throws -> Int {
        let outcomes = await extractAll(work.map(\.0))
        for case .success(let record, let lineage?) in outcomes {
            for key in lineage.replacedKeys(of: record.key) {
                replaced[key] = ReplacedPart(key: key, compactedKey: record.key, compactedLastModified: record.lastModified)
            }
        }
        var superseded: [String] = []
        var gone: [String] = []
        for part in replaced.values {
            if let modified = plan.listedModified[part.key] {
                if modified <= part.compactedLastModified { superseded.append(part.key) }
            } else {
                gone.append(part.key)
            }
        }
        report.superseded = superseded.sorted()
        let supersededKeys = Set(superseded)
        let keep = work.indices.filter { !supersededKeys.contains(work[$0].0.listed.key) }
        try await write(keep.map { work[$0] }, extracted: keep.map { outcomes[$0] }, report: &report, removing: report.superseded)
        try catalog.forgetReplacedParts(keys: gone)
        return work.count
    }

    /// Indexes the successful `extracted` outcomes of `batch` in one transaction (with the
    /// lineage of compacted ones, removing the records of `removing`) and reports the rest.
    private func write(_ batch: [(ReconcilePlan.Entry, Bool)], extracted outcomes: [Outcome], report: inout ReconcileReport,
                       removing: [String] = []) async throws {
        var records: [ObjectRecord] = []
        var lineages: [String: CompactionLineage] = [:]
        var stale: [String] = []
        for ((entry, isChange), outcome) in zip(batch, outcomes) {
            switch outcome {
            case .success(let record, let lineage):
                records.append(record)
                lineages[record.key] = lineage
                if isChange { report.changed += 1 } else { report.added += 1 }
            case .failure(let reason):
                report.rejected.append(SkippedObject(key: entry.listed.key, reason: reason))
                if isChange { stale.append(entry.listed.key) }
            }
        }
        report.deleted += try catalog.index(records, lineages: lineages, removing: removing + stale)
    }

    private enum Outcome: Sendable {
        case success(ObjectRecord, CompactionLineage?)
        case failure(String)
    }

    /// Extracts metadata for `entries` with at most ``maximumConcurrentExtractions`` in flight,
    /// returning outcomes in the order of `entries`. A fixed set of workers pulls the next
    /// index from a shared counter: one task per worker, not per object, keeps task creation
    /// and scheduling out of a 100,000-object sync while slow reads still balance out.
    private func extractAll(_ entries: [ReconcilePlan.Entry]) async -> [Outcome] {
        let queue = WorkCounter()
        let workers = min(maximumConcurrentExtractions, entries.count)
        let results = await withTaskGroup(of: [(Int, Outcome)].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, Outcome)] = []
                    while case let index = queue.next(), index < entries.count {
                        done.append((index, await self.record(for: entries[index])))
                    }
                    return done
                }
            }
            var outcomes = [Outcome?](repeating: nil, count: entries.count)
            for await done in group {
                for (index, outcome) in done { outcomes[index] = outcome }
            }
            return outcomes
        }
        return results.map { $0! }
    }

    private func record(for entry: ReconcilePlan.Entry) async -> Outcome {
        do {
            let (record, lineage) = try await makeRecord(for: entry)
            return .success(record, lineage)
        } catch {
            return .failure(String(describing: error))
        }
    }

    /// Reads `entry`'s metadata into a record (not yet stored) and, for a compacted object,
    /// its lineage.
    private func makeRecord(for entry: ReconcilePlan.Entry) async throws -> (ObjectRecord, CompactionLineage?) {
        let metadata = try await extract(entry.listed, entry.partition)
        let range = entry.partition.timeRange
        let times = metadata.timeRange ?? range.lowerBound...(range.upperBound - 1)
        let record = try ObjectRecord(
            key: entry.listed.key, partition: entry.partition, minTime: times.lowerBound, maxTime: times.upperBound,
            rowCount: metadata.rowCount, size: entry.listed.size, etag: entry.listed.etag,
            lastModified: entry.listed.lastModified, indexedAt: now(), rankedAs: metadata.lineage?.rank(of: entry.listed.key))
        return (record, metadata.lineage)
    }

    /// Indexes one object now (after an upload, or `POST /uploads/complete`), replacing any
    /// earlier record of its key.
    ///
    /// - Throws: ``LayoutError`` when the key is not a lake key under the prefix, the
    ///   extractor's error when the object cannot be read, ``CatalogError`` when its rows lie
    ///   outside its partition. Nothing is recorded then.
    @discardableResult
    public func index(_ object: ListedObject) async throws -> ObjectRecord {
        let (record, lineage) = try await makeRecord(for: ReconcilePlan.Entry(listed: object, partition: layout.parse(object.key)))
        try catalog.index([record], lineages: lineage.map { [record.key: $0] } ?? [:], removing: [String]())
        return record
    }
}

/// Hands out 0, 1, 2, … to concurrent workers.
private final class WorkCounter: Sendable {
    private let counter = Atomic<Int>(0)

    func next() -> Int {
        counter.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}
