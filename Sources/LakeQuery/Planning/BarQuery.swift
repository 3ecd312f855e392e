import LakeCore

/// One request for bars: a symbol, a half-open time range and the timeframe wanted.
///
/// Rows are selected by their own time: a source row at `t` is used when
/// `range.lowerBound <= t < range.upperBound`. A range that does not start or end on a bucket
/// boundary therefore yields a partial first or last bar — the same as filtering then
/// resampling in pandas.
///
/// ```swift
/// let query = BarQuery(symbol: "AAPL", timeframe: try Timeframe(parsing: "5min"),
///                      range: start..<end, fill: .none, limit: 1_000)
/// ```
public struct BarQuery: Sendable, Hashable {
    /// The symbol as stored in the lake (`symbol=` in keys).
    public var symbol: String
    /// The exchange, when the caller names one; required only when the symbol trades on several.
    public var exchange: String?
    /// The bar timeframe wanted (never ``Timeframe/trades``).
    public var timeframe: Timeframe
    /// Epoch milliseconds, half-open.
    public var range: Range<Int64>
    /// What to emit for buckets without data.
    public var fill: FillPolicy
    /// The most bars to return; more are announced by a cursor, never dropped silently.
    public var limit: Int?
    /// The instant that decides which bars are closed: a bar is closed when its bucket ends at
    /// or before `asOf`. Nil means the wall clock at query time.
    public var asOf: Int64?

    /// A query; `fill` defaults to none, `limit` and `asOf` to unset.
    public init(symbol: String, exchange: String? = nil, timeframe: Timeframe, range: Range<Int64>,
                fill: FillPolicy = .none, limit: Int? = nil, asOf: Int64? = nil) {
        self.symbol = symbol
        self.exchange = exchange
        self.timeframe = timeframe
        self.range = range
        self.fill = fill
        self.limit = limit
        self.asOf = asOf
    }
}
