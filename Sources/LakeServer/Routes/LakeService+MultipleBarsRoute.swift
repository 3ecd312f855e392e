import LakeCore
import LakeHTTP
import LakeQuery

/// Seed 000's `POST /api/v1/bars/multiple`: one timeframe and range over up to
/// ``LakeService/maximumSymbolsPerRequest`` symbols, answered per symbol with
/// `{success, bar_count, first_bar, last_bar}` or `{success: false, error}`.
///
/// Symbols run concurrently, at most ``multipleBarsConcurrency`` at a time (one at a time with
/// `"parallel": false`), each query loading its objects in parallel itself. Request mistakes
/// shared by all symbols (timeframe, dates, a range over `QUERY_MAX_RANGE_DAYS`) fail the
/// whole request with a 400 naming the field; a symbol's own problem fails only its entry.
extension LakeService {
    func registerMultipleBarsRoute(on router: Router) {
        router.post("/api/v1/bars/multiple") { [self] request, context in try await multipleBars(request, context: context) }
    }

    /// Symbols queried at the same time by one request.
    static let multipleBarsConcurrency = 4

    struct MultipleBarsRequest: Decodable {
        let symbols: [String]
        let timeframe: String?
        let startDate: String
        let endDate: String
        let parallel: Bool?
        let exchange: String?

        enum CodingKeys: String, CodingKey {
            case symbols, timeframe, startDate = "start_date", endDate = "end_date", parallel, exchange
        }
    }

    /// One symbol's entry; absent fields are left out.
    struct SymbolBars: Encodable, Sendable {
        var success: Bool
        var barCount: Int?
        var firstBar: String?
        var lastBar: String?
        var error: String?
        var code: String?

        enum CodingKeys: String, CodingKey {
            case success, barCount = "bar_count", firstBar = "first_bar", lastBar = "last_bar", error, code
        }
    }

    private func multipleBars(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let body = try JSONBody.decode(MultipleBarsRequest.self, from: request)
        try Self.checkSymbolCount(body.symbols.count)
        var unique: [String] = []
        for (index, symbol) in body.symbols.enumerated() where !unique.contains(symbol) {
            guard !symbol.isEmpty else { throw JSONBody.invalid("symbols[\(index)]", "must not be empty") }
            unique.append(symbol)
        }
        let symbols = unique
        let timeframe = try Self.timeframe(body.timeframe ?? "1day", status: .badRequest)
        let range = try Self.range(start: body.startDate, end: body.endDate)
        let queries = barQueries
        try await Self.answer(rangeField: "end_date") { try queries.checkRange(range) }
        let exchange = body.exchange.flatMap { $0.isEmpty ? nil : $0 }
        let stored = try symbols.map { try lakeSpelling(of: $0, exchange: exchange) }
        let concurrency = body.parallel == false ? 1 : Self.multipleBarsConcurrency
        let logger = context.logger
        let entries = try await withThrowingTaskGroup(of: (Int, SymbolBars).self) { group in
            var results = [SymbolBars?](repeating: nil, count: symbols.count)
            var next = 0
            func startNext() {
                let index = next
                next += 1
                group.addTask {
                    (index, await Self.summary(of: BarQuery(symbol: stored[index], exchange: exchange, timeframe: timeframe, range: range),
                                               queries: queries, logger: logger))
                }
            }
            while next < min(concurrency, symbols.count) { startNext() }
            while let (index, entry) = try await group.next() {
                results[index] = entry
                if next < symbols.count { startNext() }
            }
            return results.map { $0! }
        }
        return try JSONBody.response(Dictionary(uniqueKeysWithValues: zip(symbols, entries)))
    }

    /// The entry of one symbol: its bar count and first/last bar, or why there are none.
    private static func summary(of query: BarQuery, queries: BarQueryService, logger: Logger) async -> SymbolBars {
        do {
            let result = try await queries.bars(query)
            return SymbolBars(success: true, barCount: result.bars.count,
                              firstBar: result.bars.time.first.map(TimeParameter.formatWholeSeconds),
                              lastBar: result.bars.time.last.map(TimeParameter.formatWholeSeconds))
        } catch let error as QueryError where error.kind != .unreadableObject {
            let code = (httpError(error, rangeField: "end_date") as? HTTPError)?.code
            return SymbolBars(success: false, error: error.message, code: code)
        } catch {
            // Storage trouble is logged with the request id; the client gets no internals.
            logger.error("bars/multiple: query failed", [("symbol", query.symbol), ("error", String(describing: error))])
            return SymbolBars(success: false, error: "the stored data could not be read", code: "STORAGE_ERROR")
        }
    }
}
