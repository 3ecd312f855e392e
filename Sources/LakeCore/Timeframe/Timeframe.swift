/// The granularity of stored or requested market data: raw trades, or bars of a fixed length.
///
/// One type serves every spelling the API accepts (see ``Timeframe/init(parsing:)``) and has
/// one canonical text form, ``canonical``, used in storage keys (`timeframe=1m/…`):
///
/// | kind | canonical | alignment |
/// |---|---|---|
/// | ``Kind/trades`` | `trades` | none (individual prints) |
/// | ``Kind/minutes(_:)`` N, N % 60 != 0 | `Nm` (`1m`, `5m`, `173m`) | UTC epoch |
/// | ``Kind/minutes(_:)`` N, N % 60 == 0 | `Hh` (`1h`, `4h`, `24h`) | UTC epoch |
/// | ``Kind/day`` | `1d` | local midnight of the exchange |
/// | ``Kind/week`` | `1w` | local Monday midnight (ISO week) |
/// | ``Kind/month`` | `1mo` | local midnight on the 1st |
///
/// `24h` and `1d` are different timeframes on purpose: the first is 1,440 minutes aligned
/// to the UTC epoch, the second is the exchange's calendar day.
///
/// ```swift
/// let tf = try Timeframe(parsing: "1hour")   // tf.canonical == "1h", tf.kind == .minutes(60)
/// ```
public struct Timeframe: Hashable, Sendable {
    /// What a timeframe is made of.
    public enum Kind: Hashable, Sendable {
        /// Individual trades, not aggregated.
        case trades
        /// Bars of this many minutes, aligned to the UTC epoch (hours are multiples of 60).
        case minutes(Int)
        /// One bar per local calendar day of the exchange.
        case day
        /// One bar per ISO week (Monday to Sunday) in the exchange's time zone.
        case week
        /// One bar per calendar month in the exchange's time zone.
        case month
    }

    /// The smallest bar length: one minute.
    public static let minimumMinutes = 1
    /// The largest minute-based bar length: 31 days (44,640 minutes), the longest month.
    public static let maximumMinutes = 31 * 24 * 60

    /// What this timeframe is made of.
    public let kind: Kind

    /// A timeframe of the given kind. Minute counts must lie in
    /// ``minimumMinutes``…``maximumMinutes``; use ``init(minutes:)`` for unchecked input.
    public init(_ kind: Kind) {
        if case .minutes(let count) = kind {
            precondition((Self.minimumMinutes...Self.maximumMinutes).contains(count),
                         "minute timeframe out of range: \(count)")
        }
        self.kind = kind
    }

    /// A bar timeframe of `minutes` minutes, validated (seed 002 sends bare numbers).
    public init(minutes: Int) throws(TimeframeError) {
        guard minutes > 0 else { throw TimeframeError(input: String(minutes), reason: .notPositive) }
        guard minutes <= Self.maximumMinutes else {
            throw TimeframeError(input: String(minutes), reason: .tooLarge)
        }
        self.kind = .minutes(minutes)
    }

    /// Raw trades.
    public static let trades = Timeframe(.trades)
    /// One-minute bars.
    public static let oneMinute = Timeframe(.minutes(1))
    /// One-hour bars.
    public static let oneHour = Timeframe(.minutes(60))
    /// Daily bars in the exchange's time zone.
    public static let day = Timeframe(.day)
    /// ISO-weekly bars in the exchange's time zone.
    public static let week = Timeframe(.week)
    /// Monthly bars in the exchange's time zone.
    public static let month = Timeframe(.month)

    /// The canonical text form used in storage keys and responses: `trades`, `1m`, `173m`,
    /// `1h`, `4h`, `1d`, `1w`, `1mo`.
    public var canonical: String {
        switch kind {
        case .trades: return "trades"
        case .minutes(let count) where count % 60 == 0: return "\(count / 60)h"
        case .minutes(let count): return "\(count)m"
        case .day: return "1d"
        case .week: return "1w"
        case .month: return "1mo"
        }
    }

    /// The bar length in minutes for epoch-aligned bars; `nil` for trades and calendar bars.
    public var minutes: Int? {
        if case .minutes(let count) = kind { return count }
        return nil
    }

    /// Whether this timeframe aggregates into bars (everything but ``Kind/trades``).
    public var isBar: Bool { kind != .trades }

    /// Whether bar boundaries depend on the exchange's time zone (day, week, month).
    public var isCalendarBased: Bool {
        switch kind {
        case .day, .week, .month: return true
        case .trades, .minutes: return false
        }
    }

    /// A nominal length in milliseconds, for ordering and estimates only: a day is 24 h, a
    /// week 7 days, a month 30 days (real local days and months vary); trades are 0.
    public var nominalMilliseconds: Int64 {
        switch kind {
        case .trades: return 0
        case .minutes(let count): return Int64(count) * 60_000
        case .day: return 86_400_000
        case .week: return 7 * 86_400_000
        case .month: return 30 * 86_400_000
        }
    }
}

extension Timeframe: Comparable {
    /// Orders from finest to coarsest by nominal length; at equal length (`24h` and `1d`)
    /// the epoch-aligned timeframe sorts first.
    public static func < (lhs: Timeframe, rhs: Timeframe) -> Bool {
        if lhs.nominalMilliseconds != rhs.nominalMilliseconds {
            return lhs.nominalMilliseconds < rhs.nominalMilliseconds
        }
        return !lhs.isCalendarBased && rhs.isCalendarBased
    }
}

extension Timeframe: CustomStringConvertible {
    /// The canonical form.
    public var description: String { canonical }
}

extension Timeframe: Codable {
    /// Decodes any accepted spelling from a string, or a whole number of minutes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let minutes = try? container.decode(Int.self) {
            self = try Timeframe(minutes: minutes)
        } else {
            self = try Timeframe(parsing: container.decode(String.self))
        }
    }

    /// Encodes the canonical form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }
}
