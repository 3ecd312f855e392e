import LakeCore

/// What the lake holds for one symbol on one exchange: its stored timeframes and totals.
public struct SymbolSummary: Hashable, Sendable {
    /// The symbol.
    public let symbol: String
    /// The exchange.
    public let exchange: String
    /// Every stored timeframe, finest first.
    public let timeframes: [Timeframe]
    /// Objects across all timeframes.
    public let objectCount: Int64
    /// Rows across all timeframes.
    public let rowCount: Int64
    /// Bytes across all timeframes.
    public let totalBytes: Int64
    /// The earliest row time at any timeframe (epoch ms).
    public let firstTime: Int64
    /// The latest row time at any timeframe (epoch ms).
    public let lastTime: Int64
}

/// One stored timeframe of one symbol (seed 002's "materialized views"): totals and coverage.
public struct SeriesSummary: Hashable, Sendable {
    /// The symbol.
    public let symbol: String
    /// The exchange.
    public let exchange: String
    /// The timeframe.
    public let timeframe: Timeframe
    /// Objects stored.
    public let objectCount: Int64
    /// Rows stored.
    public let rowCount: Int64
    /// Bytes stored.
    public let totalBytes: Int64
    /// The earliest row time (epoch ms).
    public let firstTime: Int64
    /// The latest row time (epoch ms).
    public let lastTime: Int64
}
