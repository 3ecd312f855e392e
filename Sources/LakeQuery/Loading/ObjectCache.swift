import Foundation
import LakeCatalog
import LakeStorage
import Synchronization

/// A local on-disk copy of lake objects fetched from a remote store (S3), so that a repeated
/// query reads memory-mapped files instead of the network. This is what seed 000's
/// `/api/v1/cache/stats` and `DELETE /api/v1/cache` administer (``stats()``, ``clear(symbol:olderThan:)``).
///
/// Entries live in a `FileStore` under `CACHE_DIR/objects`, named by the object's key plus its
/// ETag: lake objects are immutable, so a key with the same ETag always has the same bytes and
/// an entry never needs revalidation; a rewritten object gets a new ETag and thus a new entry.
/// Entries older than the TTL are treated as misses (and refreshed) so that the cache cannot
/// keep serving a deleted object forever; ``clear(symbol:olderThan:)`` frees the disk.
///
/// ```swift
/// let cache = try ObjectCache(directory: "data/cache", ttlSeconds: 3600)
/// let path = try await cache.localPath(for: record, from: s3Store)   // fetched once
/// ```
public final class ObjectCache: Sendable {
    /// The store holding the entries.
    public let entries: FileStore
    /// How long an entry is served, in seconds.
    public let ttlSeconds: Int
    private let counters = Mutex(Counters())

    private struct Counters {
        var hits = 0
        var misses = 0
    }

    /// A cache in `directory/objects` (created if missing).
    public init(directory: String, ttlSeconds: Int) throws {
        entries = try FileStore(root: directory + "/objects")
        self.ttlSeconds = ttlSeconds
    }

    /// The cache key of `record`: its key with the ETag appended, so new versions never collide.
    static func entryKey(for record: ObjectRecord) -> String {
        let etag = record.etag.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        return record.key + ".etag-" + String(String.UnicodeScalarView(etag.prefix(64)))
    }

    /// A local file holding `record`'s bytes: the cached entry when fresh, otherwise fetched
    /// from `store` and written atomically first.
    public func localPath(for record: ObjectRecord, from store: any ObjectStore, now: Date = Date()) async throws -> String {
        let key = Self.entryKey(for: record)
        if let info = try? await entries.head(key), now.timeIntervalSince(info.lastModified) < Double(ttlSeconds),
           info.size == record.size {
            counters.withLock { $0.hits += 1 }
            return entries.root + "/" + key
        }
        counters.withLock { $0.misses += 1 }
        let bytes = try await store.get(record.key)
        try await entries.put(key, bytes: bytes)
        return entries.root + "/" + key
    }

    /// Entry count, bytes, hit/miss counters and the breakdowns seed 000's stats show.
    public func stats(now: Date = Date(), top: Int = 10) async throws -> ObjectCacheStats {
        var bySymbol: [String: ObjectCacheStats.Group] = [:]
        var byTimeframe: [String: ObjectCacheStats.Group] = [:]
        var recent: [ObjectCacheStats.Entry] = []
        var total = ObjectCacheStats.Group(name: "", entries: 0, bytes: 0)
        var expired = 0
        for try await page in entries.pages() {
            for object in page.objects {
                let segments = Self.segments(of: object.key)
                let symbol = segments["symbol"] ?? "?"
                let timeframe = segments["timeframe"] ?? "?"
                bySymbol[symbol, default: .init(name: symbol, entries: 0, bytes: 0)].add(object.size)
                byTimeframe[timeframe, default: .init(name: timeframe, entries: 0, bytes: 0)].add(object.size)
                total.add(object.size)
                if now.timeIntervalSince(object.lastModified) >= Double(ttlSeconds) { expired += 1 }
                recent.append(.init(key: object.key, symbol: symbol, timeframe: timeframe, bytes: object.size,
                                    cachedAt: Int64(object.lastModified.timeIntervalSince1970 * 1000)))
            }
        }
        let (hits, misses) = counters.withLock { ($0.hits, $0.misses) }
        return ObjectCacheStats(
            totalEntries: total.entries, totalBytes: total.bytes, expiredEntries: expired, hits: hits, misses: misses,
            topSymbols: Array(bySymbol.values.sorted { ($0.bytes, $1.name) > ($1.bytes, $0.name) }.prefix(top)),
            byTimeframe: byTimeframe.values.sorted { $0.name < $1.name },
            recent: Array(recent.sorted { ($0.cachedAt, $0.key) > ($1.cachedAt, $1.key) }.prefix(top)))
    }

    /// Removes entries of `symbol` (all symbols when nil) cached at least `olderThan` seconds
    /// ago (any age when nil).
    public func clear(symbol: String? = nil, olderThan: TimeInterval? = nil, now: Date = Date()) async throws -> ObjectCacheClearing {
        var doomed: [String] = []
        var bytes: Int64 = 0
        for try await page in entries.pages() {
            for object in page.objects {
                if let symbol, Self.segments(of: object.key)["symbol"] != symbol { continue }
                if let olderThan, now.timeIntervalSince(object.lastModified) < olderThan { continue }
                doomed.append(object.key)
                bytes += object.size
            }
        }
        try await entries.deleteMany(doomed)
        return ObjectCacheClearing(entriesRemoved: doomed.count, bytesFreed: bytes)
    }

    /// The `name=value` directory segments of a key.
    private static func segments(of key: String) -> [String: String] {
        var result: [String: String] = [:]
        for segment in key.split(separator: "/").dropLast() {
            guard let equals = segment.firstIndex(of: "=") else { continue }
            result[String(segment[..<equals])] = String(segment[segment.index(after: equals)...])
        }
        return result
    }
}
