import LakeCore

/// One instrument as the symbol search and the ticker endpoints show it: its reference data
/// (when some was loaded) together with what the lake holds for it.
///
/// Every symbol with data in the lake is listed, reference or not; a reference record without
/// data is listed too (with no timeframes). Nothing is made up: `name`, `type` and `sector`
/// come only from loaded reference data.
public struct SymbolListing: Hashable, Sendable {
    /// The symbol as stored.
    public let symbol: String
    /// The exchange.
    public let exchange: String
    /// Whether reference data was loaded for this symbol (``Catalog/upsertReference(_:updatedAt:)``).
    public let hasReference: Bool
    /// Name from the reference data.
    public let name: String?
    /// Instrument type from the reference data (`equity`, `crypto`, …).
    public let type: String?
    /// Sector from the reference data.
    public let sector: String?
    /// The reference's flag when there is one; otherwise whether the lake has a bar at or
    /// after the search's ``Catalog/SymbolSearch/activeSince``.
    public let active: Bool
    /// First bar time (epoch ms): the reference's, else the lake's earliest row.
    public let firstBar: Int64?
    /// Last bar time (epoch ms): the reference's, else the lake's latest row.
    public let lastBar: Int64?
    /// Stored timeframes, finest first (empty when the lake holds nothing for the symbol).
    public let timeframes: [Timeframe]
    /// Objects across all timeframes.
    public let objectCount: Int64
    /// Rows across all timeframes.
    public let rowCount: Int64
    /// Bytes across all timeframes.
    public let totalBytes: Int64

    /// A listing from its parts.
    public init(symbol: String, exchange: String, hasReference: Bool, name: String?, type: String?, sector: String?, active: Bool,
                firstBar: Int64?, lastBar: Int64?, timeframes: [Timeframe], objectCount: Int64, rowCount: Int64, totalBytes: Int64) {
        (self.symbol, self.exchange, self.hasReference, self.name, self.type, self.sector) = (symbol, exchange, hasReference, name, type, sector)
        (self.active, self.firstBar, self.lastBar, self.timeframes) = (active, firstBar, lastBar, timeframes)
        (self.objectCount, self.rowCount, self.totalBytes) = (objectCount, rowCount, totalBytes)
    }
}
