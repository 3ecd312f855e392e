import LakeCore

/// One object as a store listing reports it. The storage layer's own listing type is
/// adapted to this, so the catalog does not depend on the storage module.
public struct ListedObject: Hashable, Sendable {
    /// The full key, including the base prefix.
    public let key: String
    /// Size in bytes.
    public let size: Int64
    /// The ETag without surrounding quotes (S3 sends `"abc"`; both forms compare equal here).
    public let etag: String
    /// Last-modified time (epoch ms).
    public let lastModified: Int64

    /// A listed object; surrounding double quotes are stripped from `etag`.
    public init(key: String, size: Int64, etag: String, lastModified: Int64) {
        self.key = key
        self.size = size
        self.etag = etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"") ? String(etag.dropFirst().dropLast()) : etag
        self.lastModified = lastModified
    }
}

/// What metadata extraction (Parquet footer statistics, a CSV scan) learns about an object.
public struct ObjectMetadata: Hashable, Sendable {
    /// Number of data rows.
    public let rowCount: Int64
    /// The first and last row time (epoch ms), or `nil` for an object without rows, which the
    /// catalog then records as covering its whole partition.
    public let timeRange: ClosedRange<Int64>?
    /// What a compacted object's footer says it replaced; nil for an ordinary part.
    public let lineage: CompactionLineage?

    /// Metadata of `rowCount` rows spanning `timeRange`, of a compacted object when `lineage`
    /// is given.
    public init(rowCount: Int64, timeRange: ClosedRange<Int64>?, lineage: CompactionLineage? = nil) {
        self.rowCount = rowCount
        self.timeRange = timeRange
        self.lineage = lineage
    }
}

/// An object a sync passed over, and why.
public struct SkippedObject: Hashable, Sendable {
    /// The object's key.
    public let key: String
    /// Why it was not indexed.
    public let reason: String
}
