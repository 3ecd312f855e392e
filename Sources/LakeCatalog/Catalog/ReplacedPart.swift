/// A part that a compacted object replaced: its rows live on in the compacted object, so a
/// listing that still shows it (a compaction interrupted before its delete step) must not
/// index it again.
public struct ReplacedPart: Hashable, Sendable {
    /// The part's key.
    public let key: String
    /// The compacted object holding its rows.
    public let compactedKey: String
    /// The compacted object's store last-modified time (epoch ms): a listed object under
    /// `key` newer than this was written again after the compaction and is new data.
    public let compactedLastModified: Int64

    /// A replaced part.
    public init(key: String, compactedKey: String, compactedLastModified: Int64) {
        self.key = key
        self.compactedKey = compactedKey
        self.compactedLastModified = compactedLastModified
    }

    /// Whether the listed `object` is this replaced part (not a later object of the same key).
    public func covers(_ object: ListedObject) -> Bool {
        object.key == key && object.lastModified <= compactedLastModified
    }
}
