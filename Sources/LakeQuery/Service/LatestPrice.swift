import LakeCore

/// The newest price the lake holds for a symbol (seed 000's `GET /api/v1/latest/{symbol}`):
/// the close of the newest bar of the finest stored series, or the newest trade's price when
/// trades are the finest series.
public struct LatestPrice: Hashable, Sendable {
    /// The symbol as stored.
    public let symbol: String
    /// The exchange it was found on.
    public let exchange: String
    /// The stored series the price comes from (`1m`, or `trades`, …).
    public let timeframe: Timeframe
    /// Start of the bar (or time of the trade), epoch ms.
    public let time: Int64
    /// The bar's close (or the trade's price).
    public let price: Double

    /// A price from its parts.
    public init(symbol: String, exchange: String, timeframe: Timeframe, time: Int64, price: Double) {
        (self.symbol, self.exchange, self.timeframe, self.time, self.price) = (symbol, exchange, timeframe, time, price)
    }
}
