import Foundation
import LakeCatalog
import LakeFormats
import LakeStorage
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The service's local copy of remote (S3) lake objects, shared by every request: small
/// objects downloaded whole into files under `CACHE_DIR/objects` and memory-mapped by later
/// queries; of large objects, which are read by ranges, the footers (``FooterCache``) and the
/// ranges fetched (column chunks), each a file.
/// This is what seed 000's `/api/v1/cache/stats` and `DELETE /api/v1/cache` administer.
///
/// Entries are named by the object's key plus its ETag: lake objects are immutable, so a key
/// and ETag always name the same bytes and an entry never needs revalidation. A rewritten or
/// deleted object is dropped when the catalog learns of it (``invalidate(objectKeys:)``, from
/// the sync and upload paths); entries older than the TTL are refreshed on their next read.
/// The disk is bounded by ``maximumBytes``: past it, the least recently read entries go.
///
/// The index lives in memory (rebuilt from the directory at start-up) behind one lock; files
/// are unlinked under that lock too, so the index and the disk never disagree. Concurrent
/// misses of one object share a single download.
///
/// ```swift
/// let cache = try ObjectCache(directory: "data/cache", ttlSeconds: 3600, maximumBytes: 2 << 30)
/// let loader = ObjectLoader(store: s3Store, cache: cache)   // one cache for every query
/// ```
public final class ObjectCache: Sendable {
    /// Where entry files live (`directory/objects`).
    public let root: String
    /// How long an entry is served after its download, in seconds.
    public let ttlSeconds: Int
    /// The most bytes kept on disk.
    public let maximumBytes: Int64
    private let state: Mutex<State>

    private struct State {
        var index = ObjectCacheIndex()
        var footers: FooterCache
        var counters = ObjectCacheStats.Counters()
        var downloads: [String: Task<PartSource.Bytes, any Error>] = [:]
    }

    /// A cache in `directory/objects` (created if missing), indexing the entries already there.
    /// - Parameters:
    ///   - maximumBytes: the disk bound; entries past it are evicted, least recently read first.
    ///   - footerCapacity: how many footers of range-read objects are kept in memory.
    public init(directory: String, ttlSeconds: Int, maximumBytes: Int64 = 2 << 30, footerCapacity: Int = 1024) throws {
        precondition(ttlSeconds > 0 && maximumBytes > 0, "cache TTL and size must be positive")
        root = (directory as NSString).standardizingPath + "/objects"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        self.ttlSeconds = ttlSeconds
        self.maximumBytes = maximumBytes
        var initial = State(footers: FooterCache(capacity: footerCapacity))
        initial.index = Self.scan(root)
        state = Mutex(initial)
        state.withLock { evict(&$0, keeping: nil) }
    }

    /// `record`'s entry as `open` makes it readable, when it is cached and fresh (a hit); nil
    /// otherwise (a miss) — also when `open` finds the file gone (removed behind the cache's
    /// back, or evicted since the lookup), and the entry is forgotten. `open` runs outside the lock.
    func cached(_ record: ObjectRecord, now: Date = Date(), open: (String) -> PartSource.Bytes?) -> PartSource.Bytes? {
        let key = ObjectCacheIndex.entryKey(objectKey: record.key, etag: record.etag)
        let time = now.timeIntervalSince1970
        let fresh = state.withLock { state in
            let fresh = isFresh(key, size: record.size, at: time, in: &state)
            if !fresh { state.counters.misses += 1 }
            return fresh
        }
        guard fresh else { return nil }
        let opened = open(root + "/" + key)
        state.withLock { state in
            if opened == nil {
                remove(key, from: &state)
                state.counters.misses += 1
            } else {
                state.index.touch(key, at: time)
                state.counters.hits += 1
            }
        }
        return opened
    }

    /// Downloads `record` whole, keeps it when it can be cached (within the bound, and the size
    /// the catalog recorded — else the object changed since it was indexed), and returns the
    /// downloaded bytes. Concurrent calls for one object share one download; a call that comes
    /// just after another's download was indexed gets that entry's file, which may be gone by the
    /// time it is read (the caller then fetches the object itself).
    func fill(_ record: ObjectRecord, from store: any ObjectStore) async throws -> PartSource.Bytes {
        let key = ObjectCacheIndex.entryKey(objectKey: record.key, etag: record.etag)
        let download = state.withLock { state -> Task<PartSource.Bytes, any Error>? in
            // Another miss may have finished the download since this one looked: it indexes
            // the entry before it leaves `downloads`, so one of the two is always seen.
            if state.index.entries[key]?.size == record.size { return nil }
            if let running = state.downloads[key] { return running }
            let task = Task { try await self.download(record, entryKey: key, from: store) }
            state.downloads[key] = task
            return task
        }
        guard let download else { return .file(root + "/" + key) }
        return try await download.value
    }

    private func download(_ record: ObjectRecord, entryKey key: String, from store: any ObjectStore) async throws -> PartSource.Bytes {
        defer { state.withLock { _ = $0.downloads.removeValue(forKey: key) } }
        let bytes = try await store.get(record.key)
        // The bytes, not the entry's file, go back: another query's eviction may unlink the
        // entry before the callers read it.
        if Int64(bytes.count) == record.size, record.size <= maximumBytes {
            keep(bytes, entryKey: key, objectKey: record.key, at: Date().timeIntervalSince1970)
        }
        return .memory(bytes)
    }

    /// Writes `bytes` as the file of `entryKey` and indexes it, evicting past the bound. A
    /// file it cannot write (disk full) is simply not kept: the cache only saves fetches.
    private func keep(_ bytes: [UInt8], entryKey key: String, objectKey: String, at time: Double) {
        let path = root + "/" + key
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            // Written beside the entry and renamed over it: a reader never maps a partial file.
            // No fsync: a cache lost in a crash is downloaded again.
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            return
        }
        state.withLock { state in
            state.index.insert(.init(entryKey: key, objectKey: objectKey, size: Int64(bytes.count), cachedAt: time))
            evict(&state, keeping: key)
        }
    }

    /// `length` bytes of `record` from `offset` (a column chunk range of an object read by
    /// ranges): a cached copy of exactly that range when there is a fresh one, else one ranged
    /// GET whose bytes are kept, within the bound, for the next query that needs them.
    func range(of record: ObjectRecord, offset: Int, length: Int, from store: any ObjectStore) async throws -> [UInt8] {
        let key = ObjectCacheIndex.rangeEntryKey(objectKey: record.key, etag: record.etag, offset: offset, length: length)
        let time = Date().timeIntervalSince1970
        if state.withLock({ isFresh(key, size: Int64(length), at: time, in: &$0) }) {
            // Read outside the lock; a file gone meanwhile (evicted, removed behind the cache's
            // back) is forgotten and fetched again.
            let data = FileManager.default.contents(atPath: root + "/" + key)
            state.withLock { state in
                if data?.count == length {
                    state.index.touch(key, at: time)
                    state.counters.chunkHits += 1
                } else {
                    remove(key, from: &state)
                }
            }
            if let data, data.count == length { return Array(data) }
        }
        let bytes = try await StoreByteSource(store: store, key: record.key, size: Int(record.size)).read(offset: offset, length: length)
        if Int64(length) <= maximumBytes / 10 { keep(bytes, entryKey: key, objectKey: record.key, at: time) }
        return bytes
    }

    /// The footer of `record` for a ranged read: kept from an earlier query, or read now (one
    /// or two ranged GETs of the object's tail, through ``range(of:offset:length:from:)``) and
    /// kept; the reader it returns fetches column chunks through the cache too.
    func footer(for record: ObjectRecord, from store: any ObjectStore) async throws -> ParquetFileReader {
        let key = ObjectCacheIndex.entryKey(objectKey: record.key, etag: record.etag)
        let kept = state.withLock { state -> ParquetFileReader? in
            state.counters.rangedReads += 1
            let reader = state.footers.reader(key)
            if reader != nil { state.counters.footerHits += 1 }
            return reader
        }
        if let kept { return kept }
        let reader = try await ParquetFileReader.open(CachedRangeSource(cache: self, record: record, store: store))
        state.withLock { state in
            state.counters.evictions += state.footers.insert(reader, entryKey: key, objectKey: record.key,
                                                             now: Date().timeIntervalSince1970)
        }
        return reader
    }

    /// Drops every cached version (file and footer) of `objectKeys`, which the catalog found
    /// changed or deleted. Returns how many entries went.
    @discardableResult
    public func invalidate(objectKeys: some Sequence<String>) -> Int {
        let keys = Set(objectKeys)
        guard !keys.isEmpty else { return 0 }
        return state.withLock { state in
            let doomed = state.index.entries(ofObjects: keys)
            for key in doomed { remove(key, from: &state) }
            let removed = doomed.count + state.footers.remove(objects: keys)
            state.counters.invalidations += removed
            return removed
        }
    }

    /// Removes entries of `symbol` (all symbols when nil) cached at least `olderThan` seconds
    /// ago (any age when nil): files on disk and kept footers alike.
    public func clear(symbol: String? = nil, olderThan: TimeInterval? = nil, now: Date = Date()) -> ObjectCacheClearing {
        let before = olderThan.map { now.timeIntervalSince1970 - $0 }
        return state.withLock { state in
            let doomed = state.index.entries(symbol: symbol, cachedBefore: before)
            var bytes: Int64 = 0
            for key in doomed { bytes += remove(key, from: &state)?.size ?? 0 }
            let footers = state.footers.remove(symbol: symbol, before: before)
            return ObjectCacheClearing(filesRemoved: doomed.count, entriesRemoved: doomed.count + footers, bytesFreed: bytes)
        }
    }

    /// Entry count, bytes, counters and the breakdowns seed 000's stats show.
    public func stats(now: Date = Date(), top: Int = 10) -> ObjectCacheStats {
        let (index, footers, counters) = state.withLock { ($0.index, $0.footers.entries.count, $0.counters) }
        return ObjectCacheStats(index: index, footerEntries: footers, counters: counters, maximumBytes: maximumBytes,
                                ttlSeconds: ttlSeconds, now: now.timeIntervalSince1970, top: top)
    }

    /// Whether `key` is indexed with `size` bytes and younger than the TTL; an older entry is
    /// removed (an expiration). Under the lock.
    private func isFresh(_ key: String, size: Int64, at time: Double, in state: inout State) -> Bool {
        guard let entry = state.index.entries[key], entry.size == size else { return false }
        guard time - entry.cachedAt < Double(ttlSeconds) else {
            remove(key, from: &state)
            state.counters.expirations += 1
            return false
        }
        return true
    }

    /// Unlinks the entry's file and forgets it. Under the lock, so that a download of the same
    /// entry cannot land between the two and be deleted while indexed.
    @discardableResult
    private func remove(_ key: String, from state: inout State) -> ObjectCacheIndex.Entry? {
        guard let entry = state.index.remove(key) else { return nil }
        unlink(root + "/" + key)
        return entry
    }

    /// Evicts least recently read entries (never `keeping`) once the total passes the bound,
    /// down to 90 % of it.
    private func evict(_ state: inout State, keeping: String?) {
        guard state.index.totalBytes > maximumBytes else { return }
        for key in state.index.victims(toReach: maximumBytes / 10 * 9, keeping: keeping) {
            remove(key, from: &state)
            state.counters.evictions += 1
        }
    }

    /// The entries already on disk (after a restart); leftovers of interrupted writes are removed.
    private static func scan(_ root: String) -> ObjectCacheIndex {
        var index = ObjectCacheIndex()
        guard let walk = FileManager.default.enumerator(atPath: root) else { return index }
        while let relative = walk.nextObject() as? String {
            let path = root + "/" + relative
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            guard let objectKey = ObjectCacheIndex.objectKey(ofEntry: relative) else {
                unlink(path)
                continue
            }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            index.insert(.init(entryKey: relative, objectKey: objectKey, size: size, cachedAt: modified))
        }
        return index
    }
}
