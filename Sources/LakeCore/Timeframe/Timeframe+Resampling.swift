extension Timeframe {
    /// Whether data stored at this timeframe aggregates *exactly* into bars of `target`:
    /// every `target` bucket must be a union of whole source buckets, so that first/max/min/
    /// last/sum over the source bars equal the same over the underlying trades.
    ///
    /// The rules, and why:
    /// - Trades resample into anything; nothing resamples into trades.
    /// - N-minute → M-minute when N divides M. Both grids start at the UTC epoch, so every
    ///   multiple of M minutes is a multiple of N minutes (5m → 15m yes, 5m → 7m no).
    /// - N-minute → day/week/month when every local midnight falls on the N-minute grid:
    ///   N must divide 1,440 (so the grid repeats daily) and every UTC offset the exchange uses
    ///   over the range, in minutes (`localOffsetsMinutes`). New York (−300/−240) takes 1h
    ///   but not 4h bars: its midnight is 04:00 or 05:00 UTC; Kolkata (+330) takes 30m but not
    ///   1h. Weeks and months are unions of local days, so the same test applies.
    /// - Day → week and month: both are unions of local days in the same time zone.
    /// - Week → week only (weeks straddle months); month → month only; calendar bars never
    ///   resample into minute bars.
    ///
    /// `ExchangeCalendar.canResample(_:into:over:)` supplies the offsets for a range.
    public func canResample(into target: Timeframe, localOffsetsMinutes: some Sequence<Int>) -> Bool {
        switch (kind, target.kind) {
        case (.trades, _):
            return true
        case (_, .trades):
            return false
        case (.minutes(let source), .minutes(let wanted)):
            return wanted % source == 0
        case (.minutes(let source), .day), (.minutes(let source), .week), (.minutes(let source), .month):
            return (24 * 60) % source == 0 && localOffsetsMinutes.allSatisfy { $0 % source == 0 }
        case (.day, .day), (.day, .week), (.day, .month), (.week, .week), (.month, .month):
            return true
        case (.day, _), (.week, _), (.month, _):
            return false
        }
    }
}
