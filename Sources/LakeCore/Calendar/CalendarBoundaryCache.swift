import Synchronization

/// Process-wide memo of calendar bucket starts, per time zone and kind (day, week, month).
///
/// Local midnights come from Foundation's `Calendar` at a few microseconds each, so ten years
/// of daily bars cost milliseconds to delimit — on every query. Each (zone, kind) keeps one
/// contiguous, ascending run of starts; a request inside it is a binary search and a copy,
/// a request beyond it recomputes the union once. Runs are capped at
/// ``ExchangeCalendar/maximumListedBuckets`` starts (about 550 years of days), so memory
/// stays bounded by the number of zones in use.
final class CalendarBoundaryCache: Sendable {
    static let shared = CalendarBoundaryCache()

    private struct Key: Hashable {
        let zone: String
        let kind: Timeframe.Kind
    }

    private let runs = Mutex<[Key: [Int64]]>([:])

    /// Starts covering every instant in `first...last`: the first at or before `first`, the
    /// last after `last`. `compute(from, through)` lists starts with that same contract.
    func starts(zone: String, kind: Timeframe.Kind, first: Int64, last: Int64,
                compute: (Int64, Int64) throws(BucketingError) -> [Int64]) throws(BucketingError) -> [Int64] {
        let key = Key(zone: zone, kind: kind)
        return try runs.withLock { runs throws(BucketingError) -> [Int64] in
            if let run = runs[key], let slice = Self.slice(run, first: first, last: last) {
                return slice
            }
            var from = first
            var through = last
            if let run = runs[key], run.count > 1 {
                from = min(first, run[0])
                through = max(last, run[run.count - 1] - 1)
            }
            // Extending the run would exceed the cap: serve this request alone, keep the run.
            guard let merged = try? compute(from, through), merged.count <= ExchangeCalendar.maximumListedBuckets else {
                return try compute(first, last)
            }
            runs[key] = merged
            return Self.slice(merged, first: first, last: last) ?? merged
        }
    }

    /// The part of `run` covering `first...last`, or `nil` when `run` does not cover it.
    private static func slice(_ run: [Int64], first: Int64, last: Int64) -> [Int64]? {
        guard run.count > 1, run[0] <= first, run[run.count - 1] > last else { return nil }
        let lower = lastIndex(in: run, atOrBefore: first)
        let upper = lastIndex(in: run, atOrBefore: last) + 1
        return Array(run[lower...upper])
    }

    /// The largest index whose start is `<= time` (the run's first start is `<= time`).
    private static func lastIndex(in run: [Int64], atOrBefore time: Int64) -> Int {
        var low = 0
        var high = run.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if run[middle] <= time { low = middle } else { high = middle }
        }
        return low
    }
}
