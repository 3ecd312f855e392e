import LakeCatalog
import LakeCore

/// Reads stored trades (the `timeframe=trades` partitions) a page at a time, for seed 002's
/// trade endpoints, without reading more of a long history than the page needs.
///
/// The catalog lists the symbol's objects in time order with their time ranges and row
/// counts; a page reads a time window just long enough, by those counts, to fill it (so the
/// decoder skips the row groups and objects beyond), then further windows while it is short;
/// the latest trades are read the same way backwards from the newest one.
/// Every object overlapping a window is read with it, so the trades of overlapping objects
/// (ingest parts not yet compacted) interleave in time order. Trades are never deduplicated: two
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
        var lower = range.lowerBound
        // Doubles after each window that came up short: trades denser late in an object than early.
        var growth = 1
        // One trade more than the limit tells whether the page was cut.
        while lower < range.upperBound, collected.count <= limit {
            let wanted = (limit + 1 - collected.count) * growth
            let length = Self.windowLength(objects, from: lower, rowsWanted: wanted, forward: true)
            let window = lower..<(length.map { min(range.upperBound, lower + $0) } ?? range.upperBound)
            lower = window.upperBound
            growth = min(growth * 2, 1 << 20)
            let inWindow = objects.filter { $0.minTime < window.upperBound && $0.maxTime >= window.lowerBound }
            guard !inWindow.isEmpty else { continue }
            let batch = try await loader.trades(inWindow, range: window)
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

    /// The `limit` most recent trades, oldest first: read in time windows going back from the
    /// newest trade, each as long as the catalog's row counts say the trades still missing need
    /// (doubling while they come up short), so the history before them is never read.
    /// - Throws: as ``page(_:exchange:from:before:limit:)``.
    public func latest(_ symbol: String, exchange: String?, limit: Int) async throws -> TradePage {
        precondition(limit > 0, "a trade page holds at least one trade")
        let series = try tradeSeries(symbol, exchange: exchange)
        let objects = try catalog.objects(symbol: series.symbol, timeframe: .trades, exchange: series.exchange,
                                          overlapping: series.firstTime..<series.lastTime + 1)
        var newestFirst: [TradeBatch] = []
        var count = 0
        var upper = series.lastTime + 1
        var growth = 1
        while count < limit, upper > series.firstTime {
            let length = Self.windowLength(objects, from: upper, rowsWanted: (limit - count) * growth, forward: false)
            let window = (length.map { max(series.firstTime, upper - $0) } ?? series.firstTime)..<upper
            upper = window.lowerBound
            growth = min(growth * 2, 1 << 20)
            let inWindow = objects.filter { $0.minTime < window.upperBound && $0.maxTime >= window.lowerBound }
            guard !inWindow.isEmpty else { continue }
            let batch = try await loader.trades(inWindow, range: window)
            newestFirst.append(batch)
            count += batch.count
        }
        var trades = TradeBatch()
        for batch in newestFirst.reversed() {
            trades.time += batch.time
            trades.price += batch.price
            trades.size += batch.size
        }
        let newest = TradeBatch(time: Array(trades.time.suffix(limit)), price: Array(trades.price.suffix(limit)),
                                size: Array(trades.size.suffix(limit)))
        return TradePage(symbol: series.symbol, exchange: series.exchange, trades: newest, next: nil)
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

    /// How many milliseconds from `edge` — forward from it, or back from it (exclusive) — a read
    /// must cover to find `rowsWanted` trades, estimated from the catalog: whole objects by
    /// their row counts, and within the last one its rows spread evenly over its time range,
    /// with a quarter more time for unevenness. Nil when the objects on that side hold fewer.
    ///
    /// Reading a time window rather than whole objects lets the decoder skip the row groups
    /// outside it; an estimate that falls short only costs another window.
    static func windowLength(_ objects: [ObjectRecord], from edge: Int64, rowsWanted: Int, forward: Bool) -> Int64? {
        let candidates = forward ? objects.filter { $0.maxTime >= edge }
                                 : objects.filter { $0.minTime < edge }.sorted { $0.maxTime > $1.maxTime }
        var needed = Double(rowsWanted)
        var reach: Int64 = 1
        for object in candidates {
            // The part of the object on this side of the edge, by its distance from the edge.
            let near = forward ? max(edge, object.minTime) - edge : edge - min(edge - 1, object.maxTime)
            let far = forward ? object.maxTime - edge + 1 : edge - object.minTime + 1
            let perMillisecond = Double(object.rowCount) / Double(object.maxTime - object.minTime + 1)
            let rows = perMillisecond * Double(far - near)
            if rows >= needed {
                return max(reach, near + Int64((needed / perMillisecond * 1.25).rounded(.up)) + 1)
            }
            needed -= rows
            reach = max(reach, far)
        }
        return nil
    }
}
