import Foundation

/// Which IANA time zone each exchange keeps its calendar in: daily, weekly and monthly bars
/// start at local midnight there.
///
/// A built-in table covers the common venues (``defaultIdentifiers``); configuration may add
/// or replace entries (`Config/`: `exchange_time_zones = { KRX = "Asia/Seoul" }`). Exchange
/// codes match case-insensitively. Unknown exchanges, and crypto venues that trade around the
/// clock, use UTC.
///
/// ```swift
/// let zones = try ExchangeTimeZones(overrides: ["TASE": "Asia/Jerusalem"])
/// zones.timeZone(for: "nse").identifier   // "Asia/Kolkata"
/// ```
public struct ExchangeTimeZones: Sendable {
    /// The built-in table, keyed by upper-case exchange code.
    public static let defaultIdentifiers: [String: String] = {
        var table: [String: String] = [:]
        let groups: [(String, [String])] = [
            ("Asia/Kolkata", ["NSE", "BSE", "NFO", "BFO", "MCX", "CDS", "XNSE", "XBOM"]),
            ("America/New_York", ["NYSE", "NASDAQ", "XNAS", "XNYS", "ARCA", "NYSEARCA", "AMEX", "XASE",
                                  "BATS", "CBOE", "IEX", "OTC"]),
            ("Asia/Seoul", ["KRX", "KOSPI", "KOSDAQ", "XKRX"]),
            ("Europe/London", ["LSE", "XLON"]),
            ("Asia/Tokyo", ["TSE", "JPX", "XTKS"]),
            ("Asia/Hong_Kong", ["HKEX", "XHKG"]),
            ("Europe/Berlin", ["XETRA", "FWB", "XFRA"]),
            ("America/Chicago", ["CME", "CBOT", "XCME"]),
            ("UTC", ["BINANCE", "COINBASE", "KRAKEN", "BYBIT", "OKX", "BITFINEX", "BITSTAMP", "CRYPTO"]),
        ]
        for (zone, exchanges) in groups {
            for exchange in exchanges { table[exchange] = zone }
        }
        return table
    }()

    private let identifiers: [String: String]
    private let zones: [String: TimeZone]

    /// The built-in table with `overrides` (exchange code → IANA identifier) applied on top.
    ///
    /// - Throws: ``ExchangeTimeZoneError`` naming the first override whose identifier is not a
    ///   known time zone, so that a typo in configuration fails at start-up, not at query time.
    public init(overrides: [String: String] = [:]) throws(ExchangeTimeZoneError) {
        var identifiers = Self.defaultIdentifiers
        for (exchange, identifier) in overrides.sorted(by: { $0.key < $1.key }) {
            guard TimeZone(identifier: identifier) != nil else {
                throw ExchangeTimeZoneError(exchange: exchange, identifier: identifier)
            }
            identifiers[exchange.uppercased()] = identifier
        }
        var zones: [String: TimeZone] = [:]
        for (exchange, identifier) in identifiers {
            zones[exchange] = TimeZone(identifier: identifier) ?? .gmt
        }
        self.identifiers = identifiers
        self.zones = zones
    }

    /// The IANA identifier configured for `exchange` (case-insensitive); `UTC` when unknown.
    /// (Foundation may report UTC's own identifier as `GMT`; this answers what was configured.)
    public func identifier(for exchange: String) -> String {
        identifiers[exchange.uppercased()] ?? "UTC"
    }

    /// The time zone of `exchange` (case-insensitive); UTC when the exchange is unknown.
    public func timeZone(for exchange: String) -> TimeZone {
        zones[exchange.uppercased()] ?? Self.utc
    }

    /// The calendar that buckets `exchange`'s daily, weekly and monthly bars.
    public func calendar(for exchange: String) -> ExchangeCalendar {
        ExchangeCalendar(timeZone: timeZone(for: exchange))
    }

    private static let utc = TimeZone(identifier: "UTC") ?? .gmt
}

/// A configured exchange time zone that is not a known IANA identifier.
public struct ExchangeTimeZoneError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The exchange code from the configuration.
    public let exchange: String
    /// The identifier that was not recognised.
    public let identifier: String

    /// An error for `exchange` configured with the unknown zone `identifier`.
    public init(exchange: String, identifier: String) {
        self.exchange = exchange
        self.identifier = identifier
    }

    /// A sentence naming the exchange and the bad identifier.
    public var description: String {
        "Unknown time zone '\(identifier)' configured for exchange '\(exchange)' (expected an IANA name such as Asia/Kolkata)"
    }
}
