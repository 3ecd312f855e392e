import Foundation
import LakeCatalog
import LakeCore
import LakeHTTP
import LakeQuery
import LakeStorage

/// The market-data endpoints over the query engine: seed 000's `POST /api/v1/bars`, seed 003's
/// `GET /v1/stats/ohlc` and seed 004's `GET /v1/stocks/{code}/prices`. Each parses its
/// request, asks ``BarQueryService`` and streams the seed's envelope (`format=ndjson|csv|parquet`
/// on the bars endpoint). Symbols may be typed as clients do (`btc-usdt`): the lake's spelling
/// is looked up first (``lakeSpelling(of:exchange:)``).
extension LakeService {
    func registerMarketDataRoutes(on router: Router) {
        router.post("/api/v1/bars") { [self] request, _ in try await bars(request) }
        router.get("/v1/stats/ohlc") { [self] request, _ in try await statsOHLC(request) }
        router.get("/v1/stocks/{code}/prices") { [self] request, context in
            try await prices(request, code: try context.parameters.require("code"))
        }
    }

    /// The engine over this service's lake; remote lakes read through the service's one ``ObjectCache``.
    var barQueries: BarQueryService { Self.queryService(catalog: lake.catalog, configuration: configuration, loader: queryLoader) }

    /// The engine over `catalog` with the configuration's time zones and range limit.
    static func queryService(catalog: Catalog, configuration: ServerConfiguration, loader: ObjectLoader) -> BarQueryService {
        var service = BarQueryService(planner: QueryPlanner(catalog: catalog, timeZones: configuration.exchangeTimeZones), loader: loader)
        service.maximumRangeDays = configuration.queryMaxRangeDays
        return service
    }

    struct BarsRequest: Decodable {
        let symbol: String
        let timeframe: String?
        let startDate: String?
        let endDate: String?
        let limit: Int?
        let useCache: Bool?
        let validate: Bool?
        let exchange: String?
        let fill: String?
        let format: String?

        enum CodingKeys: String, CodingKey {
            case symbol, timeframe, startDate = "start_date", endDate = "end_date", limit, useCache = "use_cache", validate
            case exchange, fill, format
        }
    }

    private func bars(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try JSONBody.decode(BarsRequest.self, from: request)
        let timeframeText = body.timeframe ?? "1day"
        let format = try Self.choice(body.format ?? request.query["format"] ?? "json", field: "format", as: BarOutputFormat.self)
        let fill = try Self.choice(body.fill ?? "none", field: "fill", as: FillPolicy.self)
        if let limit = body.limit, limit < 1 { throw JSONBody.invalid("limit", "must be at least 1") }
        let (startDate, endDate) = Self.seedDates(start: body.startDate, end: body.endDate)
        let query = BarQuery(symbol: try lakeSpelling(of: body.symbol, exchange: body.exchange), exchange: body.exchange,
                             timeframe: try Self.timeframe(timeframeText, status: .badRequest),
                             range: try Self.range(start: startDate, end: endDate, fields: ("start_date", "end_date")),
                             fill: fill, limit: body.limit)
        let engine = body.useCache == false ? barQueries.bypassingCache() : barQueries
        let result = try await Self.answer(rangeField: "end_date") { try await engine.bars(query) }
        let stream = SeedEnvelopes.bars(result, timeframe: timeframeText, startDate: startDate, endDate: endDate,
                                        cached: result.servedFromCache, validate: body.validate ?? true, format: format)
        return Self.streamed(stream, format: format)
    }

    private func statsOHLC(_ request: HTTPRequest) async throws -> HTTPResponse {
        let parameters = request.query
        guard let symbol = parameters["symbol"], !symbol.isEmpty else { throw JSONBody.invalid("symbol", "is required") }
        let interval = parameters["interval"] ?? "1d"
        let timeframe = try Self.timeframe(interval, status: .unprocessableContent)
        // Without a start, the range reaches back as far as QUERY_MAX_RANGE_DAYS allows.
        let end = parameters["end"] ?? RFC3339.format(Int64(Date().timeIntervalSince1970), unit: .seconds)
        let earliest = configuration.queryMaxRangeDays.map { days in (RequestTime.end(end) ?? 0) - Int64(days) * 86_400_000 } ?? 0
        let range = try Self.range(start: parameters["start"] ?? RFC3339.format(max(earliest, 0), unit: .milliseconds), end: end,
                                   fields: ("start", "end"))
        let limit = try parameters["limit"].map { text throws -> Int in
            guard let value = Int(text), value > 0 else { throw JSONBody.invalid("limit", "must be a positive integer") }
            return value
        }
        let result = try await Self.answer(rangeField: "end") {
            try await barQueries.bars(BarQuery(symbol: try lakeSpelling(of: symbol, exchange: nil), timeframe: timeframe, range: range,
                                               limit: limit))
        }
        return Self.streamed(SeedEnvelopes.statsOHLC(result, interval: interval, format: .json), format: .json)
    }

    private func prices(_ request: HTTPRequest, code: String) async throws -> HTTPResponse {
        let parameters = request.query
        let interval = parameters["interval"] ?? "daily"
        // Seed 004 (5.3.3) answers a value outside a parameter's choices with a 400 VALIDATION_ERROR naming it.
        guard ["daily", "weekly", "monthly"].contains(interval) else { throw JSONBody.invalid("interval", "must be daily, weekly or monthly") }
        let now = Int64(Date().timeIntervalSince1970)
        let range = try Self.range(start: parameters["from_date"] ?? RFC3339.format(now - 365 * 86_400, unit: .seconds),
                                   end: parameters["to_date"] ?? RFC3339.format(now, unit: .seconds), fields: ("from_date", "to_date"))
        let result = try await Self.answer(rangeField: "to_date") {
            try await barQueries.bars(BarQuery(symbol: try lakeSpelling(of: code, exchange: nil), timeframe: try Timeframe(parsing: interval),
                                               range: range))
        }
        return Self.streamed(SeedEnvelopes.prices(result, stockCode: code, interval: interval), format: .json)
    }

    private static func streamed(_ stream: BarByteStream, format: BarOutputFormat) -> HTTPResponse {
        var response = HTTPResponse(status: .ok, body: .sequence(stream))
        response.headers["Content-Type"] = format.contentType
        return response
    }

    private static func choice<Value: RawRepresentable & CaseIterable>(_ text: String, field: String, as: Value.Type) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw JSONBody.invalid(field, "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    static func timeframe(_ text: String, status: HTTPStatus) throws -> Timeframe {
        let problem: String
        do {
            let timeframe = try Timeframe(parsing: text)
            if timeframe.isBar { return timeframe }
            problem = "trades are not a bar timeframe"
        } catch {
            problem = error.description
        }
        throw HTTPError(status, code: "INVALID_INTERVAL", message: "unsupported timeframe '\(text.prefix(40))'",
                        details: ["timeframe": [problem]])
    }

    /// Seed 000's `start_date` and `end_date`, which it does not mark as required (000:216-224):
    /// absent, they default as seed 004's price history does (004:300-301) — the end to today
    /// (UTC, the whole day), the start to 365 days before the end.
    static func seedDates(start: String?, end: String?, now: Date = Date()) -> (start: String, end: String) {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let endText = end ?? String(RFC3339.format(nowSeconds, unit: .seconds).prefix(10))
        let endMilliseconds = RequestTime.end(endText) ?? nowSeconds * 1000
        let startText = start ?? String(RFC3339.format(endMilliseconds / 1000 - 365 * 86_400, unit: .seconds).prefix(10))
        return (startText, endText)
    }

    /// `start..<end` from a request's two time texts; a 400 names the request's field at fault
    /// (`fields.start` when the start is unreadable, else `fields.end`).
    static func range(start: String, end: String, fields: (start: String, end: String)) throws(HTTPError) -> Range<Int64> {
        do {
            return try RequestTime.range(start: start, end: end)
        } catch {
            throw JSONBody.invalid(RequestTime.start(start) == nil ? fields.start : fields.end, error.message)
        }
    }

    /// Runs the engine, turning ``QueryError`` into the seeds' statuses; a range over
    /// `QUERY_MAX_RANGE_DAYS` is blamed on `rangeField`.
    static func answer<Result>(rangeField: String, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as QueryError {
            throw httpError(error, rangeField: rangeField)
        }
    }

    /// The response for a ``QueryError``: unknown symbol and empty range → 404, unsupported
    /// timeframe → 422, other request mistakes → 400 (DESIGN.md's shape); unreadable objects
    /// stay internal errors (500, detail in the log).
    static func httpError(_ error: QueryError, rangeField: String) -> any Error {
        switch error.kind {
        case .unknownSymbol: return HTTPError(.notFound, code: "SYMBOL_NOT_FOUND", message: error.message)
        case .noData: return HTTPError(.notFound, code: "NO_DATA", message: error.message)
        case .unsupportedTimeframe: return HTTPError(.unprocessableContent, code: "INVALID_INTERVAL", message: error.message)
        case .rangeTooLarge:
            return HTTPError(.badRequest, code: "RANGE_TOO_LARGE", message: error.message, details: [rangeField: [error.message]])
        case .ambiguousSymbol:
            return HTTPError(.badRequest, code: "VALIDATION_ERROR", message: error.message, details: ["exchange": [error.message]])
        case .invalidRange: return HTTPError(.badRequest, code: "VALIDATION_ERROR", message: error.message)
        case .unreadableObject: return error
        }
    }
}
