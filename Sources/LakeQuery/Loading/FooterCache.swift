import LakeFormats

/// Opened footers of objects that are read by ranges (too large to download whole), so that
/// a repeated query fetches only column chunks, not the footer again. Bounded by count —
/// footers are kilobytes — and evicting the least recently used. Kept by ``ObjectCache``
/// under its lock, keyed like its disk entries (object key plus ETag).
struct FooterCache: Sendable {
    struct Entry: Sendable {
        let reader: ParquetFileReader
        let objectKey: String
        let symbol: String
        /// When the footer was read (seconds since 1970).
        let openedAt: Double
        var lastUse: UInt64
    }

    /// Most footers kept.
    let capacity: Int
    private(set) var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "footer cache capacity must be positive")
        self.capacity = capacity
    }

    /// The reader of `entryKey`, marked as just used.
    mutating func reader(_ entryKey: String) -> ParquetFileReader? {
        guard entries[entryKey] != nil else { return nil }
        clock += 1
        entries[entryKey]!.lastUse = clock
        return entries[entryKey]!.reader
    }

    /// Keeps `reader`; returns how many footers were evicted to stay within ``capacity``.
    mutating func insert(_ reader: ParquetFileReader, entryKey: String, objectKey: String, now: Double) -> Int {
        clock += 1
        entries[entryKey] = Entry(reader: reader, objectKey: objectKey,
                                  symbol: ObjectCacheIndex.segments(of: objectKey)["symbol"] ?? "?", openedAt: now, lastUse: clock)
        guard entries.count > capacity else { return 0 }
        // Down to 90 % of the capacity, so that one sort pays for many inserts.
        let victims = entries.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(entries.count - capacity * 9 / 10)
        for (key, _) in victims { entries[key] = nil }
        return victims.count
    }

    /// Removes the footers of `objectKeys`; returns how many.
    mutating func remove(objects objectKeys: Set<String>) -> Int {
        remove { objectKeys.contains($0.objectKey) }
    }

    /// Removes footers of `symbol` (any when nil) read at or before `before` (any when nil).
    mutating func remove(symbol: String?, before: Double?) -> Int {
        remove { entry in (symbol.map { entry.symbol == $0 } ?? true) && (before.map { entry.openedAt <= $0 } ?? true) }
    }

    private mutating func remove(where doomed: (Entry) -> Bool) -> Int {
        let keys = entries.filter { doomed($0.value) }.map(\.key)
        for key in keys { entries[key] = nil }
        return keys.count
    }
}
