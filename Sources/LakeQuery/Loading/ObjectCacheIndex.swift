import Foundation

/// The in-memory index of the on-disk ``ObjectCache``: one entry per cached object version,
/// its size and access times, and the byte total the cache's bound is checked against.
///
/// A value without I/O, so that every rule (least-recently-used eviction down to a low-water
/// mark, which entries a clear or an invalidation selects) is testable alone; ``ObjectCache``
/// mutates it under its lock and removes the files of the entries it gives up.
struct ObjectCacheIndex: Sendable {
    /// One cached object version.
    struct Entry: Sendable, Hashable {
        /// The file's path relative to the cache directory: the object key plus its ETag.
        let entryKey: String
        /// The lake object's key.
        let objectKey: String
        /// The `symbol=` and `timeframe=` segments of the key ("?" when absent).
        let symbol: String
        let timeframe: String
        /// Bytes on disk.
        let size: Int64
        /// When the object was downloaded (seconds since 1970).
        let cachedAt: Double
        /// When a query last read it (seconds since 1970).
        var lastAccess: Double
        /// Queries answered from this entry.
        var hits: Int

        /// An entry for `entryKey` (see ``ObjectCacheIndex/entryKey(objectKey:etag:)``).
        init(entryKey: String, objectKey: String, size: Int64, cachedAt: Double) {
            let segments = ObjectCacheIndex.segments(of: objectKey)
            self.entryKey = entryKey
            self.objectKey = objectKey
            symbol = segments["symbol"] ?? "?"
            timeframe = segments["timeframe"] ?? "?"
            self.size = size
            self.cachedAt = cachedAt
            lastAccess = cachedAt
            hits = 0
        }
    }

    /// Entries by entry key.
    private(set) var entries: [String: Entry] = [:]
    /// Their bytes.
    private(set) var totalBytes: Int64 = 0

    /// Adds `entry`, replacing one with the same entry key.
    mutating func insert(_ entry: Entry) {
        remove(entry.entryKey)
        entries[entry.entryKey] = entry
        totalBytes += entry.size
    }

    /// Removes and returns the entry at `entryKey`.
    @discardableResult
    mutating func remove(_ entryKey: String) -> Entry? {
        guard let entry = entries.removeValue(forKey: entryKey) else { return nil }
        totalBytes -= entry.size
        return entry
    }

    /// Records a read of `entryKey` at `time`.
    mutating func touch(_ entryKey: String, at time: Double) {
        entries[entryKey]?.lastAccess = time
        entries[entryKey]?.hits += 1
    }

    /// The least recently read entries whose removal brings the total to at most `target`
    /// bytes, never `keeping` (the entry just added). Evicting down to a low-water mark rather
    /// than to the bound itself sorts once per batch of evictions, not once per insert.
    func victims(toReach target: Int64, keeping: String?) -> [String] {
        guard totalBytes > target else { return [] }
        var excess = totalBytes - target
        var chosen: [String] = []
        for entry in entries.values.sorted(by: { ($0.lastAccess, $0.entryKey) < ($1.lastAccess, $1.entryKey) })
        where entry.entryKey != keeping {
            if excess <= 0 { break }
            chosen.append(entry.entryKey)
            excess -= entry.size
        }
        return chosen
    }

    /// Entries of any of `objectKeys` (every cached version of those objects).
    func entries(ofObjects objectKeys: Set<String>) -> [String] {
        entries.values.filter { objectKeys.contains($0.objectKey) }.map(\.entryKey)
    }

    /// Entries of `symbol` (any when nil) cached at or before `cachedBefore` (any time when nil).
    func entries(symbol: String?, cachedBefore: Double?) -> [String] {
        entries.values.filter { entry in
            (symbol.map { entry.symbol == $0 } ?? true) && (cachedBefore.map { entry.cachedAt <= $0 } ?? true)
        }.map(\.entryKey)
    }

    /// The file name of `objectKey` at version `etag`: lake objects are immutable, so a key
    /// and ETag always name the same bytes, and a rewritten object gets a new entry.
    static func entryKey(objectKey: String, etag: String) -> String {
        let kept = etag.unicodeScalars.filter(isKeptInETag)
        return objectKey + etagMarker + String(String.UnicodeScalarView(kept.prefix(64)))
    }

    /// The file name of `length` bytes from `offset` of `objectKey` at version `etag` (a
    /// column chunk range of an object too large to download whole).
    static func rangeEntryKey(objectKey: String, etag: String, offset: Int, length: Int) -> String {
        entryKey(objectKey: objectKey, etag: etag) + rangeMarker + "\(offset)-\(length)"
    }

    /// The object key of a cache file's relative path, nil for files that are not entries
    /// (temporary files of an interrupted write, whose names add a suffix to an entry's).
    static func objectKey(ofEntry entryKey: String) -> String? {
        var name = Substring(entryKey)
        if let marker = name.range(of: rangeMarker, options: .backwards) {
            let bounds = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }) else { return nil }
            name = name[..<marker.lowerBound]
        }
        guard let marker = name.range(of: etagMarker, options: .backwards), !name[..<marker.lowerBound].isEmpty,
              name[marker.upperBound...].unicodeScalars.allSatisfy(isKeptInETag) else { return nil }
        return String(name[..<marker.lowerBound])
    }

    private static func isKeptInETag(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static let etagMarker = ".etag-"
    private static let rangeMarker = ".range-"

    /// The `name=value` directory segments of a key.
    static func segments(of key: String) -> [String: String] {
        var result: [String: String] = [:]
        for segment in key.split(separator: "/").dropLast() {
            guard let equals = segment.firstIndex(of: "=") else { continue }
            result[String(segment[..<equals])] = String(segment[segment.index(after: equals)...])
        }
        return result
    }
}
