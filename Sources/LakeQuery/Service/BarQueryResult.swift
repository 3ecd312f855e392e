import LakeCore

/// The answer to a ``BarQuery``: one page of bars, which of them are closed, and where the
/// next page starts when the limit cut the result.
public struct BarQueryResult: Sendable {
    /// What was read to produce the bars.
    public let plan: QueryPlan
    /// The bars of this page, ascending by start time.
    public let bars: BarBatch
    /// Bucket end of each bar.
    public let bucketEnds: [Int64]
    /// Bars `0..<closedCount` are closed; later ones (at most the last, in practice) are still forming.
    public let closedCount: Int
    /// When the limit cut the result: the start time of the first bar not returned, to be sent
    /// as the next request's start. Nil when this page holds everything.
    public let nextStart: Int64?
    /// Whether every object was read from the service's object cache (seed 000's `cached`).
    public var servedFromCache = false

    /// A page from its parts.
    public init(plan: QueryPlan, bars: BarBatch, bucketEnds: [Int64], closedCount: Int, nextStart: Int64?) {
        self.plan = plan
        self.bars = bars
        self.bucketEnds = bucketEnds
        self.closedCount = closedCount
        self.nextStart = nextStart
    }

    /// Whether bar `index` is closed.
    public func isClosed(_ index: Int) -> Bool { index < closedCount }

    /// Whether a limit cut this result (then ``nextStart`` says where to continue).
    public var isTruncated: Bool { nextStart != nil }
}
