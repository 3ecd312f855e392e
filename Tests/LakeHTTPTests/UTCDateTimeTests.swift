import Glibc
@testable import LakeHTTP
import Testing

/// The arithmetic UTC calendar against glibc's `gmtime_r`, which it replaces on hot paths.
@Suite struct UTCDateTimeTests {
    @Test(arguments: [
        (0, UTCDateTime(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 4)),
        (-1, UTCDateTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, weekday: 3)),
        (951_782_400, UTCDateTime(year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0, weekday: 2)),
        (4_107_456_000, UTCDateTime(year: 2100, month: 2, day: 28, hour: 0, minute: 0, second: 0, weekday: 0)),
        (4_107_542_400, UTCDateTime(year: 2100, month: 3, day: 1, hour: 0, minute: 0, second: 0, weekday: 1)),
        (253_402_300_799, UTCDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, weekday: 5)),
        (-62_135_596_800, UTCDateTime(year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 1)),
    ] as [(Int, UTCDateTime)])
    func knownInstants(seconds: Int, expected: UTCDateTime) {
        #expect(UTCDateTime(secondsSinceEpoch: seconds) == expected)
    }

    /// Every day from 1600 to 2500 (leap rules of all three kinds), at a time of day that
    /// moves through the day, agrees with `gmtime_r`.
    @Test func agreesWithGmtimeOverNineCenturies() {
        var mismatches: [Int] = []
        var seconds = -11_676_096_000  // 1600-01-01
        var offset = 0
        while seconds < 16_725_225_600 {  // 2500-01-01
            let instant = seconds + offset
            if UTCDateTime(secondsSinceEpoch: instant) != Self.gmtime(instant) { mismatches.append(instant) }
            seconds += 86_400
            offset = (offset + 7_919) % 86_400
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
    }

    /// The `Date` header's IMF-fixdate (RFC 9110 §5.6.7), built from the same arithmetic.
    @Test(arguments: [
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"), (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (951_868_799, "Tue, 29 Feb 2000 23:59:59 GMT"), (1_795_392_000, "Mon, 23 Nov 2026 00:00:00 GMT"),
    ])
    func httpDate(seconds: Int, expected: String) {
        #expect(HTTPDateCache.format(time_t(seconds)) == expected)
    }

    private static func gmtime(_ seconds: Int) -> UTCDateTime {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        return UTCDateTime(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday), hour: Int(parts.tm_hour),
                           minute: Int(parts.tm_min), second: Int(parts.tm_sec), weekday: Int(parts.tm_wday))
    }
}
