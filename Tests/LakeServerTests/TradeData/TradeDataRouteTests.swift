import Foundation
import LakeTestSupport
import Testing

/// Seed 002's trade endpoints over real sockets, on the local lake and on LocalStack: trades
/// sent to `POST /v1/trades/ingest` come back from `GET /api/v1/data/trades/{symbol}` (ranges,
/// limits, `next_url` paging that splits milliseconds) and `…/latest`, in the seed's envelope.
@Suite(.serialized) struct TradeDataRouteTests {
    typealias Trade = TradeDataFixture.Trade

    @Test(arguments: ServiceHarness.Backend.allCases)
    func tradesComeBackInTimeOrderAndPageWithoutLosingSharedMilliseconds(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            let fixture = TradeDataFixture()
            try await fixture.ingest(into: harness)

            let whole = try await harness.curl("/api/v1/data/trades/btc-usdt?limit=10000")
            #expect(whole.status == 200, "\(whole.text)")
            let envelope = try whole.json()
            #expect(envelope["success"] as? Bool == true && envelope["error"] is NSNull && envelope["timestamp"] is Int64)
            #expect(envelope["message"] as? String == "Retrieved 300 trades for BTCUSDT" && envelope["next_url"] == nil)
            let all = try TradeDataFixture.trades(whole)
            #expect(all.map(\.time) == fixture.all.map(\.time))
            #expect(TradeDataFixture.counted(all) == TradeDataFixture.counted(fixture.all))
            // Outside the middle day (one part per day) the stored order is the ingested order, ties included.
            let january3 = (TradeDataFixture.start + 7_200_000)..<(TradeDataFixture.start + 93_600_000)
            #expect(all.filter { !january3.contains($0.time) } == fixture.main.filter { !january3.contains($0.time) })

            // Pages of 7 from next_url to next_url reproduce the whole list exactly, splitting shared milliseconds.
            var paged: [Trade] = []
            var next: String? = "/api/v1/data/trades/BTCUSDT?limit=7"
            var splitMilliseconds = 0
            while let path = next {
                let page = try await harness.curl(path)
                #expect(page.status == 200, "\(path): \(page.text)")
                let trades = try TradeDataFixture.trades(page)
                paged += trades
                next = try page.json()["next_url"] as? String
                if next != nil {
                    #expect(trades.count == 7)
                    #expect(try (page.json()["message"] as? String)?.contains("more follow at next_url") == true)
                    if next!.contains("offset=") { splitMilliseconds += 1 }
                }
                #expect(paged.count <= all.count, "paging does not end")
                if paged.count > all.count { break }
            }
            #expect(paged == all)
            #expect(splitMilliseconds > 0, "no page ended inside a millisecond shared by several trades")

            // A range: start inclusive, end exclusive in epoch ms; a date-only end includes its day.
            let (from, to) = (all[40].time, all[200].time)
            let ranged = try await harness.curl("/api/v1/data/trades/BTCUSDT?start_time=\(from)&end_time=\(to)")
            #expect(try TradeDataFixture.trades(ranged) == all.filter { $0.time >= from && $0.time < to }, "\(ranged.text)")
            let iso = try await harness.curl("/api/v1/data/trades/BTCUSDT?start_time=2025-01-03T00:00:00Z&end_time=2025-01-03")
            #expect(try TradeDataFixture.trades(iso) == all.filter { january3.contains($0.time) })
            let empty = try await harness.curl("/api/v1/data/trades/BTCUSDT?start_time=\(all.last!.time + 1)")
            #expect(try empty.status == 200 && TradeDataFixture.trades(empty).isEmpty, "\(empty.text)")

            for limit in [1, 5, 100, 1000] {
                let latest = try await harness.curl("/api/v1/data/trades/BTCUSDT/latest?limit=\(limit)")
                #expect(latest.status == 200, "\(latest.text)")
                #expect(try TradeDataFixture.trades(latest) == Array(all.suffix(limit)), "latest \(limit)")
                #expect(try latest.json()["message"] as? String == "Retrieved \(min(limit, 300)) latest trades for BTCUSDT")
            }
            let defaultLatest = try await harness.curl("/api/v1/data/trades/BTCUSDT/latest")
            #expect(try TradeDataFixture.trades(defaultLatest) == Array(all.suffix(100)))
            // Ingest stored the trades under exchange UNKNOWN (no reference data names one).
            let named = try await harness.curl("/api/v1/data/trades/BTCUSDT/latest?limit=3&exchange=UNKNOWN")
            #expect(try TradeDataFixture.trades(named) == Array(all.suffix(3)), "\(named.text)")
            let elsewhere = try await harness.curl("/api/v1/data/trades/BTCUSDT?exchange=NSE")
            #expect(elsewhere.status == 404, "\(elsewhere.text)")

            for path in ["/api/v1/data/trades/NOPE", "/api/v1/data/trades/NOPE/latest"] {
                let missing = try await harness.curl(path)
                #expect(missing.status == 404, "\(path): \(missing.text)")
                let body = try missing.json()
                #expect(body["success"] as? Bool == false && body["data"] is NSNull && body["error"] as? String == "SYMBOL_NOT_FOUND")
                #expect((body["message"] as? String)?.contains("NOPE") == true)
            }
        }
    }

    /// Every parameter problem is a 400 in the envelope naming the field, before the symbol is looked up.
    @Test(arguments: [
        ("?limit=0", "limit"), ("?limit=10001", "limit"), ("?limit=ten", "limit"), ("?limit=", "limit"),
        ("?start_time=yesterday", "start_time"), ("?end_time=17350000000000000000", "end_time"),
        ("?start_time=2000&end_time=1000", "end_time"), ("?start_time=1000&end_time=1000", "end_time"),
        ("?from_id=26129", "from_id"), ("?offset=3", "offset"), ("?start_time=1000&offset=-1", "offset"),
        ("?start_time=1000&offset=x", "offset"),
        ("/latest?limit=0", "limit"), ("/latest?limit=1001", "limit"), ("/latest?limit=1.5", "limit"),
    ])
    func badParametersAreRefusedNamingTheField(query: String, field: String) async throws {
        try await ServiceHarness.with(.local) { harness in
            let reply = try await harness.curl("/api/v1/data/trades/BTCUSDT" + query)
            #expect(reply.status == 400, "\(query): \(reply.text)")
            let body = try reply.json()
            #expect(body["success"] as? Bool == false && body["data"] is NSNull && body["error"] as? String == "VALIDATION_ERROR")
            #expect((body["message"] as? String)?.hasPrefix(field + ":") == true, "\(query): \(reply.text)")
        }
    }

    @Test func fromIdExplainsThatTheLakeKeepsNoTradeIds() async throws {
        try await ServiceHarness.with(.local) { harness in
            let reply = try await harness.curl("/api/v1/data/trades/BTCUSDT?from_id=1")
            #expect(try (reply.json()["message"] as? String)?.contains("no trade ids") == true, "\(reply.text)")
            #expect(try (reply.json()["message"] as? String)?.contains("start_time") == true, "\(reply.text)")
        }
    }

    /// A Python client, as the seed's examples are written: `requests`, following `next_url`.
    @Test func aPythonRequestsClientPagesThroughEveryTrade() async throws {
        try await ServiceHarness.with(.local) { harness in
            let fixture = TradeDataFixture(seed: 5)
            try await fixture.ingest(into: harness, symbol: "ETHUSDT")
            let result = try await ServiceHarness.python("""
                import sys, json, requests
                base = sys.argv[1]
                url, trades, pages = base + '/api/v1/data/trades/ETHUSDT?limit=50&start_time=0', [], 0
                while url:
                    response = requests.get(url, timeout=10)
                    response.raise_for_status()
                    body = response.json()
                    assert body['success'] is True and body['error'] is None, body
                    trades += body['data']
                    pages += 1
                    url = base + body['next_url'] if body.get('next_url') else None
                assert all(t['aggregate_id'] is None and t['is_buyer_maker'] is None for t in trades)
                print(json.dumps({'pages': pages, 'times': [t['timestamp'] for t in trades],
                                  'volume': round(sum(t['quantity'] for t in trades), 6)}))
                """, [harness.baseURL])
            #expect(result.status == 0, "\(result.standardError)")
            let answer = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
            #expect(answer["pages"] as? Int == 6)
            #expect(answer["times"] as? [Int64] == fixture.all.map(\.time))
            let volume = fixture.all.reduce(0) { $0 + $1.quantity }
            #expect(abs((answer["volume"] as? Double ?? 0) - volume) < 1e-6)
        }
    }
}
