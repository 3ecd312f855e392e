import Foundation
import LakeCore
import LakeTestSupport
import Testing

@Suite struct ExchangeCalendarTests {
    /// N-minute bars on the UTC-epoch grid, including times before 1970.
    @Test(arguments: [
        (Int64(0), 5, Int64(0)), (299_999, 5, 0), (300_000, 5, 300_000),
        (-1, 5, -300_000), (-300_000, 5, -300_000), (-300_001, 5, -600_000),
        (1_735_689_312_345, 173, 1_735_681_320_000), (-1, 1, -60_000), (utc("2024-03-10T07:30:00Z"), 60, utc("2024-03-10T07:00:00Z")),
    ])
    func minuteBucketsAlignToTheEpoch(time: Int64, minutes: Int, start: Int64) throws {
        let bucket = try ExchangeCalendar.utc.bucket(containing: time, timeframe: Timeframe(minutes: minutes))
        #expect(bucket == start..<(start + Int64(minutes) * 60_000))
    }

    /// (zone, timeframe, instant, expected bucket start, expected bucket end)
    @Test(arguments: [
        // US DST starts 2024-03-10: a 23-hour day.
        ("America/New_York", "1d", "2024-03-10T12:00:00Z", "2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z"),
        ("America/New_York", "1d", "2024-03-10T04:59:59.999Z", "2024-03-09T05:00:00Z", "2024-03-10T05:00:00Z"),
        // US DST ends 2024-11-03: a 25-hour day.
        ("America/New_York", "1d", "2024-11-03T23:00:00Z", "2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z"),
        ("America/New_York", "1d", "2024-11-04T04:30:00Z", "2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z"),
        // Local days differ from UTC days.
        ("Asia/Kolkata", "1d", "2024-02-29T18:29:59.999Z", "2024-02-28T18:30:00Z", "2024-02-29T18:30:00Z"),
        ("Asia/Kolkata", "1d", "2024-02-29T18:30:00Z", "2024-02-29T18:30:00Z", "2024-03-01T18:30:00Z"),
        // Leap day inside the month; month and year boundaries in local time.
        ("Asia/Kolkata", "1mo", "2024-02-29T18:29:59.999Z", "2024-01-31T18:30:00Z", "2024-02-29T18:30:00Z"),
        ("UTC", "1mo", "2024-02-29T12:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"),
        ("America/New_York", "1mo", "2024-12-31T23:30:00Z", "2024-12-01T05:00:00Z", "2025-01-01T05:00:00Z"),
        ("America/New_York", "1mo", "2025-01-01T05:00:00Z", "2025-01-01T05:00:00Z", "2025-02-01T05:00:00Z"),
        ("America/New_York", "1mo", "2024-03-15T12:00:00Z", "2024-03-01T05:00:00Z", "2024-04-01T04:00:00Z"),
        // ISO weeks start on Monday, also across year ends (2021-01-01 is in 2020-W53).
        ("UTC", "1w", "2021-01-01T12:00:00Z", "2020-12-28T00:00:00Z", "2021-01-04T00:00:00Z"),
        ("UTC", "1w", "2024-12-31T00:00:00Z", "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z"),
        ("UTC", "1w", "2026-01-01T00:00:00Z", "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z"),
        ("UTC", "1w", "2024-01-07T23:59:59.999Z", "2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z"),
        ("UTC", "1w", "2024-01-08T00:00:00Z", "2024-01-08T00:00:00Z", "2024-01-15T00:00:00Z"),
        // Sunday night in New York is Monday in UTC; the week spans the DST change (167 h).
        ("America/New_York", "1w", "2024-03-11T03:00:00Z", "2024-03-04T05:00:00Z", "2024-03-11T04:00:00Z"),
        // Before 1970.
        ("UTC", "1d", "1969-12-31T23:59:59.999Z", "1969-12-31T00:00:00Z", "1970-01-01T00:00:00Z"),
        ("UTC", "1mo", "1969-12-31T23:59:59.999Z", "1969-12-01T00:00:00Z", "1970-01-01T00:00:00Z"),
        ("America/New_York", "1d", "1969-12-31T23:59:59.999Z", "1969-12-31T05:00:00Z", "1970-01-01T05:00:00Z"),
        // Sao Paulo skipped midnight on 2018-11-04: that day began at 01:00 local (03:00Z).
        ("America/Sao_Paulo", "1d", "2018-11-04T12:00:00Z", "2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z"),
        ("America/Sao_Paulo", "1d", "2018-11-04T02:59:59.999Z", "2018-11-03T03:00:00Z", "2018-11-04T03:00:00Z"),
    ])
    func calendarBucketsFollowLocalTime(zone: String, timeframe: String, instant: String, start: String, end: String) throws {
        let bucket = try calendar(zone).bucket(containing: utc(instant), timeframe: Timeframe(parsing: timeframe))
        #expect(bucket == utc(start)..<utc(end))
    }

    @Test func dailyBoundariesAcrossBothUSChanges() throws {
        let days = try calendar("America/New_York").boundaries(for: .day, covering: utc("2024-03-09T12:00:00Z")..<utc("2024-03-11T12:00:00Z"))
        let starts = days.bucketStarts(overlapping: utc("2024-03-09T12:00:00Z")..<utc("2024-03-11T12:00:00Z"))
        #expect(starts == ["2024-03-09T05:00:00Z", "2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z"].map(utc))
        let autumn = try calendar("America/New_York").boundaries(for: .day, covering: utc("2024-11-02T12:00:00Z")..<utc("2024-11-05T00:00:00Z"))
        let hours = autumn.bucketStarts(overlapping: autumn.coveredRange).map { autumn.bucket(containing: $0)!.count / 3_600_000 }
        #expect(hours == [24, 25, 24])
    }

    /// The per-zone memo answers the same before and after it is extended in both directions.
    @Test(arguments: ["1d", "1w", "1mo"])
    func memoisedBoundariesDoNotDependOnEarlierRequests(timeframe: String) throws {
        let london = calendar("Europe/London")
        let kind = try Timeframe(parsing: timeframe)
        let march = utc("2021-03-20T00:00:00Z")..<utc("2021-04-10T00:00:00Z")
        let before = try london.boundaries(for: kind, covering: march).bucketStarts(overlapping: march)
        _ = try london.boundaries(for: kind, covering: utc("1995-06-01T00:00:00Z")..<utc("1995-07-01T00:00:00Z"))
        _ = try london.boundaries(for: kind, covering: utc("2030-10-01T00:00:00Z")..<utc("2030-11-01T00:00:00Z"))
        let after = try london.boundaries(for: kind, covering: march)
        #expect(after.bucketStarts(overlapping: march) == before)
        #expect(after.coveredRange.lowerBound <= march.lowerBound && after.coveredRange.upperBound >= march.upperBound)
        #expect(try london.bucket(containing: utc("1995-06-15T12:00:00Z"), timeframe: kind).contains(utc("1995-06-15T12:00:00Z")))
    }

    @Test func calendarBoundariesAnswerNilOutsideTheirRange() throws {
        let range = utc("2024-01-10T00:00:00Z")..<utc("2024-01-12T00:00:00Z")
        let days = try ExchangeCalendar.utc.boundaries(for: .day, covering: range)
        #expect(days.coveredRange == range)
        #expect(days.bucketStarts(overlapping: days.coveredRange) == [range.lowerBound, range.lowerBound + 86_400_000])
        #expect(days.bucket(containing: range.upperBound) == nil)
        #expect(days.bucket(containing: range.lowerBound - 1) == nil)
        var cursor = days.makeCursor()
        #expect(cursor.bucket(containing: range.upperBound + 86_400_000) == nil)
    }

    /// The cursor agrees with binary search on ascending and shuffled input, for every kind.
    @Test(arguments: ["1d", "1w", "1mo", "173m"])
    func cursorMatchesBinarySearch(timeframe: String) throws {
        let range = utc("2019-06-01T00:00:00Z")..<utc("2025-06-01T00:00:00Z")
        let boundaries = try calendar("America/New_York").boundaries(for: Timeframe(parsing: timeframe), covering: range)
        var generator = SplitMix64(seed: 42)
        var times = (0..<50_000).map { _ in range.lowerBound + Int64(generator.next() % UInt64(range.count)) }
        var shuffledCursor = boundaries.makeCursor()
        for time in times { #expect(shuffledCursor.bucket(containing: time) == boundaries.bucket(containing: time)) }
        times.sort()
        var cursor = boundaries.makeCursor()
        var mismatches = 0
        for time in times where cursor.bucket(containing: time) != boundaries.bucket(containing: time) { mismatches += 1 }
        #expect(mismatches == 0)
    }

    @Test func bucketsAMillionMinuteBarsWithoutCalendarCalls() throws {
        let start = utc("2024-01-01T00:00:00Z")
        let count = 1_000_000
        let clock = ContinuousClock()
        var labels = 0
        let elapsed = try clock.measure {
            let boundaries = try calendar("Asia/Kolkata").boundaries(for: .day, covering: start..<(start + Int64(count) * 60_000))
            var cursor = boundaries.makeCursor()
            var previous = Int64.min
            for minute in 0..<count {
                let label = cursor.bucket(containing: start + Int64(minute) * 60_000)!.lowerBound
                if label != previous { labels += 1; previous = label }
            }
        }
        print("bucketed \(count) minute bars into \(labels) Kolkata days in \(elapsed)")
        #expect(labels == 695)
    }

    @Test func utcOffsetsAndResampleChecks() {
        let year = utc("2024-01-01T00:00:00Z")..<utc("2025-01-01T00:00:00Z")
        let summer = utc("2024-06-01T00:00:00Z")..<utc("2024-07-01T00:00:00Z")
        #expect(calendar("America/New_York").utcOffsetsMinutes(over: year) == [-300, -240])
        #expect(calendar("America/New_York").utcOffsetsMinutes(over: summer) == [-240])
        #expect(calendar("Asia/Kolkata").utcOffsetsMinutes(over: year) == [330])
        #expect(calendar("America/New_York").canResample(.oneHour, into: .day, over: year))
        #expect(!calendar("Asia/Kolkata").canResample(.oneHour, into: .day, over: year))
        #expect(calendar("Asia/Kolkata").canResample(Timeframe(.minutes(30)), into: .month, over: year))
        // Summer midnight in New York is 04:00Z, on the 4-hour grid; winter's 05:00Z is not.
        #expect(calendar("America/New_York").canResample(Timeframe(.minutes(240)), into: .week, over: summer))
        #expect(!calendar("America/New_York").canResample(Timeframe(.minutes(240)), into: .week, over: year))
    }

    @Test func refusesTradesFarTimesAndHugeRanges() {
        #expect(throws: BucketingError.notABarTimeframe) { try ExchangeCalendar.utc.bucket(containing: 0, timeframe: .trades) }
        #expect(throws: BucketingError.timeOutOfRange(Int64.min)) { try ExchangeCalendar.utc.bucket(containing: .min, timeframe: .oneMinute) }
        #expect(throws: BucketingError.rangeTooLarge) {
            try ExchangeCalendar.utc.boundaries(for: .day, covering: ExchangeCalendar.earliestTime..<ExchangeCalendar.latestTime)
        }
    }
}
