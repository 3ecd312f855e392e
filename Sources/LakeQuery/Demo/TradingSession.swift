import Foundation

/// When a market trades, for generating realistic demo bars: around the clock, or a local
/// session on weekdays in the exchange's time zone.
public enum TradingSession: Sendable, Hashable {
    /// Every minute of every day (crypto venues).
    case allDay
    /// Monday to Friday from `open` to `close` (minutes after local midnight) in `timeZone`.
    case weekdays(open: Int, close: Int, timeZone: String)

    /// NSE, 09:15–15:30 India time.
    public static let nse = TradingSession.weekdays(open: 9 * 60 + 15, close: 15 * 60 + 30, timeZone: "Asia/Kolkata")
    /// NYSE and NASDAQ, 09:30–16:00 New York time.
    public static let nyse = TradingSession.weekdays(open: 9 * 60 + 30, close: 16 * 60, timeZone: "America/New_York")

    /// The session for an exchange code: NSE/BSE, US venues, otherwise around the clock.
    public static func forExchange(_ exchange: String) -> TradingSession {
        switch exchange.uppercased() {
        case "NSE", "BSE": return .nse
        case "NYSE", "NASDAQ", "XNAS", "XNYS", "ARCA": return .nyse
        default: return .allDay
        }
    }

    /// For each minute of the UTC hour starting at `hourStart` (epoch ms): the fraction of the
    /// session elapsed (0..<1), or nil when the market is closed. One time-zone lookup per
    /// hour: offsets only change on whole UTC hours in the zones we model.
    func sessionFractions(hourStart: Int64, zone: TimeZone?) -> [Double?] {
        switch self {
        case .allDay:
            let minuteOfDay = Int((hourStart / 60_000) % 1440)
            return (0..<60).map { Double(minuteOfDay + $0) / 1440 }
        case .weekdays(let open, let close, _):
            let offset = Int64(zone?.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hourStart) / 1000)) ?? 0) * 1000
            return (0..<60).map { minute -> Double? in
                let local = hourStart + offset + Int64(minute) * 60_000
                let localDay = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
                let weekday = ((localDay % 7) + 10) % 7   // 0 = Monday (1970-01-01 was a Thursday)
                let minuteOfDay = Int((local - localDay * 86_400_000) / 60_000)
                guard weekday < 5, minuteOfDay >= open, minuteOfDay < close else { return nil }
                return Double(minuteOfDay - open) / Double(close - open)
            }
        }
    }
}
