import LakeCatalog
import LakeCore

/// Reads stored trades (the `timeframe=trades` partitions) a page at a time, for seed 002's
/// trade endpoints, without reading more of a long history than the page needs.
///
/// The catalog lists the symbol's objects in time order with their row counts; objects are
/// read a few at a time — just enough, by those counts, to fill the page — and reading stops
/// once it is full. Objects whose times overlap (ingest parts not yet compacted) are always
/// read together, so their trades interleave in time order. Trades are never deduplicated: two
/// identical prints are two trades. Within one millisecond the stored order is kept (objects
/// by first trade time then key, rows as written), the order ``TradePage/Position`` relies on.
///
/// ```swift
/// let trades = TradeQueryService(catalog: lake.catalog, loader: loader)
/// let page = try await trades.page("BTCUSDT", exchange: nil, from: .init(time: start), before: .max, limit: 1_000)
/// let recent = try await trades.latest("BTCUSDT", exchange: nil, limit: 100)
/// ```
public struct TradeQueryService: Sendable {
    /// Symbol → trade objects with their time ranges and row counts.
    public let catalog: Catalog
    /// Objects → trades.
    public let loader: ObjectLoader

    /// A service reading `catalog`'s trade objects through `loader`.
    public init(catalog: Catalog, loader: ObjectLoader) {
        self.catalog = catalog
        self.loader = loader
    }

    /// Up to `limit` trades from `position` up to `end` (exclusive), oldest first, with the
    /// position after the last one when more trades follow before `end`.
    /// - Throws: ``QueryError`` `.unknownSymbol`, `.noData` (the symbol has no stored trades),
    ///   `.ambiguousSymbol`; store and decoding errors.
    public func page(_ symbol: String, exchange: String?, from position: TradePage.Position, before end: Int64,
                     limit: Int) async throws -> TradePage {
        precondition(limit > 0, "a trade page holds at least one trade")
        let series = try tradeSeries(symbol, exchange: exchange)
        // Clamped to what is stored, so that open ends never reach the catalog as ±infinity.
        let range = max(position.time, series.firstTime)..<min(end, series.lastTime + 1)
        let objects = range.isEmpty ? [] : try catalog.objects(symbol: series.symbol, timeframe: .trades, exchange: series.exchange,
                                                              overlapping: range)
        var collected = TradeBatch()
        var skipped = 0
        var nextObject = 0
        // One trade more than the limit tells whether the page was cut.
        while nextObject < objects.count, collected.count <= limit {
            let group = Self.readingGroup(objects, from: nextObject, rowsWanted: limit + 1 - collected.count)
            nextObject = group.upperBound
            let batch = try await loader.trades(Array(objects[group]), range: range)
            // Trades at the position's millisecond lead the range (it starts there): skip those returned before.
            var first = 0
            while first < batch.count, skipped < position.skip, batch.time[first] == position.time {
                skipped += 1
                first += 1
            }
            let taken = first..<min(batch.count, first + limit + 1 - collected.count)
            collected.time += batch.time[taken]
            collected.price += batch.price[taken]
            collected.size += batch.size[taken]
        }
        guard collected.count > limit else {
            return TradePage(symbol: series.symbol, exchange: series.exchange, trades: collected, next: nil)
        }
        let page = TradeBatch(time: Array(collected.time.prefix(limit)), price: Array(collected.price.prefix(limit)),
                              size: Array(collected.size.prefix(limit)))
        let last = page.time[limit - 1]
        var atLast = page.time.reversed().prefix { $0 == last }.count
        if last == position.time { atLast += skipped }
        return TradePage(symbol: series.symbol, exchange: series.exchange, trades: page, next: TradePage.Position(time: last, skip: atLast))
    }

    /// The `limit` most recent trades, oldest first. Objects are taken newest first (by their
    /// last trade time) until their row counts cover the limit — doubling their number while
    /// they do not — so the history behind them is never read.
    /// - Throws: as ``page(_:exchange:from:before:limit:)``.
    public func latest(_ symbol: String, exchange: String?, limit: Int) async throws -> TradePage {
        precondition(limit > 0, "a trade page holds at least one trade")
        let series = try tradeSeries(symbol, exchange: exchange)
        let newestFirst = try catalog.objects(symbol: series.symbol, timeframe: .trades, exchange: series.exchange,
                                              overlapping: series.firstTime..<series.lastTime + 1)
            .sorted { ($0.maxTime, $0.key) > ($1.maxTime, $1.key) }
        var taken = 0
        var rows: Int64 = 0
        while taken < newestFirst.count, rows < Int64(limit) {
            rows += newestFirst[taken].rowCount
            taken += 1
        }
        while true {
            // Every trade after the newest object left out lies in the objects taken.
            let floor = taken < newestFirst.count ? newestFirst[taken].maxTime + 1 : Int64.min
            let chosen = newestFirst[..<taken].sorted { ($0.minTime, $0.key) < ($1.minTime, $1.key) }
            let trades = try await loader.trades(chosen, range: floor..<Int64.max)
            if trades.count >= limit || taken == newestFirst.count {
                let newest = TradeBatch(time: Array(trades.time.suffix(limit)), price: Array(trades.price.suffix(limit)),
                                        size: Array(trades.size.suffix(limit)))
                return TradePage(symbol: series.symbol, exchange: series.exchange, trades: newest, next: nil)
            }
            taken = min(newestFirst.count, max(taken * 2, taken + 1))
        }
    }

    /// The stored trade series of `symbol`.
    /// - Throws: ``QueryError`` `.unknownSymbol`, `.noData`, `.ambiguousSymbol`.
    public func tradeSeries(_ symbol: String, exchange: String?) throws -> SeriesSummary {
        let all = try catalog.series(symbol: symbol, exchange: exchange)
        guard !all.isEmpty else {
            let place = exchange.map { " on \($0)" } ?? ""
            throw QueryError(.unknownSymbol, "symbol '\(symbol)'\(place) is not in the catalog")
        }
        let trades = all.filter { $0.timeframe == .trades }
        guard let first = trades.first else {
            let stored = Set(all.map(\.timeframe)).sorted().map(\.canonical).joined(separator: ", ")
            throw QueryError(.noData, "the lake holds no trades for '\(symbol)', only bars (\(stored))")
        }
        guard trades.count == 1 else {
            throw QueryError(.ambiguousSymbol, "symbol '\(symbol)' has trades on \(trades.map(\.exchange).joined(separator: ", ")); name the exchange")
        }
        return first
    }

    /// The objects to read next, starting at `start`: whole groups of time-overlapping objects
    /// (`objects` is in first-time order), as many as their row counts say may hold `rowsWanted`
    /// trades — at least one group.
    static func readingGroup(_ objects: [ObjectRecord], from start: Int, rowsWanted: Int) -> Range<Int> {
        var end = start
        var rows: Int64 = 0
        var reach = Int64.min
        // An object starting before the objects taken end must be read with them.
        while end < objects.count, end == start || rows < Int64(rowsWanted) || objects[end].minTime <= reach {
            rows += objects[end].rowCount
            reach = max(reach, objects[end].maxTime)
            end += 1
        }
        return start..<end
    }
}
