/// How bars are written in a response body.
public enum BarOutputFormat: String, Sendable, CaseIterable {
    /// One JSON document: the caller's envelope around a `[…]` array of row objects.
    case json
    /// One JSON row object per line (no envelope).
    case ndjson
    /// A header line, then one line per bar.
    case csv
    /// An Apache Parquet file of the bars (timestamp, OHLCV, optional vwap/transactions/taker columns).
    case parquet

    /// The `Content-Type` of a body in this format.
    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .ndjson: "application/x-ndjson"
        case .csv: "text/csv; charset=utf-8"
        case .parquet: "application/vnd.apache.parquet"
        }
    }
}
