/// One partition directory and how many objects it holds, as ``Catalog/crowdedPartitions(minimumObjects:timeframe:exchange:symbol:overlapping:)``
/// reports them: where compaction has work to do.
public struct PartitionSummary: Hashable, Sendable {
    /// The directory: the objects' common key prefix, ending in `/`.
    public let directory: String
    /// Objects indexed in it.
    public let objects: Int
}
