import LakeCore

/// What the catalog knows about one lake object: where it is, what it holds, and the
/// store's fingerprint of it (size, ETag, last-modified) for change detection.
public struct ObjectRecord: Hashable, Sendable {
    /// The object's key in the store, exactly as listed (including the base prefix).
    public let key: String
    /// The parsed key: timeframe, exchange, symbol, UTC partition date, file format.
    public let partition: PartitionKey
    /// The earliest row time in the object (epoch ms).
    public let minTime: Int64
    /// The latest row time in the object (epoch ms, inclusive).
    public let maxTime: Int64
    /// Number of rows.
    public let rowCount: Int64
    /// Object size in bytes.
    public let size: Int64
    /// The store's ETag, without surrounding quotes.
    public let etag: String
    /// The store's last-modified time (epoch ms).
    public let lastModified: Int64
    /// When the catalog indexed this version of the object (epoch ms).
    public let indexedAt: Int64
    /// For a compacted object, the rank of the newest part it replaced; nil for a part, which
    /// ranks as itself (see ``PartPrecedence``).
    public let rankedAs: PartPrecedence?

    /// The object's place in "newest part wins".
    public var precedence: PartPrecedence { rankedAs ?? PartPrecedence(lastModified: lastModified, key: key) }

    /// A record, checked: counts non-negative, `minTime <= maxTime`, and both inside the
    /// partition's UTC range (a row outside its partition would make time lookups miss it).
    ///
    /// - Throws: ``CatalogError`` `.outsidePartition` or `.invalidArgument`.
    public init(key: String, partition: PartitionKey, minTime: Int64, maxTime: Int64, rowCount: Int64, size: Int64,
                etag: String, lastModified: Int64, indexedAt: Int64, rankedAs: PartPrecedence? = nil) throws(CatalogError) {
        guard rowCount >= 0, size >= 0 else {
            throw CatalogError(.invalidArgument, "row count and size of '\(key)' must not be negative")
        }
        guard minTime <= maxTime else {
            throw CatalogError(.invalidArgument, "time range of '\(key)' ends (\(maxTime)) before it starts (\(minTime))")
        }
        let range = partition.timeRange
        guard range.contains(minTime), range.contains(maxTime) else {
            throw CatalogError(.outsidePartition,
                               "rows of '\(key)' span \(minTime)...\(maxTime) ms, outside its partition \(range.lowerBound)..<\(range.upperBound) ms")
        }
        self.key = key
        self.partition = partition
        self.minTime = minTime
        self.maxTime = maxTime
        self.rowCount = rowCount
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.indexedAt = indexedAt
        self.rankedAs = rankedAs
    }

    /// The time range covered, as a half-open range of epoch ms.
    public var timeRange: Range<Int64> { minTime..<(maxTime + 1) }

    /// The columns ``init(row:)`` reads, in order.
    static let columns = """
        key, timeframe, exchange, symbol, year, month, day, file_name, min_time, max_time, row_count, size, etag, \
        last_modified, indexed_at, rank_modified, rank_key
        """

    /// A record from a row selected with ``columns``.
    init(row: SQLiteStatement) throws(CatalogError) {
        let key = row.string(at: 0)
        do {
            let partition = try PartitionKey(
                timeframe: Timeframe(parsing: row.string(at: 1)), exchange: row.string(at: 2), symbol: row.string(at: 3),
                year: Int(row.int64(at: 4)), month: row.optionalInt64(at: 5).map { Int($0) },
                day: row.optionalInt64(at: 6).map { Int($0) }, fileName: row.string(at: 7))
            try self.init(key: key, partition: partition, minTime: row.int64(at: 8), maxTime: row.int64(at: 9),
                          rowCount: row.int64(at: 10), size: row.int64(at: 11), etag: row.string(at: 12),
                          lastModified: row.int64(at: 13), indexedAt: row.int64(at: 14),
                          rankedAs: row.optionalInt64(at: 15).map { PartPrecedence(lastModified: $0, key: row.string(at: 16)) })
        } catch {
            throw CatalogError(.corruptRow, "catalog row for '\(key)' does not parse: \(error)")
        }
    }

    /// Binds the insert of ``Catalog`` (same order as ``columns`` plus `format`).
    func bindInsert(to statement: SQLiteStatement) throws {
        try statement.bind(key, partition.timeframe.canonical, partition.exchange, partition.symbol, partition.year,
                           partition.month, partition.day, partition.fileName, minTime, maxTime, rowCount, size, etag,
                           lastModified, indexedAt, rankedAs?.lastModified, rankedAs?.key, partition.format.rawValue)
    }
}
