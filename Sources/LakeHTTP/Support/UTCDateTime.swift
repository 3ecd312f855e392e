/// A UTC calendar date and time of day from seconds since the Unix epoch, by arithmetic
/// (the proleptic Gregorian calendar, days-to-civil conversion) instead of `gmtime_r`, which
/// takes glibc's time-zone lock on every call — a lock two event loops formatting timestamps
/// per request would contend for.
struct UTCDateTime: Equatable {
    /// The year (1970, 2026, …; years before 1 are not supported).
    let year: Int
    /// 1...12.
    let month: Int
    /// 1...31.
    let day: Int
    /// 0...23.
    let hour: Int
    /// 0...59.
    let minute: Int
    /// 0...59.
    let second: Int
    /// 0 = Sunday ... 6 = Saturday.
    let weekday: Int
}

extension UTCDateTime {
    /// The date and time `seconds` after 1970-01-01T00:00:00Z (negative: before it).
    init(secondsSinceEpoch seconds: Int) {
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
        // 1970-01-01 was a Thursday (4).
        weekday = Self.floorDivide(days + 4, 7).remainder
        // Days since 0000-03-01, counted in 400-year eras of 146,097 days; March-based years
        // put the leap day last.
        let shifted = days + 719_468
        let (era, dayOfEra) = Self.floorDivide(shifted, 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}
