import Foundation
import LakeCatalog
import LakeHTTP
import Synchronization

/// Runs catalog syncs against the store: at start-up in the background, every
/// `SYNC_INTERVAL` seconds, and on demand (admin endpoint, CLI). One sync runs at a time; a
/// request that arrives while one runs joins it instead of starting a second listing.
///
/// ```swift
/// let synchronizer = CatalogSynchronizer(lake: lake, logger: logger)
/// let background = synchronizer.startBackground(interval: 300)
/// let result = try await synchronizer.sync(trigger: "admin")
/// ```
public final class CatalogSynchronizer: Sendable {
    /// What a running sync is doing, for `/status`.
    public struct Progress: Sendable, Equatable {
        /// What started it.
        public let trigger: String
        /// Start (epoch ms).
        public let startedAt: Int64
        /// `listing` or `indexing`.
        public var phase: String
        /// Objects listed so far.
        public var listed: Int
        /// Objects whose metadata was read so far, of `toIndex`.
        public var indexed: Int
        /// Objects to read (added or changed).
        public var toIndex: Int
    }

    /// The outcome of ``sync(trigger:progress:)``.
    public struct Outcome: Sendable {
        /// What the sync did.
        public let report: ReconcileReport
        /// Whether this request joined a sync that was already running.
        public let joined: Bool
        /// How long it took, in milliseconds (of the joined sync when joined).
        public let milliseconds: Int64
    }

    private struct State {
        var current: Task<(ReconcileReport, Int64), any Error>?
        var progress: Progress?
    }

    /// The lake being indexed.
    public let lake: Lake
    /// Metadata extractions in flight at once (network-bound ranged reads).
    public let concurrency: Int
    /// How old an unindexed compacted object must be before a sync trusts it.
    public let compactionSettleTime: Int64
    private let reader: ObjectMetadataReader
    private let logger: Logger
    private let objectsChanged: @Sendable ([String]) -> Void
    private let state = Mutex(State())

    /// A synchronizer for `lake`, spooling remote CSV objects into `scratchDirectory` while it
    /// scans them. `objectsChanged` hears, after each sync, the keys of objects found changed
    /// (new ETag) or deleted, so that caches of them can be dropped.
    /// `compactionSettleTime` is the reconciler's (``CatalogReconciler/compactionSettleTime``).
    public init(lake: Lake, concurrency: Int = 32, scratchDirectory: String = NSTemporaryDirectory(),
                logger: Logger = Logger(label: "sync"), compactionSettleTime: Int64 = CatalogReconciler.defaultCompactionSettleTime,
                objectsChanged: @escaping @Sendable ([String]) -> Void = { _ in }) {
        self.lake = lake
        self.concurrency = concurrency
        self.compactionSettleTime = compactionSettleTime
        self.reader = ObjectMetadataReader(store: lake.store, scratchDirectory: scratchDirectory)
        self.logger = logger
        self.objectsChanged = objectsChanged
    }

    /// The running sync's progress, nil when idle.
    public var progress: Progress? { state.withLock { $0.progress } }

    /// Lists the store and reconciles the catalog with it (or joins the sync already running).
    /// `progress` hears listing and indexing progress of a sync this call started.
    public func sync(trigger: String, progress: (@Sendable (Progress) -> Void)? = nil) async throws -> Outcome {
        let (task, joined) = state.withLock { state -> (Task<(ReconcileReport, Int64), any Error>, Bool) in
            if let current = state.current { return (current, true) }
            state.progress = Progress(trigger: trigger, startedAt: CatalogReconciler.systemNow(), phase: "listing",
                                      listed: 0, indexed: 0, toIndex: 0)
            // The task clears `current` when done; it needs this lock to do so, so it cannot
            // finish before `current` is set below.
            let task = Task { try await self.run(trigger: trigger, progress: progress) }
            state.current = task
            return (task, false)
        }
        let (report, milliseconds) = try await task.value
        return Outcome(report: report, joined: joined, milliseconds: milliseconds)
    }

    private func run(trigger: String, progress: (@Sendable (Progress) -> Void)?) async throws -> (ReconcileReport, Int64) {
        let started = CatalogReconciler.systemNow()
        defer { state.withLock { $0.current = nil; $0.progress = nil } }
        let runID = try lake.catalog.beginSyncRun(trigger: trigger, now: started)
        do {
            let listing = try await lake.listObjects { count in update(progress) { $0.listed = count } }
            var reconciler = try CatalogReconciler(catalog: lake.catalog, basePrefix: lake.basePrefix) { [reader] object, partition in
                try await reader.metadata(of: object, partition: partition)
            }
            reconciler.maximumConcurrentExtractions = concurrency
            reconciler.compactionSettleTime = compactionSettleTime
            var plan = try reconciler.plan(listing: listing)
            // An upload indexed after the listing started is missing from it, not deleted.
            let recent = try plan.deleted.filter { key in try (lake.catalog.object(key: key)?.indexedAt ?? .min) >= started }
            plan.keepRecords(Set(recent))
            update(progress) { $0.phase = "indexing"; $0.toIndex = plan.added.count + plan.changed.count }
            let report = try await reconciler.apply(plan) { step in self.update(progress) { $0.indexed = step.processed } }
            objectsChanged(plan.deleted + plan.changed.map(\.listed.key) + report.superseded)
            try await deleteSuperseded(report.superseded)
            let finished = CatalogReconciler.systemNow()
            try lake.catalog.finishSyncRun(id: runID, report: report, now: finished)
            logger.info("catalog sync finished", [("trigger", trigger), ("listed", String(report.listed)), ("added", String(report.added)),
                                                  ("changed", String(report.changed)), ("deleted", String(report.deleted)),
                                                  ("rejected", String(report.rejected.count)), ("ms", String(finished - started))])
            for rejected in report.rejected.prefix(20) {
                logger.warning("object not indexed", [("key", rejected.key), ("reason", rejected.reason)])
            }
            return (report, finished - started)
        } catch {
            try? lake.catalog.finishSyncRun(id: runID, report: nil, error: String(describing: error), now: CatalogReconciler.systemNow())
            logger.error("catalog sync failed", [("trigger", trigger), ("error", String(describing: error))])
            throw error
        }
    }

    /// Finishes what an interrupted compaction left: deletes the parts whose rows a compacted
    /// object holds (their records are gone already), then forgets them. A failed delete is
    /// logged and retried by the next sync.
    private func deleteSuperseded(_ keys: [String]) async throws {
        guard !keys.isEmpty else { return }
        do {
            try await lake.store.deleteMany(keys)
            try lake.catalog.forgetReplacedParts(keys: keys)
            logger.info("deleted parts replaced by compacted objects", [("count", String(keys.count))])
        } catch {
            logger.warning("replaced parts not deleted", [("count", String(keys.count)), ("error", String(describing: error))])
        }
    }

    private func update(_ observer: (@Sendable (Progress) -> Void)?, _ change: (inout Progress) -> Void) {
        let snapshot = state.withLock { state -> Progress? in
            guard state.progress != nil else { return nil }
            change(&state.progress!)
            return state.progress
        }
        if let snapshot { observer?(snapshot) }
    }

    /// Syncs once now ("startup"), then every `interval` seconds ("periodic", none when 0),
    /// until the returned task is cancelled. Failures are logged and retried at the next tick.
    public func startBackground(interval: Int) -> Task<Void, Never> {
        Task {
            _ = try? await self.sync(trigger: "startup")
            guard interval > 0 else { return }
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .seconds(interval))
                } catch {
                    return
                }
                _ = try? await self.sync(trigger: "periodic")
            }
        }
    }
}
