/// Trades in columns (same count in every array), the trade counterpart of `BarBatch`.
public struct TradeBatch: Sendable, Hashable {
    /// Execution times, epoch milliseconds UTC.
    public var time: [Int64] = []
    public var price: [Double] = []
    public var size: [Double] = []

    /// An empty batch.
    public init() {}

    /// A batch from whole columns of equal count.
    public init(time: [Int64], price: [Double], size: [Double]) {
        precondition(price.count == time.count && size.count == time.count, "TradeBatch columns must have equal counts")
        self.time = time
        self.price = price
        self.size = size
    }

    /// Number of trades.
    @inlinable public var count: Int { time.count }

    /// Trade `index` as a value.
    public subscript(index: Int) -> Trade { Trade(time: time[index], price: price[index], size: size[index]) }

    /// Appends one trade.
    public mutating func append(_ trade: Trade) {
        time.append(trade.time)
        price.append(trade.price)
        size.append(trade.size)
    }
}
