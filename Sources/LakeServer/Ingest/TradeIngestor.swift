import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeHTTP
import LakeStorage
import Synchronization

/// Seed 003's trade ingest behind `POST /v1/trades/ingest`: validates a batch, stores it as
/// ordinary immutable Parquet parts in the `timeframe=trades` partitions (one per UTC day it
/// touches, the layout uploads use), and indexes them — durably and at most once per batch.
///
/// **Durability.** The answer goes out only after the store acknowledged every object (S3 PUT;
/// ``FileStore`` fsyncs the file and its directory) and one catalog transaction committed both
/// the objects' rows and the idempotency record. A crash before that commit leaves at most
/// unindexed objects, whose names derive from the request: a retry rewrites the same keys
/// rather than adding trades, and a sync that finds them first indexes exactly that batch.
///
/// **Idempotency.** A batch is identified by its `Idempotency-Key` header or, without one, by
/// the SHA-256 of its canonical form (symbol, exchange, trades in time order as binary
/// numbers), so reformatted JSON of the same trades is the same batch. A repeat gets the
/// first answer again with `duplicate: true` and writes nothing; a key reused for another
/// batch is a 422; a repeat arriving while the first is still being stored is a 409.
final class TradeIngestor: Sendable {
    let lake: Lake
    /// Hears the keys of the objects indexed, so caches drop anything held under them.
    let objectsChanged: @Sendable ([String]) -> Void
    /// How long idempotency records are kept (`INGEST_IDEMPOTENCY_DAYS`); nil for ever.
    let retentionDays: Int?
    /// Idempotency keys being processed by this process.
    private let inFlight = Mutex<Set<String>>([])
    /// Epoch ms of the last purge of expired idempotency records.
    private let lastPurge = Mutex<Int64>(0)

    /// The largest request body accepted (about 600,000 trades of typical size).
    static let maximumBodyBytes = 64 << 20
    /// The longest `Idempotency-Key` accepted.
    static let maximumKeyLength = 255
    /// How trade parts are written: row groups of 16,384 trades (not pyarrow's 1,048,576), so
    /// that a reader wanting a time range — a page of `/api/v1/data/trades`, a ranged read from
    /// S3 — decodes only the groups whose time statistics overlap it; a page of 10,000 trades
    /// from a 100,000-trade day decodes one or two groups instead of the whole day.
    static let partOptions: ParquetWriterOptions = {
        var options = ParquetWriterOptions()
        options.rowGroupSize = 16_384
        return options
    }()

    init(lake: Lake, retentionDays: Int? = 30, objectsChanged: @escaping @Sendable ([String]) -> Void = { _ in }) {
        self.lake = lake
        self.retentionDays = retentionDays
        self.objectsChanged = objectsChanged
    }

    /// What an ingest answered: the summary and its JSON.
    struct Outcome: Sendable {
        let summary: IngestSummary
        let response: [UInt8]
    }

    /// Ingests the JSON `body`.
    /// - Parameters:
    ///   - idempotencyKey: the request's `Idempotency-Key` header, if any.
    ///   - exchange: the exchange the request names (`?exchange=`), if any.
    /// - Throws: `HTTPError` 400/409/422 for the client's mistakes; store and catalog errors otherwise.
    func ingest(_ body: [UInt8], idempotencyKey: String?, exchange: String?) async throws -> Outcome {
        if let idempotencyKey { try Self.check(idempotencyKey) }
        let parsed = try TradeBatchParser.parse(body)
        let target = try IngestTarget.resolve(parsed.symbol, exchange: exchange, catalog: lake.catalog)
        let trades = Self.inTimeOrder(parsed.trades)
        let requestHash = Self.canonicalDigest(trades, target: target)
        let recordKey = idempotencyKey.map { "key:" + $0 } ?? "sha256:" + requestHash
        if let earlier = try lake.catalog.ingestRecord(key: recordKey) {
            return try Self.repeated(earlier, requestHash: requestHash)
        }
        guard inFlight.withLock({ $0.insert(recordKey).inserted }) else {
            throw HTTPError(.conflict, code: "INGEST_IN_PROGRESS", message: "a request with this idempotency key is being stored; retry shortly",
                            details: ["Idempotency-Key": ["in progress"]])
        }
        defer { _ = inFlight.withLock { $0.remove(recordKey) } }
        // Answered while this request waited between its lookup and its claim.
        if let earlier = try lake.catalog.ingestRecord(key: recordKey) {
            return try Self.repeated(earlier, requestHash: requestHash)
        }
        let fileName = "part-" + Hex.encode(Digest.sha256(Array((recordKey + "\n" + requestHash).utf8)).prefix(10)) + ".parquet"
        let days = try Self.days(of: trades, target: target, fileName: fileName)
        do {
            return try await store(days, trades: trades, target: target, recordKey: recordKey, requestHash: requestHash,
                                   idempotencyKey: idempotencyKey)
        } catch {
            await removeUnacknowledged(days, recordKey: recordKey)
            throw error
        }
    }

    /// After a failure, deletes whatever parts of the batch reached the store, so a later sync
    /// cannot index part of an unacknowledged batch — unless the key was answered after all
    /// (then they are indexed) or the catalog cannot say (then a retry rewrites them). A crash
    /// at this point leaves them; see the type's note.
    private func removeUnacknowledged(_ days: [Day], recordKey: String) async {
        guard let answered = try? lake.catalog.ingestRecord(key: recordKey) != nil, !answered else { return }
        try? await lake.store.deleteMany(days.map { $0.partition.objectKey(basePrefix: lake.basePrefix) })
    }

    /// One UTC day of a batch: its partition and trades.
    struct Day: Sendable {
        let partition: PartitionKey
        let trades: TradeBatch
    }

    /// Stores `days`, then commits their records with the answer; returns the answer.
    private func store(_ days: [Day], trades: TradeBatch, target: IngestTarget, recordKey: String, requestHash: String,
                       idempotencyKey: String?) async throws -> Outcome {
        let records = try await store(days)
        let summary = IngestSummary(symbol: target.symbol, exchange: target.exchange, accepted: trades.count,
                                    start: TimeParameter.format(trades.time[0]), end: TimeParameter.format(trades.time[trades.count - 1]),
                                    objects: records.map { record in
                                        .init(key: record.key, s3Path: lake.location.url(forKey: record.key), rows: Int(record.rowCount),
                                              start: TimeParameter.format(record.minTime), end: TimeParameter.format(record.maxTime))
                                    },
                                    duplicate: false, idempotencyKey: idempotencyKey ?? "sha256:" + requestHash)
        let response = try Self.encode(summary)
        let committed = IngestRecord(requestHash: requestHash, status: 200, response: response)
        if let raced = try lake.catalog.commitIngest(key: recordKey, record: committed, objects: records,
                                                     now: CatalogReconciler.systemNow()) {
            // Another process sharing the catalog answered this key first. The same batch wrote
            // the same keys (now indexed by that process); another batch's objects are orphans.
            if raced.requestHash != requestHash { try? await lake.store.deleteMany(records.map(\.key)) }
            return try Self.repeated(raced, requestHash: requestHash)
        }
        objectsChanged(records.map(\.key))
        purgeExpiredRecords()
        return Outcome(summary: summary, response: response)
    }

    /// Forgets idempotency records older than the retention, at most once an hour (an indexed
    /// range delete): after that long a repeat of a batch is a new batch.
    private func purgeExpiredRecords(now: Int64 = CatalogReconciler.systemNow()) {
        guard let retentionDays else { return }
        let due = lastPurge.withLock { last in
            guard now - last >= 3_600_000 else { return false }
            last = now
            return true
        }
        if due { _ = try? lake.catalog.purgeIngestRecords(createdBefore: now - Int64(retentionDays) * 86_400_000) }
    }

    /// `trades` (in time order) split by UTC day, each with its partition.
    static func days(of trades: TradeBatch, target: IngestTarget, fileName: String) throws -> [Day] {
        var days: [Day] = []
        var start = 0
        while start < trades.count {
            let day = trades.time[start].flooredDivision(by: 86_400_000)
            var end = start + 1
            while end < trades.count && trades.time[end].flooredDivision(by: 86_400_000) == day { end += 1 }
            let partition = try PartitionKey(writing: .trades, exchange: target.exchange, symbol: target.symbol,
                                             containing: trades.time[start], fileName: fileName)
            days.append(Day(partition: partition, trades: TradeBatch(time: Array(trades.time[start..<end]),
                                                                     price: Array(trades.price[start..<end]),
                                                                     size: Array(trades.size[start..<end]))))
            start = end
        }
        return days
    }

    /// Writes one Parquet part per day, all at once, and returns their records in day order.
    private func store(_ days: [Day]) async throws -> [ObjectRecord] {
        let lake = self.lake
        return try await withThrowingTaskGroup(of: (Int, ObjectRecord).self) { group in
            for (index, day) in days.enumerated() {
                let (partition, batch) = (day.partition, day.trades)
                group.addTask {
                    let key = partition.objectKey(basePrefix: lake.basePrefix)
                    let stored = try await lake.store.put(key, bytes: try ParquetWriter.write(trades: batch, options: Self.partOptions),
                                                          contentType: UploadProcessor.contentType(of: .parquet))
                    let metadata = ObjectMetadata(rowCount: Int64(batch.count), timeRange: batch.time[0]...batch.time[batch.count - 1])
                    return (index, try lake.record(key: key, partition: partition, metadata: metadata, stored: stored))
                }
            }
            var records = [ObjectRecord?](repeating: nil, count: days.count)
            for try await (index, record) in group { records[index] = record }
            return records.map { $0! }
        }
    }

    /// The earlier answer to a repeat of the same batch, marked as a duplicate.
    /// - Throws: `HTTPError` 422 when the key answered a different batch.
    private static func repeated(_ earlier: IngestRecord, requestHash: String) throws -> Outcome {
        guard earlier.requestHash == requestHash else {
            throw HTTPError(.unprocessableContent, code: "IDEMPOTENCY_KEY_REUSED",
                            message: "this Idempotency-Key was used for a different batch of trades; use a new key for new trades",
                            details: ["Idempotency-Key": ["already used for a different batch"]])
        }
        var summary = try JSONDecoder().decode(IngestSummary.self, from: Data(earlier.response))
        summary.duplicate = true
        return Outcome(summary: summary, response: try encode(summary))
    }

    private static func encode(_ summary: IngestSummary) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return Array(try encoder.encode(summary))
    }

    /// `trades` sorted by time, equal times keeping their body order.
    static func inTimeOrder(_ trades: TradeBatch) -> TradeBatch {
        if zip(trades.time, trades.time.dropFirst()).allSatisfy({ $0 <= $1 }) { return trades }
        let order = trades.time.indices.sorted { (trades.time[$0], $0) < (trades.time[$1], $1) }
        return TradeBatch(time: order.map { trades.time[$0] }, price: order.map { trades.price[$0] }, size: order.map { trades.size[$0] })
    }

    /// Hex SHA-256 of the batch's canonical form: target, count, then the time, price and
    /// volume columns as little-endian binary (the hashed memory as it lies, no copies).
    static func canonicalDigest(_ trades: TradeBatch, target: IngestTarget) -> String {
        let digest = IncrementalDigest(.sha256)
        digest.update(Array("candlelake-trades-v1\n\(target.symbol)\n\(target.exchange)\n\(trades.count)\n".utf8))
        trades.time.withUnsafeBytes { digest.update($0) }
        trades.price.withUnsafeBytes { digest.update($0) }
        trades.size.withUnsafeBytes { digest.update($0) }
        return Hex.encode(digest.finalize())
    }

    /// Refuses an `Idempotency-Key` that is empty, too long or not visible ASCII.
    private static func check(_ key: String) throws(HTTPError) {
        guard (1...maximumKeyLength).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            let problem = "must be 1 to \(maximumKeyLength) visible ASCII characters"
            throw HTTPError(.badRequest, code: "VALIDATION_ERROR", message: "Idempotency-Key: \(problem)", details: ["Idempotency-Key": [problem]])
        }
    }
}
