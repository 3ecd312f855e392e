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
        let range = query.range
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
            let objects = try catalog.objects(symbol: query.symbol, timeframe: series.timeframe, exchange: exchange,
                                              overlapping: range)
            if objects.isEmpty { continue }
            return QueryPlan(query: query, exchange: exchange, source: series.timeframe, calendar: calendar, objects: objects)
        }
        throw QueryError(.noData, "no data for '\(query.symbol)' in the requested range")
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
