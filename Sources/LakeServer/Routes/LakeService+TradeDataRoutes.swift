import LakeCore
import LakeHTTP
import LakeQuery

/// Seed 002's trade endpoints, answered from the lake's `timeframe=trades` partitions in the
/// seed's envelope `{success, data, message, timestamp (epoch ms), error}` (400 bad parameters,
/// 404 unknown symbol or a symbol with no trades):
///
/// - `GET /api/v1/data/trades/{symbol}` — `start_time`, `end_time` (epoch ms, or the API's
///   other time forms; the end is exclusive), `limit` (1…10,000, default 1,000), `exchange`.
///   Oldest first. When the limit cuts the range, `message` says so and `next_url` continues
///   right after the last trade returned: `start_time` is that trade's millisecond and
///   `offset` the number of trades at that millisecond already returned, so trades sharing
///   a millisecond are never lost or repeated across pages.
/// - `GET /api/v1/data/trades/{symbol}/latest` — `limit` (1…1,000, default 100): the most
///   recent trades, oldest first (as Binance's recent-trades endpoint orders them).
///
/// The lake keeps time, price and size per trade, no exchange trade ids or sides, so every
/// trade's `aggregate_id`, `first_trade_id`, `last_trade_id` and `is_buyer_maker` are `null`
/// (``TradeListJSON``) and `from_id` is refused with a 400 pointing at `start_time`.
extension LakeService {
    func registerTradeDataRoutes(on router: Router) {
        router.get("/api/v1/data/trades/{symbol}") { [self] request, context in
            let symbol = try context.parameters.require("symbol")
            return try await Self.envelopedTrades { try await trades(request, symbol: symbol) }
        }
        router.get("/api/v1/data/trades/{symbol}/latest") { [self] request, context in
            let symbol = try context.parameters.require("symbol")
            return try await Self.envelopedTrades { try await latestTrades(request, symbol: symbol) }
        }
    }

    /// The engine over this service's lake, reading through the service's object cache.
    var tradeQueries: TradeQueryService { TradeQueryService(catalog: lake.catalog, loader: queryLoader) }

    /// The largest `limit` of the trade list, as the seed says.
    static let maximumTradeLimit = 10_000
    /// The largest `limit` of the latest trades, as the seed says.
    static let maximumLatestTradeLimit = 1_000

    private func trades(_ request: HTTPRequest, symbol: String) async throws -> HTTPResponse {
        let query = request.query
        if query["from_id"] != nil {
            throw JSONBody.invalid("from_id", "this lake keeps no trade ids (aggregate_id is null); page by start_time, following next_url")
        }
        let limit = try Self.tradeLimit(query, default: 1_000, maximum: Self.maximumTradeLimit)
        let start = try query["start_time"].map { text throws(HTTPError) in try TimeParameter.parse(text, field: "start_time", isEnd: false) }
        let end = try query["end_time"].map { text throws(HTTPError) in try TimeParameter.parse(text, field: "end_time", isEnd: true) }
        if let start, let end, end <= start { throw JSONBody.invalid("end_time", "must be after start_time") }
        let skip = try Self.offset(query, hasStart: start != nil)
        let exchange = Self.exchange(query)
        let page = try await tradeQueries.page(try lakeSpelling(of: symbol, exchange: exchange), exchange: exchange,
                                               from: TradePage.Position(time: start ?? .min, skip: skip), before: end ?? .max,
                                               limit: limit)
        let nextURL = page.next.map { Self.url(request, continuingAt: $0) }
        let message = "Retrieved \(page.trades.count) trades for \(page.symbol)"
            + (nextURL == nil ? "" : "; the limit of \(limit) cut the range, more follow at next_url")
        return try TradeListJSON.response(page.trades, message: message, nextURL: nextURL, now: Self.epochMilliseconds())
    }

    private func latestTrades(_ request: HTTPRequest, symbol: String) async throws -> HTTPResponse {
        let limit = try Self.tradeLimit(request.query, default: 100, maximum: Self.maximumLatestTradeLimit)
        let exchange = Self.exchange(request.query)
        let page = try await tradeQueries.latest(try lakeSpelling(of: symbol, exchange: exchange), exchange: exchange, limit: limit)
        return try TradeListJSON.response(page.trades, message: "Retrieved \(page.trades.count) latest trades for \(page.symbol)",
                                          nextURL: nil, now: Self.epochMilliseconds())
    }

    /// `limit` in 1…`maximum`.
    private static func tradeLimit(_ query: QueryParameters, default defaultValue: Int, maximum: Int) throws(HTTPError) -> Int {
        guard let text = query["limit"] else { return defaultValue }
        guard let value = Int(text), (1...maximum).contains(value) else {
            throw JSONBody.invalid("limit", "must be a whole number in 1…\(maximum)")
        }
        return value
    }

    /// `offset`: how many trades at exactly `start_time` the previous page returned.
    private static func offset(_ query: QueryParameters, hasStart: Bool) throws(HTTPError) -> Int {
        guard let text = query["offset"] else { return 0 }
        guard let value = Int(text), value >= 0 else {
            throw JSONBody.invalid("offset", "must be a whole number of trades at start_time to skip, 0 or more")
        }
        guard hasStart else { throw JSONBody.invalid("offset", "counts trades at start_time, so it needs start_time") }
        return value
    }

    /// The `exchange` query value, nil when absent or empty.
    private static func exchange(_ query: QueryParameters) -> String? {
        query["exchange"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The request's path and query with `start_time` and `offset` set to `position` (no
    /// `offset` when it is 0).
    static func url(_ request: HTTPRequest, continuingAt position: TradePage.Position) -> String {
        var parts = (request.queryString ?? "").split(separator: "&")
            .filter { !$0.hasPrefix("start_time=") && !$0.hasPrefix("offset=") && $0 != "start_time" && $0 != "offset" }
            .map(String.init)
        parts.append("start_time=\(position.time)")
        if position.skip > 0 { parts.append("offset=\(position.skip)") }
        return String(request.path) + "?" + parts.joined(separator: "&")
    }

    /// Runs a trade handler: engine errors take the seeds' statuses (``httpError(_:rangeField:)``)
    /// and every `HTTPError` is answered in seed 002's envelope.
    private static func envelopedTrades(_ body: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        let outcome: Result<HTTPResponse, any Error>
        do {
            outcome = .success(try await answer(rangeField: "start_time", body))
        } catch {
            outcome = .failure(error)
        }
        return try enveloped { try outcome.get() }
    }
}
