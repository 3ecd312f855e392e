/// The bar buckets of one timeframe, precomputed so that assigning a row to its bucket costs
/// arithmetic (N-minute bars) or a comparison (calendar bars), never a `Calendar` call.
///
/// Buckets are half-open `start..<end` ranges of epoch milliseconds, labelled by their start.
/// Minute bars cover all time; calendar bars (day, week, month) cover the range they were
/// built for by ``ExchangeCalendar/boundaries(for:covering:)`` and answer `nil` outside it.
public struct BucketBoundaries: Sendable {
    /// The timeframe these buckets belong to.
    public let timeframe: Timeframe
    /// Bucket width in milliseconds for epoch-aligned minute bars; 0 for calendar bars.
    @usableFromInline let width: Int64
    /// Ascending bucket starts for calendar bars; the last element is the end of the last bucket.
    @usableFromInline let starts: [Int64]

    init(timeframe: Timeframe, width: Int64) {
        precondition(width > 0, "bucket width must be positive")
        self.timeframe = timeframe
        self.width = width
        self.starts = []
    }

    init(timeframe: Timeframe, starts: [Int64]) {
        precondition(starts.count >= 2, "calendar buckets need a start and an end")
        self.timeframe = timeframe
        self.width = 0
        self.starts = starts
    }

    /// The instants these buckets cover: everything for minute bars, otherwise from the first
    /// bucket's start to the last bucket's end.
    public var coveredRange: Range<Int64> {
        width > 0 ? Int64.min..<Int64.max : starts[0]..<starts[starts.count - 1]
    }

    /// The bucket holding `time`, or `nil` when `time` lies outside ``coveredRange``.
    /// Binary search; for ascending input a ``BucketCursor`` is faster.
    @inlinable
    public func bucket(containing time: Int64) -> Range<Int64>? {
        if width > 0 { return Self.fixedBucket(containing: time, width: width) }
        guard let index = index(containing: time) else { return nil }
        return starts[index]..<starts[index + 1]
    }

    /// The start of every bucket that overlaps `range`, in order (for filling empty bars).
    public func bucketStarts(overlapping range: Range<Int64>) -> [Int64] {
        guard !range.isEmpty, let first = bucket(containing: range.lowerBound) else { return [] }
        var result: [Int64] = []
        var current: Range<Int64>? = first
        while let bucket = current, bucket.lowerBound < range.upperBound {
            result.append(bucket.lowerBound)
            current = self.bucket(containing: bucket.upperBound)
        }
        return result
    }

    /// A cursor for walking rows in (mostly) ascending time order.
    public func makeCursor() -> BucketCursor {
        BucketCursor(boundaries: self)
    }

    /// The floor-aligned bucket of `width` holding `time`; correct for negative times, where
    /// plain integer division would round towards zero into the wrong bucket.
    @inlinable
    static func fixedBucket(containing time: Int64, width: Int64) -> Range<Int64> {
        let start = time.flooredDivision(by: width) * width
        return start..<(start + width)
    }

    /// Index `i` with `starts[i] <= time < starts[i + 1]`, by binary search.
    @usableFromInline
    func index(containing time: Int64) -> Int? {
        guard time >= starts[0], time < starts[starts.count - 1] else { return nil }
        var low = 0
        var high = starts.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= time { low = middle } else { high = middle }
        }
        return low
    }
}

/// Assigns rows to buckets in amortised constant time when times arrive in ascending order
/// (the normal case for sorted bars and trades); out-of-order times still answer correctly,
/// by binary search.
public struct BucketCursor: Sendable {
    @usableFromInline let boundaries: BucketBoundaries
    @usableFromInline var current: Range<Int64>
    @usableFromInline var index: Int

    init(boundaries: BucketBoundaries) {
        self.boundaries = boundaries
        self.current = 0..<0
        self.index = -1
    }

    /// The bucket holding `time`, or `nil` outside the boundaries' covered range.
    @inlinable
    public mutating func bucket(containing time: Int64) -> Range<Int64>? {
        if current.contains(time) { return current }
        if boundaries.width > 0 {
            current = BucketBoundaries.fixedBucket(containing: time, width: boundaries.width)
            return current
        }
        let starts = boundaries.starts
        // The next bucket or two is the common case; otherwise search.
        if index >= 0, index + 2 < starts.count, time >= starts[index + 1], time < starts[index + 2] {
            index += 1
        } else if let found = boundaries.index(containing: time) {
            index = found
        } else {
            return nil
        }
        current = starts[index]..<starts[index + 1]
        return current
    }
}
