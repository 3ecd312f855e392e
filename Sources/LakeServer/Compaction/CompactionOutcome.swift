/// What compacting one partition did.
public enum CompactionOutcome: Hashable, Sendable {
    /// The numbers of a compacted partition.
    public struct Result: Hashable, Sendable, Encodable {
        /// The partition directory.
        public let directory: String
        /// The compacted object's key.
        public let key: String
        /// Objects indexed in the partition before, and after.
        public let objectsBefore, objectsAfter: Int
        /// Rows in the compacted object.
        public let rows: Int64
        /// Bytes of the parts replaced, and of the compacted object.
        public let bytesBefore, bytesAfter: Int64
        /// Parts an earlier, interrupted compaction had replaced, deleted now.
        public let leftoversDeleted: Int

        enum CodingKeys: String, CodingKey {
            case directory, key, objectsBefore = "objects_before", objectsAfter = "objects_after", rows
            case bytesBefore = "bytes_before", bytesAfter = "bytes_after", leftoversDeleted = "leftovers_deleted"
        }
    }

    /// The partition was merged.
    case compacted(Result)
    /// The partition was left as it was, and why.
    case skipped(String, reason: String)

    /// The partition directory.
    public var directory: String {
        switch self {
        case .compacted(let result): result.directory
        case .skipped(let directory, _): directory
        }
    }
}
