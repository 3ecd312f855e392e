import LakeCore

/// Which partitions a compaction run takes: those with at least ``minimumParts`` indexed
/// objects, narrowed by timeframe, exchange, symbol, a time range, and optionally only
/// partitions that ended before a time (closed days, for the background compactor).
public struct CompactionSelection: Hashable, Sendable {
    /// Only this timeframe (all when nil).
    public var timeframe: Timeframe?
    /// Only this exchange (all when nil).
    public var exchange: String?
    /// Only this symbol (all when nil).
    public var symbol: String?
    /// Only partitions holding rows in this range (epoch ms; all when nil).
    public var range: Range<Int64>?
    /// Partitions with fewer indexed objects are left alone. At least 2.
    public var minimumParts: Int
    /// Only partitions whose time range ended at or before this time (epoch ms), when set.
    public var closedBefore: Int64?

    /// A selection; by default every partition with two or more objects.
    public init(timeframe: Timeframe? = nil, exchange: String? = nil, symbol: String? = nil, range: Range<Int64>? = nil,
                minimumParts: Int = 2, closedBefore: Int64? = nil) {
        self.timeframe = timeframe
        self.exchange = exchange
        self.symbol = symbol
        self.range = range
        self.minimumParts = max(2, minimumParts)
        self.closedBefore = closedBefore
    }
}
