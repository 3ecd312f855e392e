import LakeCore

/// A UTC instant split into calendar date and time of day, at second precision; the date
/// arithmetic is LakeCore's ``CivilDate``.
struct CivilTime {
    let year, month, day, hour, minute, second: Int64

    init(secondsSinceEpoch: Int64) {
        let days = secondsSinceEpoch.flooredDivision(by: 86_400)
        let secondOfDay = secondsSinceEpoch - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        year = date.year
        month = Int64(date.month)
        day = Int64(date.day)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
    }

    /// Seconds since the epoch of a UTC date and time; nil when a field is out of range.
    static func secondsSinceEpoch(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day), (0..<24).contains(hour),
              (0..<60).contains(minute), (0..<61).contains(second) else { return nil }
        let days = CivilDate(year: year, month: Int(month), day: Int(day)).daysSinceEpoch
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }
}
