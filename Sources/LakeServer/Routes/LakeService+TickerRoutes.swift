import LakeCatalog
import LakeCore
import LakeHTTP

/// Seed 002's ticker management under `/api/v1/tickers/…`, in its envelope
/// `{success, data, message, timestamp (epoch ms), error}` — errors included, with the status
/// the seed lists (400 bad parameters, 404 unknown symbol):
///
/// - `GET /api/v1/tickers/` — active tickers (`active_only=false` for all; `exchange`,
///   `limit` (default 1000), `cursor`; a cut list carries `next_url`).
/// - `GET /api/v1/tickers/{symbol}` — reference data and what the lake holds.
/// - `GET /api/v1/tickers/{symbol}/mvs` — the stored timeframes ("materialized views"): each
///   with `name` (`ohlcv_15_btcusdt_mv`), `timeframe_minutes` (null for calendar timeframes),
///   rows and bytes from the catalog.
extension LakeService {
    func registerTickerRoutes(on router: Router) {
        router.get("/api/v1/tickers") { [self] request, _ in try Self.enveloped { try listTickers(request) } }
        router.get("/api/v1/tickers/{symbol}") { [self] request, context in
            let symbol = try context.parameters.require("symbol")
            return try Self.enveloped { try ticker(request, symbol: symbol) }
        }
        router.get("/api/v1/tickers/{symbol}/mvs") { [self] request, context in
            let symbol = try context.parameters.require("symbol")
            return try Self.enveloped { try materializedViews(request, symbol: symbol) }
        }
    }

    /// One ticker: reference data (null where none was loaded) and the lake's totals, times in epoch ms.
    struct TickerInfo: Encodable {
        let listing: SymbolListing

        enum CodingKeys: String, CodingKey {
            case symbol, exchange, name, type, sector, active, firstBar = "first_bar", lastBar = "last_bar", timeframes
            case objects, totalRows = "total_rows", totalBytes = "total_bytes"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(listing.symbol, forKey: .symbol)
            try container.encode(listing.exchange, forKey: .exchange)
            try container.encode(listing.name, forKey: .name)
            try container.encode(listing.type, forKey: .type)
            try container.encode(listing.sector, forKey: .sector)
            try container.encode(listing.active, forKey: .active)
            try container.encode(listing.firstBar, forKey: .firstBar)
            try container.encode(listing.lastBar, forKey: .lastBar)
            try container.encode(listing.timeframes.map(\.canonical), forKey: .timeframes)
            try container.encode(listing.objectCount, forKey: .objects)
            try container.encode(listing.rowCount, forKey: .totalRows)
            try container.encode(listing.totalBytes, forKey: .totalBytes)
        }
    }

    private func listTickers(_ request: HTTPRequest) throws -> HTTPResponse {
        let search = try symbolSearch(request.query, text: "", defaultLimit: 1_000)
        let page = try Self.catalogCall { try lake.catalog.searchSymbols(search) }
        let what = search.activeOnly ? "active tickers" : "tickers"
        return try JSONBody.response(Envelope(success: true, data: page.items.map(TickerInfo.init),
                                              message: "Retrieved \(page.items.count) \(what)\(page.nextCursor == nil ? "" : "; more follow at next_url")",
                                              timestamp: Self.epochMilliseconds(), error: nil,
                                              nextURL: page.nextCursor.map { Self.url(request, replacingCursorWith: $0) }))
    }

    private func ticker(_ request: HTTPRequest, symbol: String) throws -> HTTPResponse {
        let listing = try tickerListing(symbol, exchange: request.query["exchange"].flatMap { $0.isEmpty ? nil : $0 })
        return try JSONBody.response(Envelope(success: true, data: TickerInfo(listing: listing),
                                              message: "Retrieved ticker \(listing.symbol) on \(listing.exchange)",
                                              timestamp: Self.epochMilliseconds(), error: nil))
    }

    /// One stored timeframe in seed 002's materialized-view shape.
    struct MaterializedView: Encodable {
        let name: String
        let timeframe: String
        let timeframeMinutes: Int?
        let totalRows, totalBytes, objects: Int64
        let firstBar, lastBar: Int64
        let precomputed: Bool

        enum CodingKeys: String, CodingKey {
            case name, timeframe, timeframeMinutes = "timeframe_minutes", totalRows = "total_rows", totalBytes = "total_bytes"
            case objects, firstBar = "first_bar", lastBar = "last_bar", precomputed
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(timeframe, forKey: .timeframe)
            try container.encode(timeframeMinutes, forKey: .timeframeMinutes)
            try container.encode(totalRows, forKey: .totalRows)
            try container.encode(totalBytes, forKey: .totalBytes)
            try container.encode(objects, forKey: .objects)
            try container.encode(firstBar, forKey: .firstBar)
            try container.encode(lastBar, forKey: .lastBar)
            try container.encode(precomputed, forKey: .precomputed)
        }
    }

    private func materializedViews(_ request: HTTPRequest, symbol: String) throws -> HTTPResponse {
        let listing = try tickerListing(symbol, exchange: request.query["exchange"].flatMap { $0.isEmpty ? nil : $0 })
        let bars = try lake.catalog.series(symbol: listing.symbol, exchange: listing.exchange).filter(\.timeframe.isBar)
        let finest = bars.first?.timeframe
        let views = bars.map { series in
            MaterializedView(name: "ohlcv_\(series.timeframe.minutes.map(String.init) ?? series.timeframe.canonical)_\(listing.symbol.lowercased())_mv",
                             timeframe: series.timeframe.canonical, timeframeMinutes: series.timeframe.minutes,
                             totalRows: series.rowCount, totalBytes: series.totalBytes, objects: series.objectCount,
                             firstBar: series.firstTime, lastBar: series.lastTime, precomputed: series.timeframe != finest)
        }
        return try JSONBody.response(Envelope(success: true, data: views,
                                              message: "Retrieved \(views.count) materialized views for \(listing.symbol)",
                                              timestamp: Self.epochMilliseconds(), error: nil))
    }

    /// The ticker a client names: the first spelling of `symbol` (``LakeSymbolResolver``) that
    /// the lake holds or reference data describes, on `exchange` when given.
    /// - Throws: 404 when nothing is known of it, 400 when it is on several exchanges and none was named.
    private func tickerListing(_ symbol: String, exchange: String?) throws -> SymbolListing {
        for spelling in LakeSymbolResolver.spellings(of: symbol) {
            // Exact tickers rank first, so the first page holds every exchange listing this one.
            let search = Catalog.SymbolSearch(text: spelling, exchange: exchange, activeSince: activeSince, limit: 500)
            let listings = try lake.catalog.searchSymbols(search).items.filter { $0.symbol == spelling }
            guard let listing = listings.first else { continue }
            guard listings.count == 1 else {
                throw JSONBody.invalid("exchange", "'\(spelling)' is on \(listings.map(\.exchange).joined(separator: ", ")); name one")
            }
            return listing
        }
        let place = exchange.map { " on \($0)" } ?? ""
        throw HTTPError(.notFound, code: "SYMBOL_NOT_FOUND", message: "symbol '\(symbol)'\(place) is neither in the lake nor in the reference data")
    }

    /// Runs a seed 002 handler, answering its `HTTPError`s in the seed's envelope.
    static func enveloped(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try body()
        } catch let error as HTTPError {
            var response = try JSONBody.response(Envelope<String>(success: false, data: nil, message: error.message,
                                                                  timestamp: epochMilliseconds(), error: error.code),
                                                 status: error.status)
            for (name, value) in error.headers { response.headers[name] = value }
            return response
        }
    }

    static func epochMilliseconds() -> Int64 { CatalogReconciler.systemNow() }
}
