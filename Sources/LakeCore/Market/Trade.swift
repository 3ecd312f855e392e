/// One executed trade.
public struct Trade: Hashable, Sendable {
    /// Execution time, epoch milliseconds UTC.
    public var time: Int64
    public var price: Double
    /// Quantity traded (shares, contracts or coins).
    public var size: Double

    /// A trade from its fields.
    public init(time: Int64, price: Double, size: Double) {
        self.time = time
        self.price = price
        self.size = size
    }
}
