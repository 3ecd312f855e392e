import Foundation
import LakeTestSupport
import Testing

/// Seed 002's ticker endpoints over real sockets, in the seed's `{success, data, message,
/// timestamp, error}` envelope, errors included.
@Suite(.serialized) struct TickerRouteTests {
    @Test(arguments: ServiceHarness.Backend.allCases)
    func tickerAndMaterializedViewsComeFromTheCatalog(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            try await SymbolLakeFixture.write(into: harness)
            let ticker = try await harness.curl("/api/v1/tickers/BTCUSDT")
            #expect(ticker.status == 200, "\(ticker.text)")
            let envelope = try ticker.json()
            #expect(envelope["success"] as? Bool == true && envelope["error"] is NSNull && envelope["timestamp"] is Int)
            let data = try #require(envelope["data"] as? [String: Any])
            #expect(data["symbol"] as? String == "BTCUSDT" && data["exchange"] as? String == "BINANCE" && data["name"] as? String == "Bitcoin / Tether")
            #expect(data["first_bar"] as? Int64 == SymbolLakeFixture.nineUTC && data["last_bar"] as? Int64 == SymbolLakeFixture.nineUTC + 119 * 60_000)
            #expect(data["timeframes"] as? [String] == ["1m", "15m"] && data["total_rows"] as? Int == 128 && data["objects"] as? Int == 2)

            let mvs = try await harness.curl("/api/v1/tickers/BTCUSDT/mvs")
            #expect(mvs.status == 200, "\(mvs.text)")
            let views = try #require(try mvs.json()["data"] as? [[String: Any]])
            #expect(try mvs.json()["message"] as? String == "Retrieved 2 materialized views for BTCUSDT")
            #expect(views.compactMap { $0["name"] as? String } == ["ohlcv_1_btcusdt_mv", "ohlcv_15_btcusdt_mv"])
            #expect(views.compactMap { $0["timeframe_minutes"] as? Int } == [1, 15])
            #expect(views.compactMap { $0["total_rows"] as? Int } == [120, 8])
            #expect(views.compactMap { $0["precomputed"] as? Bool } == [false, true])
            let series = try harness.service.lake.catalog.series(symbol: "BTCUSDT")
            #expect(views.compactMap { $0["total_bytes"] as? Int64 } == series.map(\.totalBytes))
            #expect(series.allSatisfy { $0.totalBytes > 0 })

            for path in ["/api/v1/tickers/NOPE", "/api/v1/tickers/NOPE/mvs"] {
                let missing = try await harness.curl(path)
                #expect(missing.status == 404, "\(path): \(missing.text)")
                let body = try missing.json()
                #expect(body["success"] as? Bool == false && body["data"] is NSNull && body["error"] as? String == "SYMBOL_NOT_FOUND")
                #expect((body["message"] as? String)?.contains("NOPE") == true && body["timestamp"] is Int)
            }
        }
    }

    @Test func tickerListShowsActiveTickersAndPages() async throws {
        try await ServiceHarness.with(.local) { harness in
            try await SymbolLakeFixture.write(into: harness)
            func symbols(_ path: String) async throws -> (symbols: [String], envelope: [String: Any]) {
                let reply = try await harness.curl(path)
                #expect(reply.status == 200, "\(path): \(reply.text)")
                let envelope = try reply.json()
                return ((envelope["data"] as? [[String: Any]] ?? []).compactMap { $0["symbol"] as? String }, envelope)
            }
            let active = try await symbols("/api/v1/tickers/")
            #expect(active.symbols == ["AAPL", "BTCUSDT", "RECENT_CO"])
            #expect(active.envelope["message"] as? String == "Retrieved 3 active tickers" && active.envelope["next_url"] == nil)
            #expect(try await symbols("/api/v1/tickers").symbols == active.symbols)
            #expect(try await symbols("/api/v1/tickers/?active_only=false").symbols == ["AAPL", "BTCUSDT", "E2E_BARS", "RECENT_CO"])
            #expect(try await symbols("/api/v1/tickers/?exchange=NSE&active_only=false").symbols == ["E2E_BARS"])

            let first = try await symbols("/api/v1/tickers/?active_only=false&limit=2")
            #expect(first.symbols == ["AAPL", "BTCUSDT"])
            let next = try #require(first.envelope["next_url"] as? String)
            #expect(try await symbols(next).symbols == ["E2E_BARS", "RECENT_CO"])

            let lakeOnly = try await harness.curl("/api/v1/tickers/E2E_BARS")
            let data = try #require(try lakeOnly.json()["data"] as? [String: Any])
            #expect(data["name"] is NSNull && data["type"] is NSNull && data["active"] as? Bool == false)

            // Known only from reference data: listed, described, with no stored timeframes.
            let apple = try #require(try await harness.curl("/api/v1/tickers/aapl").json()["data"] as? [String: Any])
            #expect(apple["name"] as? String == "Apple Inc." && apple["timeframes"] as? [String] == [] && apple["first_bar"] is NSNull)
            let appleViews = try await harness.curl("/api/v1/tickers/AAPL/mvs")
            #expect(try appleViews.status == 200 && (appleViews.json()["data"] as? [Any])?.isEmpty == true, "\(appleViews.text)")

            let refused = try await harness.curl("/api/v1/tickers/?limit=0")
            #expect(refused.status == 400)
            #expect(try refused.json()["success"] as? Bool == false && refused.json()["error"] as? String == "VALIDATION_ERROR")
        }
    }
}
