/// A snapshot of the ``ObjectCache``: totals, counters since start-up, and the breakdowns of
/// seed 000's `/api/v1/cache/stats`.
public struct ObjectCacheStats: Sendable, Hashable {
    /// Entries and bytes of one symbol or timeframe.
    public struct Group: Sendable, Hashable {
        /// The symbol or canonical timeframe.
        public let name: String
        /// Cached objects.
        public var entries: Int
        /// Their bytes.
        public var bytes: Int64
    }

    /// What the cache did since start-up.
    public struct Counters: Sendable, Hashable {
        /// Reads answered from a cached file.
        public var hits = 0
        /// Reads that found no fresh cached file.
        public var misses = 0
        /// Entries (files and footers) removed to stay within the bounds.
        public var evictions = 0
        /// Files past the TTL, removed when next read.
        public var expirations = 0
        /// Entries removed because the catalog found their object changed or deleted.
        public var invalidations = 0
        /// Misses of large objects answered by ranged reads instead of a download.
        public var rangedReads = 0
        /// Ranged reads whose footer was already in memory.
        public var footerHits = 0
        /// Column chunk ranges of range-read objects answered from a cached file.
        public var chunkHits = 0
    }

    /// One cached file.
    public struct Entry: Sendable, Hashable {
        /// The lake object's key.
        public let key: String
        /// The object's symbol.
        public let symbol: String
        /// The object's timeframe.
        public let timeframe: String
        /// Its size.
        public let bytes: Int64
        /// When it was downloaded (epoch ms).
        public let cachedAt: Int64
        /// When a query last read it (epoch ms).
        public let lastAccess: Int64
        /// Queries it answered.
        public let hits: Int
    }

    /// Cached files.
    public let totalEntries: Int
    /// Their bytes.
    public let totalBytes: Int64
    /// The disk bound.
    public let maximumBytes: Int64
    /// Seconds an entry is served after its download.
    public let ttlSeconds: Int
    /// Entries past the TTL (refreshed when next read, removed by a clear).
    public let expiredEntries: Int
    /// Footers of range-read objects held in memory.
    public let footerEntries: Int
    /// Counters since start-up.
    public let counters: Counters
    /// The symbols using the most bytes, largest first.
    public let topSymbols: [Group]
    /// Totals per timeframe, by name.
    public let byTimeframe: [Group]
    /// The most recently read entries, latest first.
    public let recentAccess: [Entry]

    /// The snapshot of `index` at `now` (seconds since 1970), `top` symbols and entries long.
    init(index: ObjectCacheIndex, footerEntries: Int, counters: Counters, maximumBytes: Int64, ttlSeconds: Int, now: Double,
         top: Int) {
        var bySymbol: [String: Group] = [:]
        var byTimeframe: [String: Group] = [:]
        var expired = 0
        for entry in index.entries.values {
            bySymbol[entry.symbol, default: Group(name: entry.symbol, entries: 0, bytes: 0)].add(entry.size)
            byTimeframe[entry.timeframe, default: Group(name: entry.timeframe, entries: 0, bytes: 0)].add(entry.size)
            if now - entry.cachedAt >= Double(ttlSeconds) { expired += 1 }
        }
        let recent = top == 0 ? [] : index.entries.values.sorted { ($0.lastAccess, $0.entryKey) > ($1.lastAccess, $1.entryKey) }.prefix(top)
        totalEntries = index.entries.count
        totalBytes = index.totalBytes
        self.maximumBytes = maximumBytes
        self.ttlSeconds = ttlSeconds
        expiredEntries = expired
        self.footerEntries = footerEntries
        self.counters = counters
        topSymbols = Array(bySymbol.values.sorted { ($0.bytes, $1.name) > ($1.bytes, $0.name) }.prefix(top))
        self.byTimeframe = byTimeframe.values.sorted { $0.name < $1.name }
        recentAccess = recent.map { entry in
            Entry(key: entry.objectKey, symbol: entry.symbol, timeframe: entry.timeframe, bytes: entry.size,
                  cachedAt: Int64(entry.cachedAt * 1000), lastAccess: Int64(entry.lastAccess * 1000), hits: entry.hits)
        }
    }

    /// Share of reads answered from disk (0 before any read).
    public var hitRate: Double {
        let reads = counters.hits + counters.misses
        return reads == 0 ? 0 : Double(counters.hits) / Double(reads)
    }
}

extension ObjectCacheStats.Group {
    mutating func add(_ size: Int64) {
        entries += 1
        bytes += size
    }
}

/// What ``ObjectCache/clear(symbol:olderThan:now:)`` removed.
public struct ObjectCacheClearing: Sendable, Hashable {
    /// Files removed from disk.
    public let filesRemoved: Int
    /// Entries removed: the files plus footers held in memory.
    public let entriesRemoved: Int
    /// Bytes freed on disk.
    public let bytesFreed: Int64
}
