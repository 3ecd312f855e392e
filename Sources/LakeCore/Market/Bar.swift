/// One OHLCV bar: the trades of one interval summarised, labelled by the interval's start.
public struct Bar: Hashable, Sendable {
    /// Interval start, epoch milliseconds UTC.
    public var time: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double
    /// Volume-weighted average price, when the source provides it.
    public var vwap: Double?
    /// Number of trades in the interval, when known.
    public var transactions: Int64?
    /// Volume bought by takers (crypto venues), when known.
    public var takerBuyVolume: Double?

    /// A bar from its fields; the optional ones default to unknown.
    public init(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double,
                vwap: Double? = nil, transactions: Int64? = nil, takerBuyVolume: Double? = nil) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.vwap = vwap
        self.transactions = transactions
        self.takerBuyVolume = takerBuyVolume
    }
}
