/// Reference data for one symbol: who it is, not what the lake holds (seed 000's search,
/// seed 002's tickers).
public struct SymbolReference: Hashable, Sendable {
    /// The symbol.
    public var symbol: String
    /// The exchange.
    public var exchange: String
    /// A human name ("Cipla Ltd").
    public var name: String?
    /// Instrument type ("equity", "etf", "crypto", …).
    public var type: String?
    /// Sector ("Healthcare").
    public var sector: String?
    /// Whether the instrument still trades.
    public var active: Bool
    /// The first bar time (epoch ms): as supplied, else the lake's own coverage.
    public var firstBar: Int64?
    /// The last bar time (epoch ms): as supplied, else the lake's own coverage.
    public var lastBar: Int64?

    /// A reference record.
    public init(symbol: String, exchange: String, name: String? = nil, type: String? = nil, sector: String? = nil,
                active: Bool = true, firstBar: Int64? = nil, lastBar: Int64? = nil) {
        (self.symbol, self.exchange, self.name, self.type, self.sector) = (symbol, exchange, name, type, sector)
        (self.active, self.firstBar, self.lastBar) = (active, firstBar, lastBar)
    }
}
