import Foundation
import LakeCatalog
import LakeCore
import LakeHTTP
import LakeQuery

/// Seed 000's symbol endpoints: `GET /api/v1/latest/{symbol}` (newest close from the finest
/// stored series), `POST /api/v1/validate` (format and lake check per symbol) and
/// `GET /api/v1/search` (reference data and lake symbols from the catalog, ranked).
extension LakeService {
    func registerSymbolQueryRoutes(on router: Router) {
        router.get("/api/v1/latest/{symbol}") { [self] request, context in
            try await latest(request, symbol: try context.parameters.require("symbol"))
        }
        router.post("/api/v1/validate") { [self] request, _ in try validate(request) }
        router.get("/api/v1/search") { [self] request, _ in try search(request) }
    }

    /// The most symbols one `validate` or `bars/multiple` request may name.
    static let maximumSymbolsPerRequest = 100

    struct LatestAnswer: Encodable {
        let symbol, exchange, timeframe: String
        let price: Double
        let timestamp: String
    }

    private func latest(_ request: HTTPRequest, symbol: String) async throws -> HTTPResponse {
        let exchange = request.query["exchange"].flatMap { $0.isEmpty ? nil : $0 }
        let stored = try lakeSpelling(of: symbol, exchange: exchange)
        let latest = try await Self.answer(rangeField: "symbol") { try await barQueries.latest(symbol: stored, exchange: exchange) }
        return try JSONBody.response(LatestAnswer(symbol: latest.symbol, exchange: latest.exchange, timeframe: latest.timeframe.canonical,
                                                  price: latest.price, timestamp: TimeParameter.formatWholeSeconds(latest.time)))
    }

    /// The lake's spelling of a symbol as a client typed it (``LakeSymbolResolver``: `btc-usdt`
    /// → `BTCUSDT`), or the text itself when the lake holds no spelling of it (the query then
    /// answers 404 naming what was asked).
    func lakeSpelling(of symbol: String, exchange: String?) throws -> String {
        try LakeSymbolResolver(catalog: lake.catalog).resolve(symbol, exchange: exchange)?.symbol ?? symbol
    }

    struct ValidateRequest: Decodable {
        let symbols: [String]
        let detailed: Bool?
    }

    private func validate(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try JSONBody.decode(ValidateRequest.self, from: request)
        try Self.checkSymbolCount(body.symbols.count)
        let validator = SymbolValidator(catalog: lake.catalog, activeSince: activeSince, activeDays: configuration.symbolActiveDays)
        var answers: [String: SymbolValidator.Result] = [:]
        for symbol in body.symbols where answers[symbol] == nil {
            answers[symbol] = try validator.validate(symbol, detailed: body.detailed ?? false)
        }
        return try JSONBody.response(answers)
    }

    /// One search hit in seed 000's shape (Polygon's reference fields). Only what the catalog
    /// knows is filled: `name` and `type` come from loaded reference data, `market` from the
    /// type; `locale` and `currency_name` are `null` as no reference source supplies them.
    struct SearchHit: Encodable {
        let listing: SymbolListing

        enum CodingKeys: String, CodingKey {
            case ticker, name, market, locale, primaryExchange = "primary_exchange", type, active, currencyName = "currency_name"
            case sector, firstBar = "first_bar", lastBar = "last_bar", timeframes
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(listing.symbol, forKey: .ticker)
            try container.encode(listing.name, forKey: .name)
            try container.encode(Self.market(of: listing.type), forKey: .market)
            try container.encode(String?.none, forKey: .locale)
            try container.encode(listing.exchange, forKey: .primaryExchange)
            try container.encode(listing.type, forKey: .type)
            try container.encode(listing.active, forKey: .active)
            try container.encode(String?.none, forKey: .currencyName)
            try container.encode(listing.sector, forKey: .sector)
            try container.encode(listing.firstBar.map(TimeParameter.formatWholeSeconds), forKey: .firstBar)
            try container.encode(listing.lastBar.map(TimeParameter.formatWholeSeconds), forKey: .lastBar)
            try container.encode(listing.timeframes.map(\.canonical), forKey: .timeframes)
        }

        /// Polygon's market names for the instrument types reference data uses.
        static func market(of type: String?) -> String? {
            switch type?.lowercased() {
            case nil: return nil
            case "crypto": return "crypto"
            case "forex", "fx": return "fx"
            case "index": return "indices"
            default: return "stocks"
            }
        }
    }

    struct SearchAnswer: Encodable {
        let query: String
        let count: Int
        let results: [SearchHit]
        let nextCursor: String?
        let nextURL: String?

        enum CodingKeys: String, CodingKey {
            case query, count, results, nextCursor = "next_cursor", nextURL = "next_url"
        }
    }

    private func search(_ request: HTTPRequest) throws -> HTTPResponse {
        let parameters = request.query
        let text = parameters["query"] ?? ""
        guard text.utf8.count <= 100 else { throw JSONBody.invalid("query", "must be at most 100 characters") }
        let page = try Self.catalogCall {
            try lake.catalog.searchSymbols(try symbolSearch(parameters, text: text, defaultLimit: 50))
        }
        return try JSONBody.response(SearchAnswer(query: text, count: page.items.count, results: page.items.map(SearchHit.init),
                                                  nextCursor: page.nextCursor,
                                                  nextURL: page.nextCursor.map { Self.url(request, replacingCursorWith: $0) }))
    }

    /// The catalog search a listing request asks for: `active_only` (default true),
    /// `exchange`, `limit`, `cursor`.
    func symbolSearch(_ parameters: QueryParameters, text: String, defaultLimit: Int) throws -> Catalog.SymbolSearch {
        Catalog.SymbolSearch(text: text, exchange: parameters["exchange"].flatMap { $0.isEmpty ? nil : $0 },
                             activeOnly: try Self.flag(parameters, "active_only", default: true), activeSince: activeSince,
                             limit: try Self.limit(parameters, default: defaultLimit), cursor: parameters["cursor"])
    }

    /// Epoch ms from which a symbol without reference data counts as active (`SYMBOL_ACTIVE_DAYS`).
    var activeSince: Int64 {
        Int64(Date().timeIntervalSince1970 * 1000) - Int64(configuration.symbolActiveDays) * 86_400_000
    }

    /// A `true`/`false` query parameter.
    static func flag(_ parameters: QueryParameters, _ name: String, default defaultValue: Bool) throws(HTTPError) -> Bool {
        switch parameters[name]?.lowercased() {
        case nil: return defaultValue
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw JSONBody.invalid(name, "must be true or false")
        }
    }

    /// 400 unless 1…``maximumSymbolsPerRequest`` symbols are named.
    static func checkSymbolCount(_ count: Int) throws(HTTPError) {
        guard count >= 1 else { throw JSONBody.invalid("symbols", "must name at least one symbol") }
        guard count <= maximumSymbolsPerRequest else {
            throw JSONBody.invalid("symbols", "names \(count) symbols; at most \(maximumSymbolsPerRequest) per request")
        }
    }
}
