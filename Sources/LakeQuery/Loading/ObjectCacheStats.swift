/// A snapshot of the ``ObjectCache``: totals and the breakdowns of seed 000's `/api/v1/cache/stats`.
public struct ObjectCacheStats: Sendable, Hashable {
    /// Entries and bytes of one symbol or timeframe.
    public struct Group: Sendable, Hashable {
        /// The symbol or canonical timeframe.
        public let name: String
        /// Cached objects.
        public var entries: Int
        /// Their bytes.
        public var bytes: Int64

        mutating func add(_ size: Int64) {
            entries += 1
            bytes += size
        }
    }

    /// One cached object.
    public struct Entry: Sendable, Hashable {
        /// The cache entry's key (the object key plus its ETag).
        public let key: String
        /// The object's symbol.
        public let symbol: String
        /// The object's timeframe.
        public let timeframe: String
        /// Its size.
        public let bytes: Int64
        /// When it was cached (epoch ms).
        public let cachedAt: Int64
    }

    /// Cached objects.
    public let totalEntries: Int
    /// Their bytes.
    public let totalBytes: Int64
    /// Entries past the TTL (served no more; removed by a clear).
    public let expiredEntries: Int
    /// Lookups answered from disk since start-up.
    public let hits: Int
    /// Lookups that fetched from the store since start-up.
    public let misses: Int
    /// The symbols using the most bytes, largest first.
    public let topSymbols: [Group]
    /// Totals per timeframe, by name.
    public let byTimeframe: [Group]
    /// The most recently cached entries, newest first.
    public let recent: [Entry]
}

/// What ``ObjectCache/clear(symbol:olderThan:)`` removed.
public struct ObjectCacheClearing: Sendable, Hashable {
    /// Entries (files) removed.
    public let entriesRemoved: Int
    /// Bytes freed.
    public let bytesFreed: Int64
}
