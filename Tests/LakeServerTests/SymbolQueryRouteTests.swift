import Foundation
import LakeTestSupport
import Testing

/// Seed 000's `bars/multiple`, `latest`, `validate` and `search` over real sockets, on the
/// local lake and on LocalStack, from partitions written to the store and synced.
@Suite(.serialized) struct SymbolQueryRouteTests {
    @Test(arguments: ServiceHarness.Backend.allCases)
    func multipleBarsAndLatestAnswerFromStoredPartitions(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            try await SymbolLakeFixture.write(into: harness)
            for parallel in [true, false] {
                let reply = try await harness.postJSON("/api/v1/bars/multiple", [
                    "symbols": ["E2E_BARS", "btc/usdt", "NOPE", "E2E_BARS"], "timeframe": "1hour",
                    "start_date": "2025-11-03", "end_date": "2025-11-03", "parallel": parallel])
                #expect(reply.status == 200, "\(reply.text)")
                let body = try reply.json()
                #expect(body.keys.sorted() == ["E2E_BARS", "NOPE", "btc/usdt"])
                for symbol in ["E2E_BARS", "btc/usdt"] {
                    let entry = try #require(body[symbol] as? [String: Any])
                    #expect(entry["success"] as? Bool == true && entry["bar_count"] as? Int == 2, "\(symbol): \(entry)")
                    #expect(entry["first_bar"] as? String == "2025-11-03T09:00:00Z" && entry["last_bar"] as? String == "2025-11-03T10:00:00Z")
                }
                let missing = try #require(body["NOPE"] as? [String: Any])
                #expect(missing["success"] as? Bool == false && missing["code"] as? String == "SYMBOL_NOT_FOUND")
                #expect((missing["error"] as? String)?.contains("NOPE") == true && missing["bar_count"] == nil)
            }

            // The single-symbol endpoints look the typed spelling up the same way.
            let single = try await harness.postJSON("/api/v1/bars", ["symbol": "btcusdt", "timeframe": "1hour",
                                                                    "start_date": "2025-11-03", "end_date": "2025-11-03"])
            #expect(try single.json()["symbol"] as? String == "BTCUSDT" && single.json()["bar_count"] as? Int == 2, "\(single.text)")
            let stats = try await harness.curl("/v1/stats/ohlc?symbol=Btc-Usdt&interval=1h&start=2025-11-03&end=2025-11-03")
            #expect(try stats.json()["symbol"] as? String == "BTCUSDT", "\(stats.text)")

            let latest = try await harness.curl("/api/v1/latest/E2E_BARS")
            #expect(latest.status == 200, "\(latest.text)")
            let price = try latest.json()
            #expect(price["symbol"] as? String == "E2E_BARS" && price["price"] as? Double == 160)
            #expect(price["timestamp"] as? String == "2025-11-04T09:59:00Z" && price["timeframe"] as? String == "1m")
            let typed = try await harness.curl("/api/v1/latest/btc-usdt")
            #expect(try typed.json()["symbol"] as? String == "BTCUSDT" && typed.json()["price"] as? Double == 220, "\(typed.text)")
            #expect(try typed.json()["exchange"] as? String == "BINANCE")
            #expect(try await harness.curl("/api/v1/latest/btc%2Fusdt").json()["symbol"] as? String == "BTCUSDT")
            let unknown = try await harness.curl("/api/v1/latest/NOPE")
            #expect(try unknown.status == 404 && unknown.json()["error"] as? String == "SYMBOL_NOT_FOUND")
            #expect(try unknown.json()["request_id"] != nil)
        }
    }

    @Test func validateNormalisesTypesAndChecksTheLake() async throws {
        try await ServiceHarness.with(.local) { harness in
            try await SymbolLakeFixture.write(into: harness)
            let reply = try await harness.postJSON("/api/v1/validate", [
                "symbols": ["AAPL", "INVALID", "GOOGL", " btc/usdt ", "E2E_BARS", "", "cipla.ns"], "detailed": true])
            #expect(reply.status == 200, "\(reply.text)")
            let body = try reply.json()
            func entry(_ symbol: String) throws -> [String: Any] { try #require(body[symbol] as? [String: Any], "\(symbol): \(reply.text)") }

            let apple = try entry("AAPL")
            #expect(apple["valid"] as? Bool == true && apple["normalized"] as? String == "AAPL" && apple["type"] as? String == "equity")
            #expect(apple["characteristics"] as? [String] == [] && apple["warnings"] as? [String] == ["not in the lake"])
            #expect(apple["name"] as? String == "Apple Inc." && apple["lake"] == nil)
            let invalid = try entry("INVALID")
            #expect(invalid["valid"] as? Bool == false && invalid["error"] as? String == "Invalid symbol format")
            #expect(invalid["normalized"] == nil)
            #expect(try entry("GOOGL")["valid"] as? Bool == true)

            let bitcoin = try entry(" btc/usdt ")
            #expect(bitcoin["normalized"] as? String == "BTCUSDT" && bitcoin["type"] as? String == "crypto")
            #expect(bitcoin["name"] as? String == "Bitcoin / Tether" && bitcoin["exchange"] as? String == "BINANCE")
            #expect(bitcoin["characteristics"] as? [String] == ["base:BTC", "quote:USDT", "stablecoin_quote"])
            let coverage = try #require(bitcoin["lake"] as? [String: Any])
            #expect(coverage["timeframes"] as? [String] == ["1m", "15m"] && coverage["rows"] as? Int == 128)
            #expect(coverage["first_bar"] as? String == "2025-11-03T09:00:00Z" && coverage["last_bar"] as? String == "2025-11-03T10:59:00Z")
            #expect((bitcoin["warnings"] as? [String])?.contains { $0.hasPrefix("no data in the last 14 days") } == true)

            let lakeOnly = try entry("E2E_BARS")
            #expect(lakeOnly["valid"] as? Bool == true && lakeOnly["type"] as? String == "unknown")
            #expect((lakeOnly["warnings"] as? [String])?.contains("format not recognised; valid because the lake holds it") == true)
            #expect(try entry("")["reason"] as? String == "symbol is empty")
            let yahoo = try entry("cipla.ns")
            #expect(yahoo["normalized"] as? String == "CIPLA.NS" && yahoo["exchange"] as? String == "NSE")
            #expect(yahoo["warnings"] as? [String] == ["not in the lake"])

            let brief = try await harness.postJSON("/api/v1/validate", ["symbols": ["eth-btc"]])
            let short = try #require(try brief.json()["eth-btc"] as? [String: Any])
            #expect(short["normalized"] as? String == "ETHBTC" && short["type"] as? String == "crypto")
            #expect(short["characteristics"] == nil && short["lake"] == nil)

            for (body, field) in [(["symbols": "AAPL"], "symbols"), ([:], "symbols"), (["symbols": [String]()], "symbols"),
                                  (["symbols": (0...100).map { "S\($0)" }], "symbols"), (["symbols": ["A"], "detailed": "yes"], "detailed")]
                as [([String: Any], String)] {
                let refused = try await harness.postJSON("/api/v1/validate", body)
                #expect(refused.status == 400, "\(body): \(refused.text)")
                #expect((try refused.json()["details"] as? [String: Any])?[field] != nil, "\(body): \(refused.text)")
            }
        }
    }

    @Test func searchRanksReferenceAndLakeSymbolsAndPages() async throws {
        try await ServiceHarness.with(.local) { harness in
            try await SymbolLakeFixture.write(into: harness)
            let apple = try await harness.curl("/api/v1/search?query=apple")
            #expect(apple.status == 200, "\(apple.text)")
            let found = try apple.json()
            #expect(found["query"] as? String == "apple" && found["count"] as? Int == 1)
            let hit = try #require((found["results"] as? [[String: Any]])?.first)
            #expect(hit["ticker"] as? String == "AAPL" && hit["name"] as? String == "Apple Inc." && hit["market"] as? String == "stocks")
            #expect(hit["primary_exchange"] as? String == "NASDAQ" && hit["type"] as? String == "equity" && hit["active"] as? Bool == true)
            #expect(hit["locale"] is NSNull && hit["currency_name"] is NSNull && hit["first_bar"] is NSNull)

            let bitcoin = try #require((try await harness.curl("/api/v1/search?query=BITCOIN").json()["results"] as? [[String: Any]])?.first)
            #expect(bitcoin["ticker"] as? String == "BTCUSDT" && bitcoin["market"] as? String == "crypto")
            #expect(bitcoin["timeframes"] as? [String] == ["1m", "15m"] && bitcoin["first_bar"] as? String == "2025-11-03T09:00:00Z")

            // Symbols without reference data are active only with recent bars (SYMBOL_ACTIVE_DAYS).
            func tickers(_ query: String) async throws -> [String] {
                let reply = try await harness.curl("/api/v1/search?\(query)")
                #expect(reply.status == 200, "\(query): \(reply.text)")
                return try (reply.json()["results"] as? [[String: Any]] ?? []).compactMap { $0["ticker"] as? String }
            }
            #expect(try await tickers("query=") == ["AAPL", "BTCUSDT", "RECENT_CO"])
            #expect(try await tickers("query=e2e") == [])
            #expect(try await tickers("query=e2e&active_only=false") == ["E2E_BARS"])
            // Ticker prefix, then name substring ("Bitcoin / Tether"), then ticker substring.
            #expect(try await tickers("query=r&active_only=false") == ["RECENT_CO", "BTCUSDT", "E2E_BARS"])
            #expect(try await tickers("query=&exchange=NYSE") == ["RECENT_CO"])

            let first = try await harness.curl("/api/v1/search?query=&active_only=false&limit=3")
            #expect(try first.json()["count"] as? Int == 3)
            let next = try #require(try first.json()["next_url"] as? String)
            let rest = try await harness.curl(next)
            #expect(try (rest.json()["results"] as? [[String: Any]])?.compactMap { $0["ticker"] as? String } == ["RECENT_CO"])
            #expect(try !(rest.json()["next_url"] is String))

            for (query, field) in [("query=a&active_only=maybe", "active_only"), ("query=a&limit=0", "limit"),
                                   ("query=a&cursor=garbage", "cursor"), ("query=\(String(repeating: "x", count: 101))", "query")] {
                let refused = try await harness.curl("/api/v1/search?\(query)")
                #expect(refused.status == 400, "\(query): \(refused.text)")
                #expect((try refused.json()["details"] as? [String: Any])?[field] != nil, "\(query): \(refused.text)")
            }
        }
    }

    @Test func rangesOverTheConfiguredMaximumAreRefusedNamingTheField() async throws {
        try await ServiceHarness.with(.local, extra: ["QUERY_MAX_RANGE_DAYS": "30"]) { harness in
            try await SymbolLakeFixture.write(into: harness)
            let cases: [(ServiceHarness.Reply, String)] = [
                (try await harness.postJSON("/api/v1/bars", ["symbol": "E2E_BARS", "timeframe": "1day", "start_date": "2025-10-01",
                                                             "end_date": "2025-11-03"]), "end_date"),
                (try await harness.postJSON("/api/v1/bars/multiple", ["symbols": ["E2E_BARS"], "start_date": "2025-10-01",
                                                                      "end_date": "2025-11-03"]), "end_date"),
                (try await harness.curl("/v1/stats/ohlc?symbol=E2E_BARS&start=2025-10-01&end=2025-11-03"), "end"),
                (try await harness.curl("/v1/stocks/E2E_BARS/prices?from_date=2025-10-01&to_date=2025-11-03"), "to_date"),
            ]
            for (reply, field) in cases {
                #expect(reply.status == 400, "\(reply.text)")
                let body = try reply.json()
                #expect(body["error"] as? String == "RANGE_TOO_LARGE" && body["request_id"] != nil && body["path"] != nil, "\(reply.text)")
                #expect((body["message"] as? String)?.contains("maximum of 30 days") == true)
                #expect((body["details"] as? [String: Any])?[field] != nil, "\(reply.text)")
            }
            // 30 days exactly is allowed; without a start, stats reach back as far as the maximum allows.
            let allowed = try await harness.postJSON("/api/v1/bars", ["symbol": "E2E_BARS", "timeframe": "1day",
                                                                      "start_date": "2025-10-06", "end_date": "2025-11-04"])
            #expect(allowed.status == 200, "\(allowed.text)")
            #expect(try await harness.curl("/v1/stats/ohlc?symbol=E2E_BARS&end=2025-11-04").status == 200)
            let shared = try await harness.postJSON("/api/v1/bars/multiple", ["symbols": ["E2E_BARS"], "timeframe": "fortnight",
                                                                               "start_date": "2025-11-03", "end_date": "2025-11-03"])
            #expect(try shared.status == 400 && (shared.json()["details"] as? [String: Any])?["timeframe"] != nil, "\(shared.text)")
        }
    }
}
