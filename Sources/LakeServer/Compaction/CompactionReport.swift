/// The totals of a compaction run over several partitions, as `POST /api/v1/admin/compact`
/// answers them and `candlelake catalog compact` prints them.
public struct CompactionReport: Encodable, Sendable {
    /// A partition left alone, and why.
    public struct Skip: Encodable, Sendable {
        /// The partition directory.
        public let directory: String
        /// Why it was not compacted.
        public let reason: String
    }

    /// Partitions selected.
    public let partitions: Int
    /// Objects indexed in the compacted partitions before, and after.
    public let objectsBefore, objectsAfter: Int
    /// Rows written into compacted objects.
    public let rows: Int64
    /// Bytes of the parts replaced, and of the objects written.
    public let bytesBefore, bytesAfter: Int64
    /// How long the run took (ms).
    public let durationMS: Int64
    /// Each compacted partition.
    public let compacted: [CompactionOutcome.Result]
    /// Each partition left alone.
    public let skipped: [Skip]

    enum CodingKeys: String, CodingKey {
        case partitions, objectsBefore = "objects_before", objectsAfter = "objects_after", rows, bytesBefore = "bytes_before"
        case bytesAfter = "bytes_after", durationMS = "duration_ms", compacted, skipped
    }

    /// The totals of `outcomes`, which took `durationMS`.
    public init(_ outcomes: [CompactionOutcome], durationMS: Int64) {
        var compacted: [CompactionOutcome.Result] = []
        var skipped: [Skip] = []
        for outcome in outcomes {
            switch outcome {
            case .compacted(let result): compacted.append(result)
            case .skipped(let directory, let reason): skipped.append(Skip(directory: directory, reason: reason))
            }
        }
        self.partitions = outcomes.count
        self.objectsBefore = compacted.reduce(0) { $0 + $1.objectsBefore }
        self.objectsAfter = compacted.reduce(0) { $0 + $1.objectsAfter }
        self.rows = compacted.reduce(0) { $0 + $1.rows }
        self.bytesBefore = compacted.reduce(0) { $0 + $1.bytesBefore }
        self.bytesAfter = compacted.reduce(0) { $0 + $1.bytesAfter }
        self.durationMS = durationMS
        self.compacted = compacted
        self.skipped = skipped
    }

    /// One line for people: "3 partitions, 2 compacted: 2,001 → 2 objects, …".
    public var summary: String {
        "\(partitions) partitions, \(compacted.count) compacted: \(objectsBefore) → \(objectsAfter) objects, \(rows) rows, "
            + "\(bytesBefore) → \(bytesAfter) bytes, \(skipped.count) skipped, \(durationMS) ms"
    }
}
