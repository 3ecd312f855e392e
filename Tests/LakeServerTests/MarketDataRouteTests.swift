import Foundation
import LakeCore
import LakeTestSupport
import Testing

/// The market-data endpoints end to end over real sockets, on the local lake and on
/// LocalStack: partitions written to the store, a sync, then bars through every route.
@Suite(.serialized) struct MarketDataRouteTests {
    @Test(arguments: ServiceHarness.Backend.allCases)
    func barsStatsAndPricesAnswerFromUploadedPartitions(backend: ServiceHarness.Backend) async throws {
        let harness = try ServiceHarness(backend)
        defer { Task { await harness.stop() } }
        // 120 one-minute bars from 09:00 UTC on 2025-11-03: open 100 + i, high +2, low −1, close +1, volume per fixture.
        let bars = LakeFixtures.bars(count: 120)
        try await harness.service.lake.store.put(harness.key(LakeFixtures.key("E2E_BARS")), bytes: try LakeFixtures.parquet(bars))
        #expect(try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"]).status == 200)

        let hourly = try await harness.postJSON("/api/v1/bars", ["symbol": "E2E_BARS", "timeframe": "1hour", "start_date": "2025-11-03",
                                                           "end_date": "2025-11-03", "limit": 1])
        #expect(hourly.status == 200, "\(hourly.text)")
        let body = try hourly.json()
        let data = try #require(body["data"] as? [[String: Any]])
        #expect(data.count == 1 && body["bar_count"] as? Int == 1 && body["truncated"] as? Bool == true)
        #expect(data[0]["timestamp"] as? String == "2025-11-03T09:00:00Z")
        #expect(data[0]["open"] as? Double == 100 && data[0]["high"] as? Double == 161 && data[0]["close"] as? Double == 160)
        #expect(body["next_start"] as? String == "2025-11-03T10:00:00Z")
        #expect((body["validation"] as? [String: Any])?["valid"] as? Bool == true)

        let csv = try await harness.curl("/api/v1/bars?format=csv", ["-X", "POST", "--data-binary",
            #"{"symbol":"E2E_BARS","timeframe":"173","start_date":"2025-11-03","end_date":"2025-11-03"}"#])
        #expect(csv.status == 200 && csv.headers["content-type"]?.hasPrefix("text/csv") == true)
        #expect(csv.text.split(separator: "\n").count == 3)   // header + the 173-minute buckets starting 06:12 and 09:05 UTC

        let stats = try await harness.curl("/v1/stats/ohlc?symbol=E2E_BARS&interval=5min&start=2025-11-03T09:00:00Z&end=2025-11-03T09:10:00Z")
        #expect(stats.status == 200)
        #expect((try stats.json()["data"] as? [[String: Any]])?.count == 2)
        #expect(try await harness.curl("/v1/stats/ohlc?symbol=E2E_BARS&interval=fortnight").status == 422)
        #expect(try await harness.curl("/v1/stats/ohlc?symbol=NOPE").status == 404)
        #expect(try await harness.curl("/v1/stats/ohlc?symbol=E2E_BARS&start=2020-01-01&end=2020-01-02").status == 404)
        #expect(try await harness.curl("/v1/stats/ohlc?symbol=E2E_BARS&start=2025-11-04&end=2025-11-02").status == 400)

        let prices = try await harness.curl("/v1/stocks/E2E_BARS/prices?from_date=2025-11-01&to_date=2025-11-30&interval=weekly")
        #expect(prices.status == 200, "\(prices.text)")
        let week = try #require((try prices.json()["prices"] as? [[String: Any]])?.first)
        #expect(week["trade_date"] as? String == "2025-11-03" && week["open"] as? Double == 100 && week["close"] as? Double == 220)
    }
}
