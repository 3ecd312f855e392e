/// A 12-byte INT96 value as Spark and Impala wrote timestamps: nanoseconds within the day
/// and a Julian day number.
public struct Int96: Hashable, Sendable {
    public var nanosecondsOfDay: Int64
    public var julianDay: Int32

    /// A value from its two parts.
    public init(nanosecondsOfDay: Int64, julianDay: Int32) {
        self.nanosecondsOfDay = nanosecondsOfDay
        self.julianDay = julianDay
    }

    /// Julian day number of 1970-01-01.
    static let julianDayOfEpoch: Int64 = 2_440_588

    /// Microseconds since the epoch (Spark's reading, which covers years far beyond 2262).
    public var epochMicroseconds: Int64 {
        (Int64(julianDay) - Self.julianDayOfEpoch) &* 86_400_000_000 &+ nanosecondsOfDay / 1000
    }

    /// Nanoseconds since the epoch, nil when it does not fit in 64 bits.
    public var epochNanoseconds: Int64? {
        let (days, overflow) = (Int64(julianDay) - Self.julianDayOfEpoch).multipliedReportingOverflow(by: 86_400_000_000_000)
        guard !overflow else { return nil }
        let (total, overflow2) = days.addingReportingOverflow(nanosecondsOfDay)
        return overflow2 ? nil : total
    }
}
