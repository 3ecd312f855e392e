import LakeCore

/// One answer of ``TradeQueryService``: trades oldest first, and where the next page starts
/// when a limit cut them.
public struct TradePage: Sendable, Equatable {
    /// A place in a symbol's trades that survives between requests without trade ids: the
    /// trades at `time` (epoch ms) and later, after the first `skip` trades at exactly `time`.
    ///
    /// The lake keeps no trade ids, and several trades can share one millisecond; `skip` lets a
    /// page end inside a millisecond and the next one continue there without losing or
    /// repeating a trade. The order within a millisecond is the stored order (objects by first
    /// trade time then key, rows as written), which stays put unless objects holding trades of
    /// that very millisecond are added or compacted between the two requests.
    public struct Position: Sendable, Hashable {
        /// The first millisecond of the page.
        public let time: Int64
        /// How many trades at exactly `time` were already returned.
        public let skip: Int

        /// The position `skip` trades into millisecond `time`.
        public init(time: Int64, skip: Int = 0) {
            precondition(skip >= 0, "a position cannot skip a negative number of trades")
            self.time = time
            self.skip = skip
        }
    }

    /// The symbol as stored.
    public let symbol: String
    /// The exchange the trades are stored under.
    public let exchange: String
    /// The trades, oldest first.
    public let trades: TradeBatch
    /// Where the following trades start; nil when the page holds the last trades asked for.
    public let next: Position?

    /// A page from its parts.
    public init(symbol: String, exchange: String, trades: TradeBatch, next: Position?) {
        self.symbol = symbol
        self.exchange = exchange
        self.trades = trades
        self.next = next
    }
}
