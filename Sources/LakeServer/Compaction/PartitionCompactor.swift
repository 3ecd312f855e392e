import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import LakeStorage
import Synchronization

/// Merges the parts of a partition (one directory: timeframe, exchange, symbol, day — or month
/// or year for coarse timeframes) into one Parquet object, so that a day a feed appended to
/// every second is one read instead of 86,400.
///
/// **Steps, and why a crash between any two is harmless.**
/// 1. List the partition in the store; refuse it when the store holds an object the catalog
///    has not indexed (other than parts an earlier compaction already replaced): such a part
///    could rank between the parts read, which the compacted object's rank could not express.
/// 2. Read the catalogued parts, Parquet or CSV (the oldest ``maximumPartsPerObject`` by rank:
///    every part left out is then newer than all of them), and merge them
///    as readers do: bars by ``PartMerger``'s "newest part wins", trades all of them in the
///    order queries return them.
/// 3. Write one object, `compacted-<hash of the replaced keys>.parquet`, whose footer names
///    the parts it replaces and the rank it inherits (``CompactionLineage``). A crash now
///    leaves an unindexed object a sync will index *instead of* those parts.
/// 4. One catalog transaction inserts it and removes the parts — only if they are still
///    indexed as read. Readers switch from the parts to the object at once: no gap, no overlap.
/// 5. Tell caches, then delete the parts. A crash now leaves parts a sync will not index again
///    and deletes.
///
/// A part written while this runs is not in the replaced list, so it survives; it is newer
/// than every part read, and the compacted object ranks as the newest part read, so it still
/// wins over the compacted rows wherever both hold a bar. Two compactions of one partition do
/// not run at once in a process (the second is skipped); across processes, step 4's check
/// lets one of them commit.
///
/// ```swift
/// let compactor = PartitionCompactor(lake: lake) { keys in cache.invalidate(objectKeys: keys) }
/// let outcome = try await compactor.compact(directory: "timeframe=trades/exchange=NSE/symbol=X/year=2025/month=11/day=03/")
/// ```
public final class PartitionCompactor: Sendable {
    /// The lake compacted.
    public let lake: Lake
    /// The most parts merged into one object, so that its footer's list of replaced names
    /// stays under a few megabytes; a crowded partition takes several runs.
    public let maximumPartsPerObject: Int
    private let loader: ObjectLoader
    private let objectsChanged: @Sendable ([String]) -> Void
    /// Partition directories being compacted by this process.
    private let running = Mutex<Set<String>>([])

    /// The default ``maximumPartsPerObject``: 20,000 (a footer list of about 700 KB).
    public static let defaultMaximumPartsPerObject = 20_000

    /// A compactor of `lake`; `objectsChanged` hears every key written or deleted, so caches
    /// drop what they hold under them.
    public init(lake: Lake, maximumPartsPerObject: Int = defaultMaximumPartsPerObject,
                objectsChanged: @escaping @Sendable ([String]) -> Void = { _ in }) {
        precondition(maximumPartsPerObject >= 2, "a compaction merges at least two parts")
        self.lake = lake
        self.maximumPartsPerObject = maximumPartsPerObject
        self.loader = ObjectLoader(store: lake.store)
        self.objectsChanged = objectsChanged
    }

    /// The partition directories being compacted now, in key order (for `/status`).
    public var runningPartitions: [String] { running.withLock { $0.sorted() } }

    /// Compacts every partition `selection` names, one after another. A partition that fails
    /// (an unreadable part, the store refusing a write) is reported as skipped with the error,
    /// and the next one is tried: one bad file does not stop the others.
    public func compact(_ selection: CompactionSelection) async throws -> [CompactionOutcome] {
        let partitions = try lake.catalog.crowdedPartitions(minimumObjects: selection.minimumParts, timeframe: selection.timeframe,
                                                            exchange: selection.exchange, symbol: selection.symbol,
                                                            overlapping: selection.range)
        var outcomes: [CompactionOutcome] = []
        for partition in partitions where selection.closedBefore.map({ end(of: partition.directory) ?? .max <= $0 }) ?? true {
            try Task.checkCancellation()
            do {
                outcomes.append(try await compact(directory: partition.directory))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcomes.append(.skipped(partition.directory, reason: "failed: \(error)"))
            }
        }
        return outcomes
    }

    /// Compacts the partition directory `directory` (ending in `/`).
    public func compact(directory: String) async throws -> CompactionOutcome {
        guard running.withLock({ $0.insert(directory).inserted }) else {
            return .skipped(directory, reason: "a compaction of this partition is already running")
        }
        defer { _ = running.withLock { $0.remove(directory) } }
        let listed = try await listing(of: directory)
        let indexed = try lake.catalog.objects(inDirectory: directory)
        let indexedKeys = Set(indexed.map(\.key))
        let replaced = try lake.catalog.replacedParts(underPrefix: lake.basePrefix)
        var leftovers: [String] = []
        for object in listed where !indexedKeys.contains(object.key) {
            guard let part = replaced[object.key], part.covers(object) else {
                return .skipped(directory, reason: "the store holds '\(object.key)', which the catalog has not indexed yet; run a sync first")
            }
            leftovers.append(object.key)
        }
        let parts = Array(indexed.sorted { $0.precedence < $1.precedence }.prefix(maximumPartsPerObject))
        guard parts.count >= 2 else { return .skipped(directory, reason: "fewer than two parts") }
        // Read in query order (first row time, key): trades of equal time keep the order
        // queries gave them.
        let chosen = Set(parts.map(\.key))
        let inQueryOrder = indexed.filter { chosen.contains($0.key) }
        let compacted = try await write(merging: inQueryOrder, in: directory)
        guard try lake.catalog.commitCompaction(compacted.record, lineage: compacted.lineage, replacing: inQueryOrder) else {
            try? await lake.store.delete(compacted.record.key)
            return .skipped(directory, reason: "the partition changed while it was compacted; try again")
        }
        let retired = inQueryOrder.map(\.key) + leftovers
        objectsChanged(retired + [compacted.record.key])
        try await lake.store.deleteMany(retired)
        try lake.catalog.forgetReplacedParts(keys: retired)
        return .compacted(CompactionOutcome.Result(
            directory: directory, key: compacted.record.key, objectsBefore: indexed.count,
            objectsAfter: try lake.catalog.objects(inDirectory: directory).count,
            rows: compacted.record.rowCount, bytesBefore: parts.reduce(0) { $0 + $1.size }, bytesAfter: compacted.record.size,
            leftoversDeleted: leftovers.count))
    }

    /// Every object the store lists directly in `directory`.
    private func listing(of directory: String) async throws -> [ListedObject] {
        var objects: [ListedObject] = []
        for try await page in lake.store.pages(prefix: directory) {
            for info in page.objects where !info.key.dropFirst(directory.count).contains("/") {
                objects.append(Lake.listed(info))
            }
        }
        return objects
    }

    /// Merges `parts`, writes the compacted object into `directory`, and returns its record and
    /// lineage (not yet committed).
    private func write(merging parts: [ObjectRecord], in directory: String) async throws -> (record: ObjectRecord, lineage: CompactionLineage) {
        let newest = parts.max { $0.precedence < $1.precedence }!.precedence
        let lineage = CompactionLineage(replacedFileNames: parts.map(\.partition.fileName), rankModified: newest.lastModified,
                                        rankFileName: String(newest.key.dropFirst(directory.count)))
        let digest = Digest.sha256(Array(parts.map(\.key).sorted().joined(separator: "\n").utf8))
        let fileName = CompactionLineage.fileNamePrefix + Hex.encode(digest.prefix(10)) + ".parquet"
        let first = parts[0].partition
        let partition = try PartitionKey(timeframe: first.timeframe, exchange: first.exchange, symbol: first.symbol, year: first.year,
                                         month: first.month, day: first.day, fileName: fileName)
        let key = directory + fileName
        var options = TradeIngestor.partOptions
        options.keyValueMetadata = lineage.footerMetadata.map { KeyValue(key: $0.key, value: $0.value) }
        let bytes: [UInt8]
        let rows: Int64
        let times: ClosedRange<Int64>?
        if partition.timeframe == .trades {
            let trades = try await loader.trades(parts, range: partition.timeRange)
            (bytes, rows, times) = (try ParquetWriter.write(trades: trades, options: options), Int64(trades.count), trades.time.first.map { $0...trades.time.last! })
        } else {
            let bars = try await loader.bars(parts, range: partition.timeRange)
            (bytes, rows, times) = (try ParquetWriter.write(bars: bars, options: options), Int64(bars.count), bars.time.first.map { $0...bars.time.last! })
        }
        _ = try await lake.store.put(key, bytes: bytes, contentType: UploadProcessor.contentType(of: .parquet))
        // The store's own last-modified time (not this machine's clock): a sync compares the
        // replaced parts' listed times with it.
        let stored = try await lake.store.head(key)
        let record = try lake.record(key: key, partition: partition, metadata: ObjectMetadata(rowCount: rows, timeRange: times, lineage: lineage),
                                     stored: stored)
        return (record, lineage)
    }

    /// The end (epoch ms) of the partition whose directory is `directory`, nil when it does not parse.
    private func end(of directory: String) -> Int64? {
        (try? PartitionKey(parsing: directory + "x.parquet", basePrefix: lake.basePrefix))?.timeRange.upperBound
    }
}
