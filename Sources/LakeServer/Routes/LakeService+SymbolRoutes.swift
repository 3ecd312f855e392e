import LakeCatalog
import LakeCore
import LakeHTTP

/// `GET /symbols` and `GET /symbols/{symbol}/partitions` (seed 001), answered from the catalog.
///
/// `/symbols` keeps the seed's bare-list shape (`[{"symbol": …}, …]`) so seed clients work
/// unchanged; when `limit` cuts the list, the continuation is in the `X-Next-Cursor` header
/// and a `Link: <…>; rel="next"` header (no silent truncation, and no shape change).
extension LakeService {
    func registerSymbolRoutes(on router: Router) {
        router.get("/symbols") { [self] request, _ in try listSymbols(request) }
        router.get("/symbols/{symbol}/partitions") { [self] request, context in
            try listPartitions(request, symbol: try context.parameters.require("symbol"))
        }
    }

    struct SymbolItem: Encodable {
        let symbol, exchange: String
        let timeframes: [String]
        let objects, rows, bytes: Int64
        let firstTime, lastTime: String

        enum CodingKeys: String, CodingKey {
            case symbol, exchange, timeframes, objects, rows, bytes, firstTime = "first_time", lastTime = "last_time"
        }
    }

    private func listSymbols(_ request: HTTPRequest) throws -> HTTPResponse {
        let query = request.query
        var filter = Catalog.SymbolQuery(prefix: query["prefix"] ?? "", exchange: query["exchange"].flatMap { $0.isEmpty ? nil : $0 },
                                         limit: try Self.limit(query, default: 100), cursor: query["cursor"])
        filter.timeframe = try query["timeframe"].map(Self.timeframe)
        let page = try Self.catalogCall { try lake.catalog.symbols(filter) }
        let items = page.items.map { summary in
            SymbolItem(symbol: summary.symbol, exchange: summary.exchange, timeframes: summary.timeframes.map(\.canonical),
                       objects: summary.objectCount, rows: summary.rowCount, bytes: summary.totalBytes,
                       firstTime: TimeParameter.format(summary.firstTime), lastTime: TimeParameter.format(summary.lastTime))
        }
        var headers = HTTPHeaders()
        if let next = page.nextCursor {
            headers["X-Next-Cursor"] = next
            headers["Link"] = "<\(Self.url(request, replacingCursorWith: next))>; rel=\"next\""
        }
        return try JSONBody.response(items, headers: headers)
    }

    struct PartitionItem: Encodable {
        let year: Int
        let month, day: Int?
        let timeframe, exchange, key: String
        let s3Path: String
        let format: String
        let size, rows: Int64
        let start, end: String
        let etag: String

        enum CodingKeys: String, CodingKey {
            case year, month, day, timeframe, exchange, key, s3Path = "s3_path", format, size, rows, start, end, etag
        }
    }

    struct PartitionList: Encodable {
        let symbol: String
        let count: Int
        let partitions: [PartitionItem]
        let nextCursor: String?
        let nextURL: String?

        enum CodingKeys: String, CodingKey {
            case symbol, count, partitions, nextCursor = "next_cursor", nextURL = "next_url"
        }
    }

    private func listPartitions(_ request: HTTPRequest, symbol: String) throws -> HTTPResponse {
        let query = request.query
        var filter = Catalog.PartitionQuery(exchange: query["exchange"].flatMap { $0.isEmpty ? nil : $0 },
                                            range: try TimeParameter.range(start: query["start"], end: query["end"]),
                                            limit: try Self.limit(query, default: 1_000), cursor: query["cursor"])
        filter.timeframe = try query["timeframe"].map(Self.timeframe)
        guard try Self.catalogCall({ try lake.catalog.series(symbol: symbol, exchange: filter.exchange) }).isEmpty == false else {
            throw HTTPError(.notFound, code: "SYMBOL_NOT_FOUND", message: "unknown symbol '\(symbol)'",
                            details: ["symbol": ["no partitions in the lake"]])
        }
        let page = try Self.catalogCall { try lake.catalog.partitions(symbol: symbol, filter) }
        let items = page.items.map { record in
            PartitionItem(year: record.partition.year, month: record.partition.month, day: record.partition.day,
                          timeframe: record.partition.timeframe.canonical, exchange: record.partition.exchange, key: record.key,
                          s3Path: lake.location.url(forKey: record.key), format: record.partition.format.rawValue,
                          size: record.size, rows: record.rowCount, start: TimeParameter.format(record.minTime),
                          end: TimeParameter.format(record.maxTime), etag: record.etag)
        }
        return try JSONBody.response(PartitionList(symbol: symbol, count: items.count, partitions: items, nextCursor: page.nextCursor,
                                                   nextURL: page.nextCursor.map { Self.url(request, replacingCursorWith: $0) }))
    }

    /// `limit` within the catalog's page bounds.
    static func limit(_ query: QueryParameters, default defaultValue: Int) throws(HTTPError) -> Int {
        guard let text = query["limit"] else { return defaultValue }
        guard let value = Int(text), (1...Catalog.maximumPageSize).contains(value) else {
            throw JSONBody.invalid("limit", "must be a whole number in 1…\(Catalog.maximumPageSize)")
        }
        return value
    }

    /// A timeframe in any spelling the API accepts.
    static func timeframe(_ text: String) throws(HTTPError) -> Timeframe {
        do {
            return try Timeframe(parsing: text)
        } catch {
            throw JSONBody.invalid("timeframe", "\(error)")
        }
    }

    /// Runs a catalog call, turning a bad cursor or argument into a 400.
    static func catalogCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CatalogError where error.kind == .invalidCursor {
            throw JSONBody.invalid("cursor", error.reason)
        } catch let error as CatalogError where error.kind == .invalidArgument {
            throw HTTPError(.badRequest, code: "VALIDATION_ERROR", message: error.reason)
        }
    }

    /// The request's path and query with `cursor` set to `cursor`.
    static func url(_ request: HTTPRequest, replacingCursorWith cursor: String) -> String {
        var parts = (request.queryString ?? "").split(separator: "&").filter { !$0.hasPrefix("cursor=") }.map(String.init)
        parts.append("cursor=" + cursor)
        return String(request.path) + "?" + parts.joined(separator: "&")
    }
}
