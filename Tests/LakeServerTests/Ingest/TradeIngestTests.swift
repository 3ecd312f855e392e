import Foundation
import LakeTestSupport
import Testing

/// Seed 003's round trip over a real socket, on the local lake and on LocalStack: trades sent
/// to `POST /v1/trades/ingest` become one Parquet part per UTC day, and `GET /v1/stats/ohlc`
/// and `POST /api/v1/bars` answer from them at once with the bars pandas computes; repeats
/// are answered once.
@Suite(.serialized) struct TradeIngestTests {
    /// 2025-01-02T23:00:00Z: two hours of trades from here span two UTC days.
    static let lateOnJanuary2: Int64 = 1_735_858_800_000

    @Test(arguments: ServiceHarness.Backend.allCases)
    func tradesSpanningTwoDaysAreStoredPerDayAndAggregatedAsPandasDoes(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            let fixture = IngestTradeFixture(count: 720, start: Self.lateOnJanuary2, step: 10_000)
            let reply = try await Self.ingest(harness, fixture.body(symbol: "eth-usdt"))
            #expect(reply.status == 200, "\(reply.text)")
            let summary = try reply.json()
            #expect(summary["symbol"] as? String == "ETHUSDT" && summary["exchange"] as? String == "UNKNOWN")
            #expect(summary["accepted"] as? Int == 720 && summary["duplicate"] as? Bool == false)
            #expect(summary["start"] as? String == "2025-01-02T23:00:00.000Z" && summary["end"] as? String == "2025-01-03T00:59:50.000Z")
            let objects = try #require(summary["objects"] as? [[String: Any]])
            let keys = objects.compactMap { $0["key"] as? String }
            let partition = harness.basePrefix + "/timeframe=trades/exchange=UNKNOWN/symbol=ETHUSDT/year=2025/month=01/"
            #expect(keys.count == 2 && keys[0].hasPrefix(partition + "day=02/part-") && keys[1].hasPrefix(partition + "day=03/part-"),
                    "\(keys)")
            #expect(objects.compactMap { $0["rows"] as? Int } == [360, 360])
            #expect(try await Self.storedKeys(harness) == keys.sorted())
            // The catalog rows written with the answer are what a sync of the store finds: nothing to add or change.
            let sync = try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"])
            let report = try #require(try sync.json()["data"] as? [String: Any], "\(sync.text)")
            #expect(report["added"] as? Int == 0 && report["changed"] as? Int == 0 && report["unchanged"] as? Int == 2, "\(sync.text)")

            for (interval, rule) in [("5min", "5min"), ("1h", "1h")] {
                let stats = try await harness.curl("/v1/stats/ohlc?symbol=ETHUSDT&interval=\(interval)&start=2025-01-02&end=2025-01-03")
                #expect(stats.status == 200, "\(stats.text)")
                let (served, pandas) = (try IngestTradeFixture.statsBars(stats), try await fixture.pandasBars(rule: rule))
                #expect(served == pandas, "interval \(interval): served \(served.prefix(3)), pandas \(pandas.prefix(3))")
            }
            let bars = try await harness.postJSON("/api/v1/bars", ["symbol": "ETHUSDT", "timeframe": "1hour", "start_date": "2025-01-02",
                                                                   "end_date": "2025-01-03"])
            #expect(try bars.status == 200 && (bars.json()["bar_count"] as? Int) == 2, "\(bars.text)")
        }
    }

    @Test(arguments: ServiceHarness.Backend.allCases)
    func repeatsAreAnsweredOnceAndAKeyGuardsItsBatch(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            let fixture = IngestTradeFixture(count: 50, start: Self.lateOnJanuary2 - 3_600_000, step: 60_000)
            let first = try await Self.ingest(harness, fixture.body(symbol: "ETHUSDT"))
            #expect(first.status == 200, "\(first.text)")
            let stored = try await Self.storedKeys(harness)
            #expect(stored.count == 1)

            // The same trades, reformatted (bare list, epoch ms, other order and spacing), without a key: the same batch.
            let again = try await Self.ingest(harness, fixture.epochBody(symbol: "ETHUSDT"))
            #expect(try again.status == 200 && (again.json()["duplicate"] as? Bool) == true, "\(again.text)")
            #expect(try Self.withoutDuplicate(again) == (try Self.withoutDuplicate(first)))
            #expect(try await Self.storedKeys(harness) == stored)

            // Under an Idempotency-Key the same trades are another batch, stored once more (trades are not deduplicated).
            let keyed = try await Self.ingest(harness, fixture.body(symbol: "ETHUSDT", bare: true), key: "batch-7")
            #expect(try keyed.status == 200 && (keyed.json()["duplicate"] as? Bool) == false, "\(keyed.text)")
            #expect(try keyed.json()["idempotency_key"] as? String == "batch-7")
            let twice = try await Self.storedKeys(harness)
            #expect(twice.count == 2)
            let keyedAgain = try await Self.ingest(harness, fixture.body(symbol: "ETHUSDT"), key: "batch-7")
            #expect(try keyedAgain.status == 200 && (keyedAgain.json()["duplicate"] as? Bool) == true, "\(keyedAgain.text)")

            let other = IngestTradeFixture(count: 5, start: Self.lateOnJanuary2, step: 1_000, seed: 9)
            let reused = try await Self.ingest(harness, other.body(symbol: "ETHUSDT"), key: "batch-7")
            #expect(try reused.status == 422 && (reused.json()["error"] as? String) == "IDEMPOTENCY_KEY_REUSED", "\(reused.text)")
            #expect(try await Self.storedKeys(harness) == twice)

            let stats = try await harness.curl("/v1/stats/ohlc?symbol=ETHUSDT&interval=1h&start=2025-01-02&end=2025-01-02")
            let pandas = try await fixture.pandasBars(rule: "1h", copies: 2)
            #expect(try IngestTradeFixture.statsBars(stats) == pandas, "\(stats.text) vs pandas \(pandas)")
        }
    }

    /// POSTs `body` to the ingest endpoint, with an `Idempotency-Key` when given.
    static func ingest(_ harness: ServiceHarness, _ body: String, key: String? = nil) async throws -> ServiceHarness.Reply {
        try await harness.curl("/v1/trades/ingest", ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body]
                                   + (key.map { ["-H", "Idempotency-Key: \($0)"] } ?? []))
    }

    /// The keys of every trades object in the harness's lake, from the store itself.
    static func storedKeys(_ harness: ServiceHarness) async throws -> [String] {
        var keys: [String] = []
        for try await page in harness.service.lake.store.pages(prefix: harness.basePrefix + "/timeframe=trades/") {
            keys += page.objects.map(\.key)
        }
        return keys.sorted()
    }

    /// A summary without its `duplicate` flag, for comparing a first answer with its repeat.
    static func withoutDuplicate(_ reply: ServiceHarness.Reply) throws -> NSDictionary {
        var summary = try reply.json()
        summary.removeValue(forKey: "duplicate")
        return summary as NSDictionary
    }
}
