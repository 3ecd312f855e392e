import Foundation

/// Bar bucketing for one exchange: N-minute bars on the UTC-epoch grid, and daily, ISO-weekly
/// and monthly bars at local midnight in the exchange's time zone, DST-safe.
///
/// Local days are found with Foundation's `Calendar`, which knows that a local day can last
/// 23 or 25 hours (or start at 01:00 where midnight is skipped). Those calls cost microseconds,
/// so hot loops must not make them per row: build ``BucketBoundaries`` for the whole range once
/// (``boundaries(for:covering:)``, itself memoised per zone and kind across calls) and walk it
/// with a ``BucketCursor``.
///
/// ```swift
/// let calendar = ExchangeCalendar(timeZone: TimeZone(identifier: "America/New_York")!)
/// var cursor = try calendar.boundaries(for: .day, covering: start..<end).makeCursor()
/// for bar in bars { let label = cursor.bucket(containing: bar.time)!.lowerBound … }
/// ```
public struct ExchangeCalendar: Sendable {
    /// The exchange's time zone.
    public let timeZone: TimeZone
    private let calendar: Calendar

    /// A calendar for bars in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// A calendar in UTC, where local days are UTC days.
    public static let utc = ExchangeCalendar(timeZone: TimeZone(identifier: "UTC") ?? .gmt)

    /// The earliest instant bucketing accepts: 0001-01-01T00:00:00Z, in epoch milliseconds.
    public static let earliestTime: Int64 = -62_135_596_800_000
    /// The latest instant bucketing accepts: 9999-12-31T23:59:59.999Z, in epoch milliseconds.
    public static let latestTime: Int64 = 253_402_300_799_999
    /// The most buckets one ``BucketBoundaries`` may list (about 550 years of days).
    public static let maximumListedBuckets = 200_000

    /// The bucket of `timeframe` that contains `time` (epoch ms), as `start..<end`. One-off
    /// use only: for calendar timeframes this consults Foundation's `Calendar`.
    public func bucket(containing time: Int64, timeframe: Timeframe) throws(BucketingError) -> Range<Int64> {
        try boundaries(for: timeframe, covering: time..<time).bucket(containing: time)!
    }

    /// The bucket starts of `timeframe` for every instant in `range` (epoch ms), computed
    /// once: the first listed start is at or before `range.lowerBound`, the last listed end at
    /// or after `range.upperBound`. An empty range covers the one bucket holding its bound.
    ///
    /// - Throws: ``BucketingError`` for trades, instants outside years 1–9999, or a range of
    ///   more than ``maximumListedBuckets`` calendar buckets.
    public func boundaries(for timeframe: Timeframe, covering range: Range<Int64>) throws(BucketingError) -> BucketBoundaries {
        for time in [range.lowerBound, range.upperBound] where !(Self.earliestTime...Self.latestTime).contains(time) {
            throw .timeOutOfRange(time)
        }
        switch timeframe.kind {
        case .trades:
            throw .notABarTimeframe
        case .minutes(let minutes):
            return BucketBoundaries(timeframe: timeframe, width: Int64(minutes) * 60_000)
        case .day, .week, .month:
            // Refuse from the length alone before asking Calendar for a single day: no local
            // period is shorter than its nominal length minus a few hours of DST shift.
            let shortest = timeframe.nominalMilliseconds - (timeframe.kind == .month ? 2 : 0) * 86_400_000 - 3 * 3_600_000
            guard (range.upperBound - range.lowerBound) / shortest < Int64(Self.maximumListedBuckets) else {
                throw .rangeTooLarge
            }
            let starts = try CalendarBoundaryCache.shared.starts(
                zone: timeZone.identifier, kind: timeframe.kind, first: range.lowerBound,
                last: max(range.upperBound - 1, range.lowerBound)
            ) { first, last throws(BucketingError) in try computeStarts(timeframe.kind, first: first, last: last) }
            return BucketBoundaries(timeframe: timeframe, starts: starts)
        }
    }

    /// Period starts from the one holding `first` to the first one after `last`, from Foundation.
    private func computeStarts(_ kind: Timeframe.Kind, first: Int64, last: Int64) throws(BucketingError) -> [Int64] {
        var starts = [periodStart(containing: first, kind: kind)]
        repeat {
            guard starts.count <= Self.maximumListedBuckets else { throw .rangeTooLarge }
            starts.append(nextPeriodStart(after: starts[starts.count - 1], kind: kind))
        } while starts[starts.count - 1] <= last
        return starts
    }

    /// Every UTC offset, in minutes east of UTC, that the time zone uses during `range`.
    public func utcOffsetsMinutes(over range: Range<Int64>) -> Set<Int> {
        var offsets: Set<Int> = [timeZone.secondsFromGMT(for: Self.date(range.lowerBound)) / 60]
        var cursor = Self.date(range.lowerBound)
        let end = Self.date(range.upperBound)
        while let transition = timeZone.nextDaylightSavingTimeTransition(after: cursor), transition < end {
            offsets.insert(timeZone.secondsFromGMT(for: transition) / 60)
            cursor = transition
        }
        return offsets
    }

    /// Whether `source` data aggregates exactly into `target` bars for instants in `range`
    /// (see ``Timeframe/canResample(into:localOffsetsMinutes:)`` for the rules).
    public func canResample(_ source: Timeframe, into target: Timeframe, over range: Range<Int64>) -> Bool {
        source.canResample(into: target, localOffsetsMinutes: utcOffsetsMinutes(over: range))
    }

    // MARK: - Local periods (Foundation calls; never per row)

    /// Local midnight (or the day's first instant) starting the day, ISO week or month of `time`.
    private func periodStart(containing time: Int64, kind: Timeframe.Kind) -> Int64 {
        let dayStart = calendar.startOfDay(for: Self.date(time))
        switch kind {
        case .week:
            // Gregorian weekday: 1 = Sunday … 7 = Saturday; ISO weeks start on Monday (2).
            let daysSinceMonday = (calendar.component(.weekday, from: dayStart) + 5) % 7
            return startOfDay(adding: .day, -daysSinceMonday, toDayStart: dayStart)
        case .month:
            let dayOfMonth = calendar.component(.day, from: dayStart)
            return startOfDay(adding: .day, 1 - dayOfMonth, toDayStart: dayStart)
        default:
            return Self.milliseconds(dayStart)
        }
    }

    /// The start of the period after the one starting at `start`.
    private func nextPeriodStart(after start: Int64, kind: Timeframe.Kind) -> Int64 {
        switch kind {
        case .week: return startOfDay(adding: .day, 7, toDayStart: Self.date(start))
        case .month: return startOfDay(adding: .month, 1, toDayStart: Self.date(start))
        default: return startOfDay(adding: .day, 1, toDayStart: Self.date(start))
        }
    }

    /// Steps from the middle of a local day, never from midnight itself, so that a skipped or
    /// repeated midnight cannot push the result into the neighbouring day.
    private func startOfDay(adding component: Calendar.Component, _ value: Int, toDayStart dayStart: Date) -> Int64 {
        let midday = dayStart.addingTimeInterval(12 * 3600)
        let moved = calendar.date(byAdding: component, value: value, to: midday) ?? midday
        return Self.milliseconds(calendar.startOfDay(for: moved))
    }

    private static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}

/// Why a bucket could not be computed.
public enum BucketingError: Error, Hashable, Sendable {
    /// Trades are not bars and have no buckets.
    case notABarTimeframe
    /// The instant (epoch ms) lies outside years 1–9999.
    case timeOutOfRange(Int64)
    /// The range holds more than ``ExchangeCalendar/maximumListedBuckets`` calendar buckets.
    case rangeTooLarge
}
