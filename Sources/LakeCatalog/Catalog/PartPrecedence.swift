/// Where an object stands in "newest part wins", the rule readers use when several objects of
/// a partition hold the same bar time: the later store last-modified time wins, and at equal
/// times (S3 has one-second resolution) the greater key in byte order.
///
/// An ordinary part ranks as itself. A compacted object ranks as the newest part it replaced
/// (recorded in its footer and the catalog), not as the moment it was written: a part written
/// while the compaction ran is newer than every part the compaction read, so it must still
/// win over the compacted rows where both hold a bar time — exactly as it did over the parts.
public struct PartPrecedence: Comparable, Hashable, Sendable {
    /// Store last-modified time (epoch ms).
    public let lastModified: Int64
    /// The full object key, the tie-breaker.
    public let key: String

    /// A rank from a last-modified time and a key.
    public init(lastModified: Int64, key: String) {
        self.lastModified = lastModified
        self.key = key
    }

    /// Whether `lhs` is older: earlier last-modified, or the same and a smaller key.
    public static func < (lhs: PartPrecedence, rhs: PartPrecedence) -> Bool {
        (lhs.lastModified, lhs.key) < (rhs.lastModified, rhs.key)
    }
}
