import LakeCatalog
import LakeCore

/// Turns a ``BarQuery`` into a ``QueryPlan`` using only the catalog: the bucket is never listed
/// on the query path.
///
/// The source is the *coarsest* stored timeframe that resamples exactly into the request
/// (`ExchangeCalendar.canResample`), whose grid the range's bounds fall on (otherwise a partial
/// first or last bar would be computed from whole coarse bars), and whose series covers the
/// first and last bucket the finest series has in the range. Precomputed series are assumed
/// complete between their first and last bar; a coarse series that starts late or stops early
/// is passed over for a finer one.
///
/// Trades are the finest series of all, so once a symbol whose history is stored as bars also
/// gets trades (a backfill of bars, then live ingest), no bar series covers the trades' span.
/// The range is then answered in two parts: the bars up to the end of the last bar of the bar
/// series reaching furthest (planned by the same rule over the bars alone), and the trades from
/// there on. Where bars and trades overlap, the bars win; a bucket holding the switch combines
/// both parts (its VWAP from the parts that carry one). Trades stored before the bars' first bar
/// are not read then: the history part is the bars'.
///
/// ```swift
/// let planner = QueryPlanner(catalog: catalog, timeZones: try ExchangeTimeZones())
/// let plan = try planner.plan(BarQuery(symbol: "AAPL", timeframe: .day, range: start..<end))
/// plan.source        // 1h if hourly bars are stored for the range, else 1m
/// ```
public struct QueryPlanner: Sendable {
    /// The index of every stored object.
    public let catalog: Catalog
    /// Exchange → time zone, for calendar buckets and offset checks.
    public let timeZones: ExchangeTimeZones

    /// A planner over `catalog`.
    public init(catalog: Catalog, timeZones: ExchangeTimeZones) {
        self.catalog = catalog
        self.timeZones = timeZones
    }

    /// The plan for `query`.
    /// - Throws: ``QueryError`` (`.invalidRange`, `.unknownSymbol`, `.ambiguousSymbol`,
    ///   `.unsupportedTimeframe`, `.noData`) or a catalog error.
    public func plan(_ query: BarQuery) throws -> QueryPlan {
        guard !query.range.isEmpty else {
            throw QueryError(.invalidRange, "the range \(query.range.lowerBound)..<\(query.range.upperBound) ms is empty")
        }
        guard query.timeframe.isBar else {
            throw QueryError(.unsupportedTimeframe, "bar queries need a bar timeframe, not trades")
        }
        let allSeries = try catalog.series(symbol: query.symbol, exchange: query.exchange)
        guard let first = allSeries.first else {
            let place = query.exchange.map { " on \($0)" } ?? ""
            throw QueryError(.unknownSymbol, "symbol '\(query.symbol)'\(place) is not in the catalog")
        }
        let exchanges = Set(allSeries.map(\.exchange))
        guard exchanges.count == 1 else {
            throw QueryError(.ambiguousSymbol, "symbol '\(query.symbol)' trades on \(exchanges.sorted().joined(separator: ", ")); name the exchange")
        }
        let exchange = first.exchange
        let calendar = timeZones.calendar(for: exchange)
        let newest = try part(of: query, over: query.range, among: allSeries, calendar: calendar)
        guard newest.source == .trades, let history = try history(of: query, among: allSeries, calendar: calendar) else {
            return QueryPlan(query: query, exchange: exchange, calendar: calendar, parts: [newest])
        }
        let tradesRange = history.range.upperBound..<query.range.upperBound
        let trades = tradesRange.isEmpty ? [] : try catalog.objects(symbol: query.symbol, timeframe: .trades, exchange: exchange,
                                                                    overlapping: tradesRange)
        let parts = trades.isEmpty ? [history] : [history, QueryPlan.Part(source: .trades, range: tradesRange, objects: trades)]
        return QueryPlan(query: query, exchange: exchange, calendar: calendar, parts: parts)
    }

    /// The single series that answers `range` by the rule above, and its objects.
    private func part(of query: BarQuery, over range: Range<Int64>, among allSeries: [SeriesSummary],
                      calendar: ExchangeCalendar) throws -> QueryPlan.Part {
        let usable = allSeries.filter { series in
            series.firstTime < range.upperBound && series.lastTime >= range.lowerBound
                && calendar.canResample(series.timeframe, into: query.timeframe, over: range)
        }.sorted { $0.timeframe < $1.timeframe }
        guard let finest = usable.first else {
            if allSeries.contains(where: { calendar.canResample($0.timeframe, into: query.timeframe, over: range) }) {
                throw QueryError(.noData, "no data for '\(query.symbol)' in the requested range")
            }
            let stored = allSeries.map(\.timeframe.canonical).joined(separator: ", ")
            throw QueryError(.unsupportedTimeframe,
                             "'\(query.symbol)' is stored as \(stored), which cannot be aggregated exactly into \(query.timeframe.canonical)")
        }
        let needed = max(range.lowerBound, finest.firstTime)...min(range.upperBound - 1, finest.lastTime)
        for series in usable.reversed() where series.timeframe == finest.timeframe
            || (Self.isAligned(range, to: series.timeframe, calendar: calendar)
                && Self.covers(series, needed, calendar: calendar)) {
            let objects = try catalog.objects(symbol: query.symbol, timeframe: series.timeframe, exchange: series.exchange,
                                              overlapping: range)
            if objects.isEmpty { continue }
            return QueryPlan.Part(source: series.timeframe, range: range, objects: objects)
        }
        throw QueryError(.noData, "no data for '\(query.symbol)' in the requested range")
    }

    /// The part of the range the bar series answer when trades were chosen for all of it: from
    /// the range's start to the end of the furthest-reaching bar series' last bar; nil when no
    /// bar series has a bar in the range.
    private func history(of query: BarQuery, among allSeries: [SeriesSummary], calendar: ExchangeCalendar) throws -> QueryPlan.Part? {
        let range = query.range
        let bars = allSeries.filter { $0.timeframe.isBar && calendar.canResample($0.timeframe, into: query.timeframe, over: range) }
        let ends = bars.compactMap { series -> Int64? in
            guard series.firstTime < range.upperBound, series.lastTime >= range.lowerBound else { return nil }
            return try? calendar.bucket(containing: series.lastTime, timeframe: series.timeframe).upperBound
        }
        guard let furthest = ends.max() else { return nil }
        let cut = min(furthest, range.upperBound)
        guard cut > range.lowerBound else { return nil }
        do {
            return try part(of: query, over: range.lowerBound..<cut, among: bars, calendar: calendar)
        } catch let error as QueryError where error.kind == .noData || error.kind == .unsupportedTimeframe {
            return nil
        }
    }

    /// Whether both ends of `range` are bucket boundaries of `timeframe`.
    static func isAligned(_ range: Range<Int64>, to timeframe: Timeframe, calendar: ExchangeCalendar) -> Bool {
        [range.lowerBound, range.upperBound].allSatisfy { bound in
            switch timeframe.kind {
            case .trades: return true
            case .minutes(let minutes): return bound % (Int64(minutes) * 60_000) == 0
            case .day, .week, .month:
                return (try? calendar.bucket(containing: bound, timeframe: timeframe).lowerBound) == bound
            }
        }
    }

    /// Whether `series` holds the buckets of the first and last instant of `needed`.
    static func covers(_ series: SeriesSummary, _ needed: ClosedRange<Int64>, calendar: ExchangeCalendar) -> Bool {
        guard series.timeframe.isBar,
              let first = try? calendar.bucket(containing: needed.lowerBound, timeframe: series.timeframe),
              let last = try? calendar.bucket(containing: needed.upperBound, timeframe: series.timeframe) else {
            return series.firstTime <= needed.lowerBound && series.lastTime >= needed.upperBound
        }
        return series.firstTime <= first.lowerBound && series.lastTime >= last.lowerBound
    }
}
