import LakeCore

extension BarQueryService {
    /// The newest price of `symbol` (on `exchange`, required only when it trades on several).
    ///
    /// Reads only the objects holding the finest series' last row time, as the catalog
    /// records it, and only that instant's rows from them: one partition, not the series.
    /// - Throws: ``QueryError`` `.unknownSymbol`, `.ambiguousSymbol`, or `.noData` when the
    ///   catalog's newest object no longer holds its recorded row (the store changed under
    ///   it; the next sync fixes the catalog). Store errors pass through.
    public func latest(symbol: String, exchange: String? = nil) async throws -> LatestPrice {
        let series = try planner.catalog.series(symbol: symbol, exchange: exchange)
        guard let finest = series.first else {
            let place = exchange.map { " on \($0)" } ?? ""
            throw QueryError(.unknownSymbol, "symbol '\(symbol)'\(place) is not in the catalog")
        }
        let exchanges = Set(series.map(\.exchange))
        guard exchanges.count == 1 else {
            throw QueryError(.ambiguousSymbol, "symbol '\(symbol)' trades on \(exchanges.sorted().joined(separator: ", ")); name the exchange")
        }
        let instant = finest.lastTime..<(finest.lastTime + 1)
        let objects = try planner.catalog.objects(symbol: symbol, timeframe: finest.timeframe, exchange: finest.exchange,
                                                  overlapping: instant)
        let price: Double?
        let time: Int64?
        if finest.timeframe == .trades {
            let trades = try await loader.trades(objects, range: instant)
            (price, time) = (trades.price.last, trades.time.last)
        } else {
            let bars = try await loader.bars(objects, range: instant)
            (price, time) = (bars.close.last, bars.time.last)
        }
        guard let price, let time else {
            throw QueryError(.noData, "the newest object of '\(symbol)' no longer holds its last row; a catalog sync will fix it")
        }
        return LatestPrice(symbol: symbol, exchange: finest.exchange, timeframe: finest.timeframe, time: time, price: price)
    }
}
