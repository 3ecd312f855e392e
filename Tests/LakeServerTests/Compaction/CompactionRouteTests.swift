import Foundation
import LakeCore
import LakeTestSupport
import Testing

/// `POST /api/v1/admin/compact` over a local lake and a LocalStack bucket: trades ingested in
/// many small batches read the same before and after, and the compacted objects are plain
/// Parquet for pyarrow and DuckDB.
@Suite struct CompactionRouteTests {
    @Test(arguments: ServiceHarness.Backend.allCases)
    func compactingIngestedTradesChangesNoAnswer(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            let fixture = TradeDataFixture()
            let batches = try await Self.ingestInSmallBatches(fixture, into: harness)
            let before = try TradeDataFixture.trades(try await harness.curl("/api/v1/data/trades/BTCUSDT?limit=10000"))
            #expect(before.count == fixture.all.count)

            let reply = try await harness.postJSON("/api/v1/admin/compact", ["timeframe": "trades", "symbol": "BTCUSDT", "min_parts": 2])
            #expect(reply.status == 200, "\(reply.text)")
            let data = try #require(try reply.json()["data"] as? [String: Any], "\(reply.text)")
            let compacted = try #require(data["compacted"] as? [[String: Any]])
            // One part per batch per UTC day it touches: the days with two or more are compacted.
            let day = { (trade: TradeDataFixture.Trade) in trade.time / 86_400_000 }
            let partsPerDay = batches.flatMap { Set($0.map(day)) }.reduce(into: [Int64: Int]()) { $0[$1, default: 0] += 1 }
            let crowded = partsPerDay.filter { $0.value >= 2 }
            #expect(data["partitions"] as? Int == crowded.count)
            #expect(compacted.count == crowded.count)
            #expect(data["objects_before"] as? Int == crowded.values.reduce(0, +))
            #expect(data["objects_after"] as? Int == crowded.count)
            #expect(data["rows"] as? Int == fixture.all.filter { crowded.keys.contains(day($0)) }.count)
            #expect(try #require(data["bytes_after"] as? Int) < (try #require(data["bytes_before"] as? Int)))

            let after = try TradeDataFixture.trades(try await harness.curl("/api/v1/data/trades/BTCUSDT?limit=10000"))
            #expect(after == before)
            // Nothing left to do; a sync finds nothing to add.
            let again = try await harness.curl("/api/v1/admin/compact?timeframe=trades", ["-X", "POST"])
            #expect(try #require(try again.json()["data"] as? [String: Any])["partitions"] as? Int == 0, "\(again.text)")
            let sync = try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"])
            #expect(try #require(try sync.json()["data"] as? [String: Any])["added"] as? Int == 0, "\(sync.text)")
            #expect(try TradeDataFixture.trades(try await harness.curl("/api/v1/data/trades/BTCUSDT?limit=10000")) == before)
            let status = try #require(try await harness.curl("/status").json()["compaction"] as? [String: Any])
            #expect((status["running"] as? [String])?.isEmpty == true && status["replaced_parts_pending"] as? Int == 0, "\(status)")
            #expect(status["interval_seconds"] as? Int == 0 && status["min_parts"] as? Int == 100, "\(status)")

            let busiest = try #require(compacted.max { ($0["rows"] as? Int ?? 0) < ($1["rows"] as? Int ?? 0) })
            try await Self.readWithPyarrowAndDuckDB(harness, key: try #require(busiest["key"] as? String),
                                                    rows: try #require(busiest["rows"] as? Int),
                                                    replaced: try #require(busiest["objects_before"] as? Int))
        }
    }

    /// Ingests the fixture's main trades in batches of 30, then its late batch: several parts on
    /// each of three days. Returns the batches.
    static func ingestInSmallBatches(_ fixture: TradeDataFixture, into harness: ServiceHarness) async throws -> [[TradeDataFixture.Trade]] {
        let batches = stride(from: 0, to: fixture.main.count, by: 30).map { Array(fixture.main[$0..<min($0 + 30, fixture.main.count)]) } + [fixture.late]
        for batch in batches {
            let reply = try await harness.curl("/v1/trades/ingest", ["-X", "POST", "-H", "Content-Type: application/json",
                                                                     "--data-binary", TradeDataFixture.body(batch, symbol: "BTCUSDT")])
            #expect(reply.status == 200, "\(reply.text)")
        }
        return batches
    }

    @Test func closedPartitionsAreCompactedInTheBackgroundWhenEnabled() async throws {
        try await ServiceHarness.with(.local, extra: ["COMPACT_INTERVAL": "1", "COMPACT_MIN_PARTS": "2"]) { harness in
            let fixture = TradeDataFixture()
            // Compactions may run between these ingests: the parts written meanwhile survive.
            _ = try await Self.ingestInSmallBatches(fixture, into: harness)
            let catalog = harness.service.lake.catalog
            for _ in 0..<100 where try !catalog.crowdedPartitions(minimumObjects: 2, timeframe: .trades).isEmpty {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try catalog.crowdedPartitions(minimumObjects: 2, timeframe: .trades).isEmpty)
            let trades = try TradeDataFixture.trades(try await harness.curl("/api/v1/data/trades/BTCUSDT?limit=10000"))
            #expect(TradeDataFixture.counted(trades) == TradeDataFixture.counted(fixture.all))
        }
    }

    /// pyarrow and DuckDB read the compacted object: its rows in time order, and the footer
    /// naming the parts it replaced.
    static func readWithPyarrowAndDuckDB(_ harness: ServiceHarness, key: String, rows: Int, replaced: Int) async throws {
        let source = harness.backend == .s3 ? "s3:" + key : harness.lakeDirectory + "/" + key
        let result = try await ServiceHarness.python(ServiceHarness.boto3Prelude + """
            import io, tempfile, duckdb, pyarrow.parquet as pq
            source = sys.argv[1]
            if source.startswith('s3:'):
                data = s3.get_object(Bucket=bucket, Key=source[3:])['Body'].read()
                path = tempfile.mktemp(suffix='.parquet')
                open(path, 'wb').write(data)
            else:
                path = source
            table = pq.read_table(path)
            meta = table.schema.metadata
            times = table.column(0).to_pylist()
            t = table.column_names[0]
            count, ordered = duckdb.sql(f"SELECT count(*), bool_and(p IS NULL OR {t} >= p) FROM (SELECT {t}, lag({t}) OVER "
                                        f"(ORDER BY file_row_number) AS p FROM read_parquet('{path}', file_row_number = true))").fetchall()[0]
            print(json.dumps({'rows': table.num_rows, 'sorted': times == sorted(times), 'duckdb_rows': count, 'duckdb_sorted': ordered,
                              'replaces': len(json.loads(meta[b'candlelake.replaces'])), 'rank': json.loads(meta[b'candlelake.rank'])}))
            """, [source])
        #expect(result.status == 0, "\(result.standardError)")
        let answer = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any], "\(result.standardError)")
        #expect(answer["rows"] as? Int == rows)
        #expect(answer["duckdb_rows"] as? Int == rows)
        #expect(answer["sorted"] as? Bool == true)
        #expect(answer["duckdb_sorted"] as? Bool == true)
        #expect(answer["replaces"] as? Int == replaced)
        #expect((answer["rank"] as? [String: Any])?["file_name"] is String)
    }

    @Test(arguments: [
        ("?timeframe=fortnightly", 422, "timeframe"),
        ("?min_parts=1", 400, "min_parts"),
        ("?start=yesterday", 400, "start"),
        ("?bucket=x", 400, "bucket"),
    ])
    func badParametersAreRefusedNamingTheField(query: String, status: Int, field: String) async throws {
        try await ServiceHarness.with(.local) { harness in
            let reply = try await harness.curl("/api/v1/admin/compact" + query, ["-X", "POST"])
            #expect(reply.status == status, "\(reply.text)")
            #expect(reply.text.contains(field), "\(reply.text)")
        }
    }
}
