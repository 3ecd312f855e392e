/// What the spelling of a symbol says about the instrument: its normalised form, the kind of
/// instrument the format belongs to and the parts the format encodes. Produced by
/// ``SymbolClassifier``; it knows nothing of the lake (whether data exists is the caller's
/// question).
public struct SymbolClassification: Hashable, Sendable {
    /// Instrument kinds a symbol format can identify.
    public enum InstrumentType: String, Hashable, Sendable {
        /// Shares (`AAPL`, `BRK.B`, `NSE_CIPLA-EQ`, `RELIANCE.NS`, `7203.T`).
        case equity
        /// A crypto pair (`BTCUSDT`, `ETH/BTC`, Polygon `X:BTCUSD`).
        case crypto
        /// A currency pair of two ISO 4217 codes (`EURUSD`, `GBP/JPY`, Polygon `C:EURUSD`).
        case forex
        /// An OCC option (`AAPL240119C00150000`) or an NSE option (`NFO:NIFTY24JAN21000CE`).
        case option
        /// An index (`^GSPC`, Polygon `I:SPX`, `NSE:NIFTY50-INDEX`).
        case index
        /// A future (`NFO:NIFTY24JANFUT`).
        case future
    }

    /// The input, trimmed and upper-cased, with separators the lake does not use removed
    /// (`btc/usdt` → `BTCUSDT`, `NSE:CIPLA-EQ` → `NSE_CIPLA-EQ`).
    public let normalized: String
    /// The kind of instrument the format identifies; nil when no known format matches.
    public let type: InstrumentType?
    /// What the format encodes, as `name:value` (`exchange:NSE`, `series:EQ`, `base:BTC`,
    /// `quote:USDT`, `share_class:B`, `underlying:AAPL`, `expiry:2024-01-19`, `right:call`,
    /// `strike:150`) or flags (`stablecoin_quote`, `provider_prefix`).
    public let characteristics: [String]
    /// The exchange the spelling names, if any (`NSE` for `NSE_CIPLA-EQ` and `CIPLA.NS`).
    public let exchange: String?
    /// Other spellings under which the lake may hold the same instrument
    /// (`CIPLA.NS` → `NSE_CIPLA-EQ`).
    public let alternatives: [String]

    /// A classification from its parts.
    public init(normalized: String, type: InstrumentType?, characteristics: [String] = [], exchange: String? = nil,
                alternatives: [String] = []) {
        (self.normalized, self.type, self.characteristics) = (normalized, type, characteristics)
        (self.exchange, self.alternatives) = (exchange, alternatives)
    }

    /// Whether a known format matched.
    public var isRecognized: Bool { type != nil }

    /// Whether ``normalized`` can be a lake symbol (`symbol=` in keys; see ``LayoutIdentifier``).
    public var isLakeIdentifier: Bool { (try? LayoutIdentifier.validateSymbol(normalized)) != nil }
}

/// Why a text cannot be a symbol at all.
public struct SymbolFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sentence for the client.
    public let description: String

    /// An error explained by `description`.
    public init(_ description: String) { self.description = description }
}
