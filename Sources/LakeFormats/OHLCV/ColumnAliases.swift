/// The column names data vendors and tools use for each bar and trade field; the first
/// column of a table whose name (case-insensitively, ignoring spaces) is an alias wins.
public enum ColumnAliases {
    /// Names of the bar or trade time column, most common first.
    public static let time = ["timestamp", "time", "ts", "window_start", "candle_time", "datetime", "date", "open_time",
                       "t", "bar_time", "start"]
    /// Names of the open price column, most common first.
    public static let open = ["open", "o", "open_price"]
    /// Names of the high price column, most common first.
    public static let high = ["high", "h", "high_price"]
    /// Names of the low price column, most common first.
    public static let low = ["low", "l", "low_price"]
    /// Names of the close price column, most common first.
    public static let close = ["close", "c", "close_price"]
    /// Names of the bar volume column, most common first.
    public static let volume = ["volume", "v", "quantity", "vol", "base_volume"]
    /// Names of the volume-weighted average price column, most common first.
    public static let vwap = ["vwap", "vw", "average", "avg_price"]
    /// Names of the trade count of a bar column, most common first.
    public static let transactions = ["transactions", "n", "trades_count", "trades", "number_of_trades", "trade_count", "count"]
    /// Names of the taker buy volume column, most common first.
    public static let takerBuyVolume = ["taker_buy_volume", "taker_buy_base_volume", "taker_buy_base_asset_volume", "taker_buy_base"]
    /// Names of the trade price column, most common first.
    public static let price = ["price", "p", "trade_price", "last"]
    /// Names of the trade size column, most common first.
    public static let size = ["size", "qty", "quantity", "volume", "amount", "s", "v"]

    /// The first column of `table` named by one of `aliases`.
    public static func find(_ aliases: [String], in table: ColumnTable) -> Column? {
        index(of: aliases, in: table.columns.map(\.name)).map { table.columns[$0] }
    }

    /// The index in `names` of the first name that is one of `aliases`.
    public static func index(of aliases: [String], in names: [String]) -> Int? {
        let normalized = names.map { $0.lowercased().filter { $0 != " " } }
        for alias in aliases {
            if let index = normalized.firstIndex(of: alias) { return index }
        }
        return nil
    }
}
