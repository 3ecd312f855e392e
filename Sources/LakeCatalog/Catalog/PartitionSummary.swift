/// One partition directory's totals, as ``Catalog/crowdedPartitions(minimumObjects:timeframe:exchange:symbol:overlapping:)``
/// reports them: where compaction has work to do.
public struct PartitionSummary: Hashable, Sendable {
    /// The directory: the objects' common key prefix, ending in `/`.
    public let directory: String
    /// Objects indexed in it.
    public let objects: Int
    /// Their total size in bytes.
    public let bytes: Int64
    /// Their total row count.
    public let rows: Int64
    /// The latest row time of any of them (epoch ms).
    public let lastRowTime: Int64
}
