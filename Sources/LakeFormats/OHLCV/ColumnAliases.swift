/// The column names data vendors and tools use for each bar and trade field; the first
/// column of a table whose name (case-insensitively, ignoring spaces) is an alias wins.
enum ColumnAliases {
    static let time = ["timestamp", "time", "ts", "window_start", "candle_time", "datetime", "date", "open_time",
                       "t", "bar_time", "start"]
    static let open = ["open", "o", "open_price"]
    static let high = ["high", "h", "high_price"]
    static let low = ["low", "l", "low_price"]
    static let close = ["close", "c", "close_price"]
    static let volume = ["volume", "v", "quantity", "vol", "base_volume"]
    static let vwap = ["vwap", "vw", "average", "avg_price"]
    static let transactions = ["transactions", "n", "trades_count", "trades", "number_of_trades", "trade_count", "count"]
    static let takerBuyVolume = ["taker_buy_volume", "taker_buy_base_volume", "taker_buy_base_asset_volume", "taker_buy_base"]
    static let price = ["price", "p", "trade_price", "last"]
    static let size = ["size", "qty", "quantity", "volume", "amount", "s", "v"]

    /// The first column of `table` named by one of `aliases`.
    static func find(_ aliases: [String], in table: ColumnTable) -> Column? {
        let normalized = table.columns.map { $0.name.lowercased().filter { $0 != " " } }
        for alias in aliases {
            if let index = normalized.firstIndex(of: alias) { return table.columns[index] }
        }
        return nil
    }
}
