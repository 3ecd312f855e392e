/// Why a timeframe spelling or value was refused.
public struct TimeframeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The refusal reasons, stable for tests and error codes.
    public enum Reason: Hashable, Sendable {
        /// Nothing but whitespace.
        case empty
        /// Longer than ``Timeframe/maximumSpellingLength`` characters.
        case tooLong
        /// Zero or negative.
        case notPositive
        /// Longer than one month (``Timeframe/maximumMinutes``).
        case tooLarge
        /// A fraction such as `1.5h`.
        case fractional
        /// A unit nobody uses for bars (`5x`, `1fortnight`).
        case unknownUnit(String)
        /// A count other than 1 for days, weeks or months (`2d`, `3w`); calendar bars come
        /// one unit at a time, multi-day epoch-aligned bars are spelled in minutes or hours.
        case calendarMultiple
        /// Not shaped like `[count][unit]` at all.
        case malformed
    }

    /// The text (or number) that was refused, trimmed and cut to a printable length.
    public let input: String
    /// Why it was refused.
    public let reason: Reason

    /// An error for `input` with `reason`.
    public init(input: String, reason: Reason) {
        self.input = String(input.prefix(40))
        self.reason = reason
    }

    /// A sentence for the API's `message` field, naming the input.
    public var description: String {
        let why: String
        switch reason {
        case .empty: why = "timeframe is empty"
        case .tooLong: why = "timeframe is too long"
        case .notPositive: why = "timeframe must be positive"
        case .tooLarge: why = "timeframe must not exceed one month (\(Timeframe.maximumMinutes) minutes)"
        case .fractional: why = "timeframe must be a whole number of units"
        case .unknownUnit(let unit): why = "unknown timeframe unit '\(unit)'"
        case .calendarMultiple:
            why = "days, weeks and months come one at a time (1d, 1w, 1mo); spell longer bars in minutes or hours"
        case .malformed: why = "expected a count and a unit such as 5m, 1h, 1d, 1w, 1mo or trades"
        }
        return "Invalid timeframe '\(input)': \(why)"
    }
}
